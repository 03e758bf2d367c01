package dev.resilience.core.breaker;

import dev.resilience.core.time.Ticker;

/**
 * The calls from which a breaker computes its rates.
 *
 * <p>Implementations are thread-safe and lock-free.
 */
interface SlidingWindow {

	/**
	 * Records one call and returns which thresholds the window trips afterwards.
	 * @param ticker the ticker, read only by a time-based window
	 * @param code the outcome code, {@link WindowCounts#RECORDED} with optional
	 * {@link WindowCounts#FAILED} and {@link WindowCounts#SLOW} bits
	 * @return a combination of the {@link Thresholds} flags
	 */
	int record(Ticker ticker, int code);

	/**
	 * Returns a snapshot of the calls in the window.
	 * @param nowNanos the ticker reading, which a time-based window uses to skip expired buckets
	 * @param notPermittedCalls the breaker's count of rejected calls, copied into the snapshot
	 * @return the snapshot, with rates of -1 below the minimum number of calls
	 */
	CircuitBreakerMetrics metrics(long nowNanos, long notPermittedCalls);

	/**
	 * Returns a new, empty window of the configured kind.
	 */
	static SlidingWindow of(CircuitBreakerConfig config) {
		Thresholds thresholds = new Thresholds(config);
		if (config.getSlidingWindowType() == SlidingWindowType.TIME_BASED) {
			return new TimeBasedWindow((int) config.getSlidingWindowDuration().getSeconds(), thresholds);
		}
		return new CountBasedWindow(config.getSlidingWindowSize(), thresholds);
	}

}
