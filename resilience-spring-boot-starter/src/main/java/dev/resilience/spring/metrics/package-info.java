/**
 * Micrometer meters for retry instances and circuit breakers.
 */
package dev.resilience.spring.metrics;
