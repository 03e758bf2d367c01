package dev.resilience.benchmarks;

import java.time.Duration;

import dev.resilience.core.breaker.CircuitBreakerConfig;
import dev.resilience.core.retry.RetryConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowSynchronizationStrategy;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;

/**
 * The breaker and retry settings of the benchmarks, built with the same values for each library so
 * that every library does the same work.
 *
 * <p>The breaker values are both libraries' defaults written out: a count-based window of 100
 * calls, rates computed from 100 calls on, a failure-rate threshold of 50 percent, and the default
 * slow-call settings (100 percent of calls above 60 seconds). The retry values are 3 attempts with
 * a fixed wait of 500 ms, which the success-path benchmarks never reach.
 */
final class Settings {

	/** Size of the count-based window, in calls. */
	static final int WINDOW_SIZE = 100;

	/** Number of calls in the window before any rate is computed. */
	static final int MINIMUM_NUMBER_OF_CALLS = 100;

	/** Failure-rate threshold of the success-path benchmarks, in percent. */
	static final float FAILURE_RATE_THRESHOLD = 50;

	/**
	 * Failure-rate threshold of the failure-mix benchmark, in percent. Both libraries open when the
	 * rate is greater than or equal to the threshold, and a steady 10 percent failure rate never
	 * reaches 100.
	 */
	static final float UNREACHABLE_FAILURE_RATE_THRESHOLD = 100;

	/** Maximum number of attempts of every retry, the first one included. */
	static final int MAX_ATTEMPTS = 3;

	/** Fixed wait between two attempts of every retry. */
	static final Duration RETRY_WAIT = Duration.ofMillis(500);

	private Settings() {
	}

	static CircuitBreakerConfig ourBreakerConfig(float failureRateThreshold) {
		return CircuitBreakerConfig.custom()
			.countBasedWindow(WINDOW_SIZE)
			.minimumNumberOfCalls(MINIMUM_NUMBER_OF_CALLS)
			.failureRateThreshold(failureRateThreshold)
			.build();
	}

	static io.github.resilience4j.circuitbreaker.CircuitBreakerConfig resilience4jBreakerConfig(
			float failureRateThreshold, SlidingWindowSynchronizationStrategy strategy) {
		return io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
			.slidingWindow(WINDOW_SIZE, MINIMUM_NUMBER_OF_CALLS, SlidingWindowType.COUNT_BASED, strategy)
			.failureRateThreshold(failureRateThreshold)
			.build();
	}

	static RetryConfig ourRetryConfig() {
		return RetryConfig.custom().maxAttempts(MAX_ATTEMPTS).waitDuration(RETRY_WAIT).build();
	}

	static io.github.resilience4j.retry.RetryConfig resilience4jRetryConfig() {
		return io.github.resilience4j.retry.RetryConfig.custom()
			.maxAttempts(MAX_ATTEMPTS)
			.waitDuration(RETRY_WAIT)
			.build();
	}

}
