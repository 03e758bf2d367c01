package dev.resilience.core.breaker;

import dev.resilience.core.time.Ticker;

/**
 * {@link CircuitBreaker.State#DISABLED}: every call is permitted and recorded nowhere.
 */
final class DisabledState extends BreakerState {

	DisabledState(long generation) {
		super(generation);
	}

	@Override
	CircuitBreaker.State state() {
		return CircuitBreaker.State.DISABLED;
	}

	@Override
	long tryAcquire(Ticker ticker) {
		return plainPermit();
	}

	@Override
	CircuitBreakerMetrics metrics(long nowNanos, long notPermittedCalls) {
		return emptyMetrics(notPermittedCalls);
	}

}
