/**
 * Configuration properties of retry instances and circuit breakers, their resolution into core
 * configurations, and the startup failure reported for invalid values.
 */
package dev.resilience.spring.config;
