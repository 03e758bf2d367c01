package dev.resilience.core.retry;

import java.time.Duration;

/**
 * Receives what happens in a {@link Retry}. Every method has an empty default, so a listener
 * overrides only what it needs.
 *
 * <p>Methods are called on the thread that ran the attempt or completed its stage. A
 * {@link RuntimeException} thrown by a listener is logged through {@link System.Logger} (the first
 * time at WARNING, later at DEBUG) and never breaks the call. An {@link Error} is not caught.
 */
public interface RetryListener {

	/**
	 * Called after an attempt failed and before the wait that precedes the next attempt.
	 * @param retry the retry
	 * @param attempt the number of the attempt that just failed, starting at 1
	 * @param error the exception of that attempt, or {@code null} when its result matched the result
	 * predicate
	 * @param wait the wait before the next attempt
	 */
	default void onRetry(Retry retry, int attempt, Throwable error, Duration wait) {
	}

	/**
	 * Called once when an execution ends, just before its result is returned or its exception thrown.
	 * @param retry the retry
	 * @param outcome how the execution ended
	 * @param attempts the number of attempts made
	 * @param lastErrorOrNull the exception the execution ends with, or {@code null} when it returns a
	 * result
	 */
	default void onOutcome(Retry retry, RetryOutcome outcome, int attempts, Throwable lastErrorOrNull) {
	}

}
