package dev.resilience.core.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * One execution of a {@link Retry} whose attempts the caller runs and waits for itself, for
 * integrations that cannot hand the retry a supplier, such as reactive streams that retry by
 * subscribing again. It applies the same classification, backoff, deadline, counters and listeners
 * as {@link Retry#execute} and {@link Retry#executeCompletionStage}.
 *
 * <p>The protocol, started by {@link Retry#startExecution()}:
 * <ol>
 * <li>{@link #attempt(Function)} counts an attempt and runs the code that starts it, with the
 * attempt's {@link RetryContext} set on the current thread;</li>
 * <li>when the attempt ends, exactly one of {@link #onError}, {@link #onResult} or
 * {@link #onComplete} reports how;</li>
 * <li>{@code onError} and {@code onResult} return the wait before the next attempt, or {@code null}
 * when the execution has ended. After a wait the caller starts the next attempt, or calls
 * {@link #abort(Throwable)} if it cannot wait (for example because a scheduler rejected the
 * task).</li>
 * </ol>
 * An execution ends exactly once, and counts one outcome then. A caller that gives up (a cancelled
 * subscription) simply stops calling: nothing is counted for the unfinished execution.
 *
 * <p>This class is not thread-safe. The steps of one execution may run on different threads, but
 * one at a time, and the caller must order each step before the next, as a scheduler hand-over or
 * the serial signals of a reactive stream do.
 */
public final class RetryExecution {

	private final DefaultRetry retry;

	private final RetryExecutionState state;

	private boolean attemptRunning;

	private boolean finished;

	RetryExecution(DefaultRetry retry) {
		this.retry = retry;
		this.state = new RetryExecutionState(retry.getConfig());
	}

	/**
	 * Counts a new attempt and runs the code that starts it, with the attempt's
	 * {@link RetryContext} set on the current thread. The previous context is restored afterwards,
	 * also when {@code start} throws.
	 * @param <R> the type of the value {@code start} returns
	 * @param start the code that starts the attempt. It receives the attempt's context, so that
	 * integrations can pass it on to other threads
	 * @return the value {@code start} returns
	 * @throws IllegalStateException if the execution has ended, or the previous attempt has not
	 * been reported through {@code onError}, {@code onResult} or {@code onComplete}
	 */
	public <R> R attempt(Function<RetryContext, R> start) {
		Objects.requireNonNull(start, "start must not be null");
		checkNotFinished("attempt");
		if (this.attemptRunning) {
			throw new IllegalStateException("Retry '" + this.retry.getName() + "' cannot start attempt "
					+ (this.state.attempts() + 1) + " before attempt " + this.state.attempts()
					+ " is reported through onError, onResult or onComplete");
		}
		int attempt = this.state.startAttempt();
		this.attemptRunning = true;
		this.retry.events().attemptStarted();
		RetryContext.Frame frame = RetryContext.frame();
		int outerAttempt = frame.attempt;
		RetryExecutionState outerExecution = frame.execution;
		frame.attempt = attempt;
		frame.execution = this.state;
		try {
			return start.apply(RetryContext.current());
		}
		finally {
			frame.attempt = outerAttempt;
			frame.execution = outerExecution;
		}
	}

	/**
	 * Reports that the running attempt failed.
	 * @param error the exception of the attempt
	 * @return the wait before the next attempt, or {@code null} when the execution has ended with
	 * this failure because it is not retried or no attempt or time is left
	 * @throws RuntimeException the exception of the retry's exception predicate, which ends the
	 * execution as failed with {@code error} added as suppressed
	 * @throws IllegalStateException if no attempt is running
	 */
	public Duration onError(Throwable error) {
		Objects.requireNonNull(error, "error must not be null");
		endAttempt("onError");
		Duration wait = isRetryable(error) ? this.state.nextWait() : null;
		if (wait == null) {
			finish(false, error);
			return null;
		}
		this.retry.events().retrying(this.retry, this.state.attempts(), error, wait);
		return wait;
	}

	/**
	 * Reports that the running attempt produced a value, and tests it with the retry's result
	 * predicate.
	 * @param result the value, possibly {@code null}
	 * @return the wait before the next attempt when the value is retried, or {@code null} when the
	 * execution has ended and the caller should use the value: it did not match the predicate, or
	 * it still matched after the last attempt and fail-after-max-attempts is off
	 * @throws RetriesExhaustedException if the value still matched after the last attempt and
	 * fail-after-max-attempts is on, which ends the execution
	 * @throws RuntimeException the exception of the result predicate, which ends the execution as
	 * failed
	 * @throws IllegalStateException if no attempt is running
	 */
	public Duration onResult(Object result) {
		endAttempt("onResult");
		if (!isRetryableResult(result)) {
			finish(true, null);
			return null;
		}
		Duration wait = this.state.nextWait();
		if (wait == null) {
			if (this.retry.getConfig().isFailAfterMaxAttempts()) {
				RetriesExhaustedException exhausted = new RetriesExhaustedException(this.retry.getName(),
						this.state.attempts(), result);
				finish(false, exhausted);
				throw exhausted;
			}
			finish(false, null);
			return null;
		}
		this.retry.events().retrying(this.retry, this.state.attempts(), null, wait);
		return wait;
	}

	/**
	 * Reports that the running attempt completed without a value to test, such as an empty
	 * {@code Mono} or a {@code Flux} that completed. The execution ends as successful.
	 * @throws IllegalStateException if no attempt is running
	 */
	public void onComplete() {
		endAttempt("onComplete");
		finish(true, null);
	}

	/**
	 * Ends the execution with a failure after {@link #onError} or {@link #onResult} returned a wait
	 * that the caller could not honour, for example because the scheduler rejected the task. The
	 * execution counts as failed.
	 * @param failure the exception the execution ends with, usually the last attempt's exception
	 * with the reason added as suppressed
	 * @throws IllegalStateException if the execution has ended or an attempt is running
	 */
	public void abort(Throwable failure) {
		Objects.requireNonNull(failure, "failure must not be null");
		checkNotFinished("abort");
		if (this.attemptRunning) {
			throw new IllegalStateException("Retry '" + this.retry.getName()
					+ "' cannot abort while attempt " + this.state.attempts() + " is running; report it first");
		}
		finish(false, failure);
	}

	/**
	 * Returns whether the execution has ended and counted its outcome.
	 * @return {@code true} once ended
	 */
	public boolean isFinished() {
		return this.finished;
	}

	/**
	 * Returns the number of attempts started so far.
	 * @return the attempts, 0 before the first
	 */
	public int getAttempts() {
		return this.state.attempts();
	}

	/**
	 * Returns the id that every attempt of this execution sees in {@link RetryContext}.
	 * @return the invocation id, a random UUID
	 */
	public String getInvocationId() {
		return this.state.invocationId();
	}

	/**
	 * Returns the retry this execution belongs to.
	 * @return the retry
	 */
	public Retry getRetry() {
		return this.retry;
	}

	private void endAttempt(String method) {
		checkNotFinished(method);
		if (!this.attemptRunning) {
			throw new IllegalStateException("Retry '" + this.retry.getName() + "' received " + method
					+ " with no attempt running; call attempt first");
		}
		this.attemptRunning = false;
	}

	private void checkNotFinished(String method) {
		if (this.finished) {
			throw new IllegalStateException("Retry '" + this.retry.getName() + "' received " + method
					+ " after its execution ended; start a new execution");
		}
	}

	// DefaultRetry.isRetryable and isRetryableResult count the outcome themselves when a predicate
	// throws, so the execution is marked as ended before the exception propagates.
	private boolean isRetryable(Throwable error) {
		try {
			return this.retry.isRetryable(this.state, error);
		}
		catch (RuntimeException ex) {
			this.finished = true;
			throw ex;
		}
	}

	private boolean isRetryableResult(Object result) {
		try {
			return this.retry.isRetryableResult(this.state, result);
		}
		catch (RuntimeException ex) {
			this.finished = true;
			throw ex;
		}
	}

	private void finish(boolean success, Throwable lastErrorOrNull) {
		this.finished = true;
		this.retry.finish(success, this.state, lastErrorOrNull);
	}

}
