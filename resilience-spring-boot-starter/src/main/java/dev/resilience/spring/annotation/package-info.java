/**
 * Annotations that put retry and circuit breaker behaviour on Spring beans.
 */
package dev.resilience.spring.annotation;
