package dev.resilience.core.breaker;

import dev.resilience.core.time.Ticker;

/**
 * {@link CircuitBreaker.State#OPEN}: every call is rejected until strictly more than the wait has
 * passed since the breaker opened; the first call after that moves it to half-open. Also
 * {@link CircuitBreaker.State#FORCED_OPEN}, which never ends on its own.
 */
final class OpenState extends BreakerState {

	private final long openedAtNanos;

	private final long waitNanos;

	private final boolean forced;

	private final CircuitBreakerMetrics frozenMetrics;

	/**
	 * Creates an open state.
	 * @param frozenMetrics the window of the state that opened, shown while open
	 * @param waitNanos the wait before half-open; ignored when forced
	 */
	OpenState(long generation, long openedAtNanos, long waitNanos, boolean forced, CircuitBreakerMetrics frozenMetrics) {
		super(generation);
		this.openedAtNanos = openedAtNanos;
		this.waitNanos = waitNanos;
		this.forced = forced;
		this.frozenMetrics = frozenMetrics;
	}

	@Override
	CircuitBreaker.State state() {
		return this.forced ? CircuitBreaker.State.FORCED_OPEN : CircuitBreaker.State.OPEN;
	}

	@Override
	long tryAcquire(Ticker ticker) {
		if (!this.forced && ticker.read() - this.openedAtNanos > this.waitNanos) {
			return TRANSITION_DUE;
		}
		return CircuitBreaker.NO_PERMIT;
	}

	long waitNanos() {
		return this.waitNanos;
	}

	@Override
	CircuitBreakerMetrics metrics(long nowNanos, long notPermittedCalls) {
		CircuitBreakerMetrics frozen = this.frozenMetrics;
		return new CircuitBreakerMetrics(frozen.failureRate(), frozen.slowCallRate(), frozen.bufferedCalls(),
				frozen.failedCalls(), frozen.slowCalls(), notPermittedCalls);
	}

}
