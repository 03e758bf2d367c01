package dev.resilience.core.breaker;

import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import dev.resilience.core.CheckedSupplier;

final class DefaultCircuitBreaker implements CircuitBreaker {

	DefaultCircuitBreaker(String name, CircuitBreakerConfig config) {
		throw new UnsupportedOperationException("in progress");
	}

	void close() {
	}

	public String getName() { throw new UnsupportedOperationException(); }
	public CircuitBreakerConfig getConfig() { throw new UnsupportedOperationException(); }
	public State getState() { throw new UnsupportedOperationException(); }
	public CircuitBreakerMetrics getMetrics() { throw new UnsupportedOperationException(); }
	public Instant getLastTransitionTime() { throw new UnsupportedOperationException(); }
	public long tryAcquirePermission() { throw new UnsupportedOperationException(); }
	public void onSuccess(long permit, long durationNanos) { }
	public void onResult(long permit, long durationNanos, Object result) { }
	public void onError(long permit, long durationNanos, Throwable error) { }
	public void releasePermission(long permit) { }
	public <T> T execute(CheckedSupplier<T> call) throws Throwable { throw new UnsupportedOperationException(); }
	public <T> CompletionStage<T> executeCompletionStage(Supplier<? extends CompletionStage<T>> call) { throw new UnsupportedOperationException(); }
	public void transitionToClosed() { }
	public void transitionToOpen() { }
	public void transitionToForcedOpen() { }
	public void transitionToDisabled() { }
	public void transitionToMetricsOnly() { }
	public void reset() { }
	public void addListener(CircuitBreakerListener listener) { }
	public void removeListener(CircuitBreakerListener listener) { }
}
