package dev.resilience.core.breaker;

/**
 * The rate rules of one configuration: when a rate is computed and when it trips.
 *
 * <p>A rate is computed only once the window holds at least {@code minimumNumberOfCalls} calls; a
 * threshold trips when its rate is greater than or equal to it. Comparisons are done on the counts,
 * {@code failed * 100 >= threshold * calls}, so that a rate of exactly the threshold always trips.
 */
final class Thresholds {

	/** No threshold tripped. */
	static final int NONE = 0;

	/** The failure-rate threshold tripped. */
	static final int FAILURE_RATE = 1;

	/** The slow-call-rate threshold tripped. */
	static final int SLOW_CALL_RATE = 2;

	private final double failureRateThreshold;

	private final double slowCallRateThreshold;

	private final int minimumNumberOfCalls;

	Thresholds(CircuitBreakerConfig config) {
		this(config.getFailureRateThreshold(), config.getSlowCallRateThreshold(), config.getMinimumNumberOfCalls());
	}

	Thresholds(double failureRateThreshold, double slowCallRateThreshold, int minimumNumberOfCalls) {
		this.failureRateThreshold = failureRateThreshold;
		this.slowCallRateThreshold = slowCallRateThreshold;
		this.minimumNumberOfCalls = minimumNumberOfCalls;
	}

	int minimumNumberOfCalls() {
		return this.minimumNumberOfCalls;
	}

	/**
	 * Returns which thresholds the given counts trip: a combination of {@link #FAILURE_RATE} and
	 * {@link #SLOW_CALL_RATE}, or {@link #NONE} below the minimum number of calls.
	 */
	int evaluate(long calls, long failed, long slow) {
		if (calls < this.minimumNumberOfCalls || calls <= 0) {
			return NONE;
		}
		int tripped = NONE;
		if (failed * 100.0 >= this.failureRateThreshold * calls) {
			tripped |= FAILURE_RATE;
		}
		if (slow * 100.0 >= this.slowCallRateThreshold * calls) {
			tripped |= SLOW_CALL_RATE;
		}
		return tripped;
	}

	/**
	 * Returns the rate in percent, or -1 below the minimum number of calls.
	 */
	float rate(long part, long calls) {
		if (calls < this.minimumNumberOfCalls || calls <= 0) {
			return -1;
		}
		return (float) (part * 100.0 / calls);
	}

}
