/**
 * Spring AOP support for {@code @Retryable} and {@code @CircuitGuarded}: an advisor, its pointcut
 * and the interceptor that runs each call through a cached pipeline of fallback, retry and circuit
 * breaker, for methods that return a value, a {@code CompletionStage}, or a Reactor {@code Mono} or
 * {@code Flux}.
 */
package dev.resilience.spring.aop;
