package dev.resilience.core.breaker;

/**
 * Receives what happens in a circuit breaker. Every method has an empty default, so a listener
 * overrides only what it needs.
 *
 * <p>Methods are called on the thread that caused the event, after the breaker has released any lock
 * it held. A listener that throws is logged (the first time at WARNING) and never breaks the call.
 * Methods receive primitives and existing objects only, so a registered listener does not make the
 * breaker allocate per call.
 */
public interface CircuitBreakerListener {

	/**
	 * Called when a call permitted by the breaker completed and was recorded as a success.
	 * @param breaker the breaker
	 * @param durationNanos how long the call took, in nanoseconds
	 */
	default void onSuccess(CircuitBreaker breaker, long durationNanos) {
	}

	/**
	 * Called when a call was recorded as a failure.
	 * @param breaker the breaker
	 * @param durationNanos how long the call took, in nanoseconds
	 * @param error the exception, or {@code null} when a result was classified as a failure
	 */
	default void onFailure(CircuitBreaker breaker, long durationNanos, Throwable error) {
	}

	/**
	 * Called when a call ended with an ignored exception, which is recorded nowhere.
	 * @param breaker the breaker
	 * @param durationNanos how long the call took, in nanoseconds
	 * @param error the ignored exception
	 */
	default void onIgnoredError(CircuitBreaker breaker, long durationNanos, Throwable error) {
	}

	/**
	 * Called when the breaker rejected a call.
	 * @param breaker the breaker
	 */
	default void onCallNotPermitted(CircuitBreaker breaker) {
	}

	/**
	 * Called after the breaker moved from one state to another.
	 * @param breaker the breaker
	 * @param from the previous state
	 * @param to the new state
	 */
	default void onStateTransition(CircuitBreaker breaker, CircuitBreaker.State from, CircuitBreaker.State to) {
	}

	/**
	 * Called when the failure rate reached the threshold, just before the resulting transition.
	 * @param breaker the breaker
	 * @param failureRate the failure rate in percent
	 */
	default void onFailureRateExceeded(CircuitBreaker breaker, float failureRate) {
	}

	/**
	 * Called when the slow-call rate reached the threshold, just before the resulting transition.
	 * @param breaker the breaker
	 * @param slowCallRate the slow-call rate in percent
	 */
	default void onSlowCallRateExceeded(CircuitBreaker breaker, float slowCallRate) {
	}

	/**
	 * Called after the breaker was reset to a fresh closed state.
	 * @param breaker the breaker
	 */
	default void onReset(CircuitBreaker breaker) {
	}

}
