package dev.resilience.spring.observation;

import java.util.Map;

/**
 * The observation of one protected call, from its start to its outcome. The advice reports each
 * attempt, a rejection by a circuit breaker, and the outcome.
 * <p>
 * Implementations are thread-safe: the attempts of one call may run on different threads, one at
 * a time. {@link #stop} takes effect once, and reports after it are ignored. A {@link Scope}
 * belongs to the thread that opened it.
 *
 * @since 0.1.0
 */
public interface CallObservation {

	/**
	 * An observation that records nothing, used when no {@code ObservationRegistry} is available.
	 */
	CallObservation NONE = new CallObservation() {

		@Override
		public Scope openScope() {
			return Scope.NONE;
		}

		@Override
		public void attemptStarted(int attempt) {
		}

		@Override
		public void rejected(String breakerName) {
		}

		@Override
		public void stop(CallOutcome outcome, Throwable error) {
		}

	};

	/**
	 * Makes this observation the current one on the calling thread, so that observations started
	 * inside, such as an HTTP client's, become its children.
	 * @return the scope to close on the same thread
	 */
	Scope openScope();

	/**
	 * Reports that an attempt starts. Attempts after the first are retries.
	 * @param attempt the attempt number, 1 for the first
	 */
	void attemptStarted(int attempt);

	/**
	 * Reports that a circuit breaker rejected an attempt.
	 * @param breakerName the name of the breaker
	 */
	void rejected(String breakerName);

	/**
	 * Ends the observation. Only the first call takes effect.
	 * @param outcome how the call ended
	 * @param error the exception the call ended with, or {@code null} when it returned a value or
	 * was cancelled
	 */
	void stop(CallOutcome outcome, Throwable error);

	/**
	 * Returns the entries under which this observation is made current in a context object such as
	 * Reactor's {@code Context}, so that instrumentation that reads the observation from there
	 * makes its observations children of this one.
	 * @return the entries, empty by default
	 */
	default Map<Object, Object> contextEntries() {
		return Map.of();
	}

	/**
	 * An opened observation scope, until closed.
	 */
	@FunctionalInterface
	interface Scope extends AutoCloseable {

		/**
		 * A scope that does nothing.
		 */
		Scope NONE = () -> {
		};

		/**
		 * Restores the observation that was current before the scope was opened.
		 */
		@Override
		void close();

	}

}
