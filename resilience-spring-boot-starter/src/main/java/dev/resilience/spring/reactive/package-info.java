/**
 * Reactor operators that apply a retry and a circuit breaker of {@code resilience-core} to a
 * {@code Mono} or a {@code Flux}, per subscription and without blocking. The advice uses them for
 * methods that return {@code Mono} or {@code Flux}, and applications can use them directly through
 * {@code transform}. Reactor is an optional dependency of the starter, so these classes need
 * {@code reactor-core} on the classpath.
 */
package dev.resilience.spring.reactive;
