/**
 * A live dashboard page for circuit breakers, served only when
 * {@code resilience.dashboard.enabled=true}.
 */
package dev.resilience.spring.dashboard;
