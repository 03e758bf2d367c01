package dev.resilience.core.breaker;

import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import dev.resilience.core.CheckedSupplier;

/**
 * A circuit breaker: it lets calls through while they mostly succeed, rejects them for a while once
 * too many fail or are slow, then lets a few trial calls decide whether to close again.
 *
 * <p>States: {@link State#CLOSED} records calls in a sliding window and opens when the failure rate or
 * the slow-call rate reaches its threshold. {@link State#OPEN} rejects every call with
 * {@link CallNotPermittedException} until strictly more than the open wait has passed, then becomes
 * {@link State#HALF_OPEN}, which lets exactly the permitted number of trial calls through and decides
 * from their outcomes alone. {@link State#FORCED_OPEN}, {@link State#DISABLED} and
 * {@link State#METRICS_ONLY} are entered only on request.
 *
 * <p>The simplest use is {@link #execute(CheckedSupplier)}. Integrations that run the call themselves
 * use the permission protocol: {@link #tryAcquirePermission()} returns a permit, and exactly one of
 * {@link #onSuccess}, {@link #onResult}, {@link #onError} or {@link #releasePermission} must be called
 * with it when the call ends. A permit issued before a state transition is recorded nowhere.
 *
 * <p>Implementations are thread-safe.
 */
public interface CircuitBreaker {

	/**
	 * The value {@link #tryAcquirePermission()} returns when the call is rejected. Permits are never
	 * negative.
	 */
	long NO_PERMIT = -1;

	/**
	 * Returns a new breaker.
	 * @param name the name that identifies the breaker in messages, endpoints and meters
	 * @param config the configuration
	 * @return a closed breaker
	 */
	static CircuitBreaker of(String name, CircuitBreakerConfig config) {
		return new DefaultCircuitBreaker(name, config);
	}

	/**
	 * Returns the name of this breaker.
	 * @return the name
	 */
	String getName();

	/**
	 * Returns the configuration of this breaker.
	 * @return the configuration
	 */
	CircuitBreakerConfig getConfig();

	/**
	 * Returns the current state.
	 * @return the state
	 */
	State getState();

	/**
	 * Returns a snapshot of the calls in the current window.
	 * @return the metrics snapshot
	 */
	CircuitBreakerMetrics getMetrics();

	/**
	 * Returns when the breaker last changed state, or when it was created.
	 * @return the time of the last transition, read from the configured clock
	 */
	Instant getLastTransitionTime();

	/**
	 * Asks for permission to make one call.
	 * @return a permit to pass to exactly one completion method, or {@link #NO_PERMIT} if the call is
	 * rejected; a rejection is counted and reported to listeners
	 */
	long tryAcquirePermission();

	/**
	 * Asks for permission to make one call, and throws when it is rejected.
	 * @return a permit to pass to exactly one completion method
	 * @throws CallNotPermittedException if the breaker rejects the call
	 */
	default long acquirePermission() {
		long permit = tryAcquirePermission();
		if (permit == NO_PERMIT) {
			throw new CallNotPermittedException(getName(), getState());
		}
		return permit;
	}

	/**
	 * Records a successful call.
	 * @param permit the permit of the call
	 * @param durationNanos how long the call took, in nanoseconds
	 */
	void onSuccess(long permit, long durationNanos);

	/**
	 * Records a call that returned a value, classifying it with the result predicate.
	 * @param permit the permit of the call
	 * @param durationNanos how long the call took, in nanoseconds
	 * @param result the returned value, possibly {@code null}
	 */
	void onResult(long permit, long durationNanos, Object result);

	/**
	 * Records a call that threw. The exception is unwrapped from {@code CompletionException} and
	 * {@code ExecutionException}, then classified as a failure, a success or ignored.
	 * @param permit the permit of the call
	 * @param durationNanos how long the call took, in nanoseconds
	 * @param error the exception
	 */
	void onError(long permit, long durationNanos, Throwable error);

	/**
	 * Returns a permit without recording anything, for a call that was cancelled or never ran.
	 * @param permit the permit of the call
	 */
	void releasePermission(long permit);

	/**
	 * Runs a call under this breaker.
	 * @param <T> the type of the result
	 * @param call the call
	 * @return the result of the call
	 * @throws CallNotPermittedException if the breaker rejects the call, which then does not run
	 * @throws Throwable whatever the call throws, unchanged
	 */
	<T> T execute(CheckedSupplier<T> call) throws Throwable;

	/**
	 * Runs an asynchronous call under this breaker. The outcome is recorded when the stage completes;
	 * a cancelled stage returns its permit without being recorded.
	 * @param <T> the type of the result
	 * @param call the call that starts the work and returns its stage
	 * @return a stage with the same outcome as the call's stage, or one that fails with
	 * {@link CallNotPermittedException} when the breaker rejects the call
	 */
	<T> CompletionStage<T> executeCompletionStage(Supplier<? extends CompletionStage<T>> call);

	/**
	 * Moves the breaker to {@link State#CLOSED} with a fresh window.
	 */
	void transitionToClosed();

	/**
	 * Moves the breaker to {@link State#OPEN}, as if the threshold had been reached.
	 */
	void transitionToOpen();

	/**
	 * Moves the breaker to {@link State#FORCED_OPEN}, which rejects every call until another manual
	 * transition.
	 */
	void transitionToForcedOpen();

	/**
	 * Moves the breaker to {@link State#DISABLED}, which permits every call and records nothing.
	 */
	void transitionToDisabled();

	/**
	 * Moves the breaker to {@link State#METRICS_ONLY}, which permits every call, records it, and never
	 * changes state on its own.
	 */
	void transitionToMetricsOnly();

	/**
	 * Returns the breaker to a fresh {@link State#CLOSED} state, clearing the window, the count of
	 * rejected calls and the growth of the open wait.
	 */
	void reset();

	/**
	 * Adds a listener.
	 * @param listener the listener
	 */
	void addListener(CircuitBreakerListener listener);

	/**
	 * Removes a listener added earlier.
	 * @param listener the listener
	 */
	void removeListener(CircuitBreakerListener listener);

	/**
	 * The states of a circuit breaker.
	 */
	enum State {

		/** Calls are permitted and recorded; the breaker opens when a threshold is reached. */
		CLOSED(true),

		/** Calls are rejected until the open wait has passed. */
		OPEN(false),

		/** A limited number of trial calls is permitted; their outcomes decide the next state. */
		HALF_OPEN(true),

		/** Calls are rejected until another state is requested. */
		FORCED_OPEN(false),

		/** Calls are permitted and recorded nowhere. */
		DISABLED(true),

		/** Calls are permitted and recorded, and the breaker never changes state on its own. */
		METRICS_ONLY(true);

		private final boolean permitsCalls;

		State(boolean permitsCalls) {
			this.permitsCalls = permitsCalls;
		}

		/**
		 * Returns whether this state lets at least some calls through.
		 * @return {@code false} for the open states
		 */
		public boolean permitsCalls() {
			return this.permitsCalls;
		}

	}

}
