/**
 * Actuator endpoints for circuit breakers ({@code breakers}) and retry instances
 * ({@code retries}).
 */
package dev.resilience.spring.actuate;
