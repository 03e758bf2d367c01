/**
 * What happens to circuit breakers, kept for people and other components: a bounded history of
 * events per breaker, log lines for state transitions, and Spring application events.
 */
package dev.resilience.spring.events;
