/**
 * Micrometer observations of protected calls: one {@code resilience.call} observation per call,
 * with its outcome and an event per retry and rejection. The advice uses the small
 * {@link dev.resilience.spring.observation.CallObserver} interface, which names no Micrometer type,
 * so it works without micrometer-observation on the classpath.
 */
package dev.resilience.spring.observation;
