/**
 * Records of circuit breaker activity for people and other components: a bounded event history per
 * breaker, log lines for state transitions, and Spring application events.
 */
package dev.resilience.spring.events;
