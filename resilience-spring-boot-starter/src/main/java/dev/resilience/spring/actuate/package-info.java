/**
 * Actuator endpoint for circuit breakers.
 */
package dev.resilience.spring.actuate;
