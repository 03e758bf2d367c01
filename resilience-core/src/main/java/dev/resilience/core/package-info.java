/**
 * Resilience policies for plain Java: {@link dev.resilience.core.breaker.CircuitBreaker circuit
 * breakers} and {@link dev.resilience.core.retry.Retry retries}, each with a builder, an immutable
 * configuration and a registry. Time and randomness are injected through
 * {@link dev.resilience.core.time}, so behaviour over time can be tested without sleeping.
 */
package dev.resilience.core;
