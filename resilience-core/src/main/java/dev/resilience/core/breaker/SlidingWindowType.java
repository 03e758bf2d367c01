package dev.resilience.core.breaker;

/**
 * The kind of window that selects the calls from which a circuit breaker computes its rates.
 */
public enum SlidingWindowType {

	/**
	 * The last {@code slidingWindowSize} calls.
	 */
	COUNT_BASED,

	/**
	 * The calls that completed during the last {@code slidingWindowDuration}, kept in one-second
	 * buckets.
	 */
	TIME_BASED

}
