/**
 * Health indicator {@code breakers} for circuit breakers, off by default. The status is computed
 * here once, and each Spring Boot line gets a thin indicator class of its own, because the health
 * types moved between Spring Boot 3.5 and 4.0.
 */
package dev.resilience.spring.health;
