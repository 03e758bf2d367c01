package dev.resilience.benchmarks;

import dev.resilience.core.breaker.CircuitBreaker;

/**
 * Checks, after a benchmark trial, that a breaker did the work the benchmark claims to measure: it
 * is still closed, its window is full, and its window contains the expected number of failures. A failed check
 * ends the run with an error instead of leaving a misleading score.
 */
final class BreakerChecks {

	private BreakerChecks() {
	}

	static void check(CircuitBreaker breaker, int expectedFailedCalls) {
		check(breaker.getName(), breaker.getState().name(), breaker.getMetrics().bufferedCalls(),
				breaker.getMetrics().failedCalls(), expectedFailedCalls);
	}

	static void check(io.github.resilience4j.circuitbreaker.CircuitBreaker breaker, int expectedFailedCalls) {
		check(breaker.getName(), breaker.getState().name(), breaker.getMetrics().getNumberOfBufferedCalls(),
				breaker.getMetrics().getNumberOfFailedCalls(), expectedFailedCalls);
	}

	private static void check(String name, String state, int bufferedCalls, int failedCalls, int expectedFailedCalls) {
		if (!"CLOSED".equals(state)) {
			throw new IllegalStateException("Circuit breaker '" + name + "' is " + state
					+ " after the trial, so the score does not measure the closed path; check its settings");
		}
		if (bufferedCalls != Settings.WINDOW_SIZE) {
			throw new IllegalStateException("Circuit breaker '" + name + "' contains " + bufferedCalls
					+ " calls in its window after the trial, expected a full window of " + Settings.WINDOW_SIZE);
		}
		if (failedCalls != expectedFailedCalls) {
			throw new IllegalStateException("Circuit breaker '" + name + "' contains " + failedCalls
					+ " failed calls in its window after the trial, expected " + expectedFailedCalls);
		}
	}

}
