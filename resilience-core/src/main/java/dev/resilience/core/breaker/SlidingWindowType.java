package dev.resilience.core.breaker;

/**
 * How a circuit breaker chooses the calls from which it computes its rates.
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
