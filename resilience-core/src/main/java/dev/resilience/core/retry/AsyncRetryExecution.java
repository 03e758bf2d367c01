package dev.resilience.core.retry;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import dev.resilience.core.time.Scheduler;

/**
 * One execution of {@link Retry#executeCompletionStage}: calls the supplier, waits for its stage,
 * and schedules the next attempt on the configured scheduler, never blocking a thread.
 *
 * <p>Design notes. Only one attempt is in flight at a time. Each step runs on the thread that
 * completed the previous stage or on the scheduler's thread, and both hand-overs (stage completion
 * to its dependent action, {@code schedule} to the task's run) order the writes of one step before
 * the next, so {@link RetryExecutionState} needs no lock. The caller may cancel the returned future
 * on any thread: each step first checks whether the future is done, and the pending scheduled
 * attempt is cancelled. A cancelled execution counts no outcome.
 *
 * @param <T> the type of the result
 */
final class AsyncRetryExecution<T> {

	private final DefaultRetry retry;

	private final Supplier<? extends CompletionStage<T>> call;

	private final RetryExecutionState state;

	private final CompletableFuture<T> result = new CompletableFuture<>();

	private volatile Scheduler.Cancellable pendingAttempt;

	AsyncRetryExecution(DefaultRetry retry, Supplier<? extends CompletionStage<T>> call) {
		this.retry = retry;
		this.call = call;
		this.state = new RetryExecutionState(retry.getConfig());
	}

	/**
	 * Runs the first attempt on the calling thread.
	 * @return the future that completes with the outcome of the execution
	 */
	CompletableFuture<T> start() {
		this.result.whenComplete((value, error) -> {
			if (this.result.isCancelled()) {
				cancelPendingAttempt();
			}
		});
		attempt();
		return this.result;
	}

	private void attempt() {
		if (this.result.isDone()) {
			return;
		}
		int attempt = this.state.startAttempt();
		this.retry.events().attemptStarted();
		CompletionStage<T> stage = null;
		Throwable failure = null;
		RetryContext.Frame frame = RetryContext.frame();
		int outerAttempt = frame.attempt;
		RetryExecutionState outerExecution = frame.execution;
		frame.attempt = attempt;
		frame.execution = this.state;
		try {
			stage = this.call.get();
			if (stage == null) {
				failure = new NullPointerException("The supplier of retry '" + this.retry.getName()
						+ "' returned null instead of a CompletionStage in attempt " + attempt);
			}
		}
		catch (Throwable ex) {
			failure = ex;
		}
		finally {
			frame.attempt = outerAttempt;
			frame.execution = outerExecution;
		}

		if (failure != null) {
			handleSafely(attempt, null, failure);
			return;
		}
		stage.whenComplete((value, error) -> handleSafely(attempt, value, error));
	}

	/**
	 * Handles the end of an attempt. Anything that throws here (a predicate, the scheduler) ends the
	 * execution with that exception instead of leaving the returned future incomplete.
	 */
	private void handleSafely(int attempt, T value, Throwable error) {
		try {
			if (this.result.isDone()) {
				return;
			}
			if (error != null) {
				handleFailure(attempt, ExceptionClassifier.unwrap(error));
			}
			else {
				handleValue(attempt, value);
			}
		}
		catch (Throwable ex) {
			this.result.completeExceptionally(ex);
		}
	}

	private void handleFailure(int attempt, Throwable failure) {
		Duration wait = this.retry.isRetryable(this.state, failure) ? this.state.nextWait() : null;
		if (wait == null) {
			fail(failure);
			return;
		}
		this.retry.events().retrying(this.retry, attempt, failure, wait);
		RuntimeException rejection = scheduleNextAttempt(wait);
		if (rejection != null) {
			failure.addSuppressed(rejection);
			fail(failure);
		}
	}

	private void handleValue(int attempt, T value) {
		if (!this.retry.isRetryableResult(this.state, value)) {
			this.retry.finish(true, this.state, null);
			this.result.complete(value);
			return;
		}
		Duration wait = this.state.nextWait();
		if (wait == null) {
			completeExhausted(value, null);
			return;
		}
		this.retry.events().retrying(this.retry, attempt, null, wait);
		RuntimeException rejection = scheduleNextAttempt(wait);
		if (rejection != null) {
			// NOTE: without fail-after-max-attempts the value is returned and the rejection is dropped.
			completeExhausted(value, rejection);
		}
	}

	/**
	 * Schedules the next attempt.
	 * @return {@code null}, or the exception with which the scheduler rejected the task, for example
	 * because its executor was shut down
	 */
	private RuntimeException scheduleNextAttempt(Duration wait) {
		try {
			this.pendingAttempt = this.retry.getConfig().getScheduler().schedule(this::attempt, wait);
		}
		catch (RuntimeException ex) {
			return ex;
		}

		// The caller may have cancelled between the check in handleSafely and the assignment above,
		// after the cancellation callback had already read the field.
		if (this.result.isCancelled()) {
			cancelPendingAttempt();
		}
		return null;
	}

	private void cancelPendingAttempt() {
		Scheduler.Cancellable pending = this.pendingAttempt;
		if (pending != null) {
			pending.cancel();
		}
	}

	private void fail(Throwable failure) {
		this.retry.finish(false, this.state, failure);
		this.result.completeExceptionally(failure);
	}

	private void completeExhausted(T value, Throwable suppressed) {
		if (this.retry.getConfig().isFailAfterMaxAttempts()) {
			RetriesExhaustedException exhausted = new RetriesExhaustedException(this.retry.getName(),
					this.state.attempts(), value);
			if (suppressed != null) {
				exhausted.addSuppressed(suppressed);
			}
			fail(exhausted);
			return;
		}
		this.retry.finish(false, this.state, null);
		this.result.complete(value);
	}

}
