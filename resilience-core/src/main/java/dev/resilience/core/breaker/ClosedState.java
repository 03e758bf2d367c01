package dev.resilience.core.breaker;

import dev.resilience.core.time.Ticker;

/**
 * {@link CircuitBreaker.State#CLOSED}: every call is permitted and recorded; the breaker opens as
 * soon as the window trips a threshold. Also {@link CircuitBreaker.State#METRICS_ONLY}, which records
 * the same way but never opens.
 */
final class ClosedState extends BreakerState {

	private final SlidingWindow window;

	private final boolean metricsOnly;

	private volatile int trippedThresholds;

	ClosedState(long generation, CircuitBreakerConfig config, boolean metricsOnly) {
		super(generation);
		this.window = SlidingWindow.of(config);
		this.metricsOnly = metricsOnly;
	}

	@Override
	CircuitBreaker.State state() {
		return this.metricsOnly ? CircuitBreaker.State.METRICS_ONLY : CircuitBreaker.State.CLOSED;
	}

	@Override
	long tryAcquire(Ticker ticker) {
		return plainPermit();
	}

	@Override
	int record(long permit, Ticker ticker, int code) {
		int tripped = this.window.record(ticker, code);
		if (tripped == Thresholds.NONE || this.metricsOnly) {
			return STAY;
		}
		this.trippedThresholds = tripped;
		return OPEN;
	}

	int trippedThresholds() {
		return this.trippedThresholds;
	}

	@Override
	CircuitBreakerMetrics metrics(long nowNanos, long notPermittedCalls) {
		return this.window.metrics(nowNanos, notPermittedCalls);
	}

}
