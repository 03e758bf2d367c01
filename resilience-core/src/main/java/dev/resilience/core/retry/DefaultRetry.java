package dev.resilience.core.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.resilience.core.CheckedSupplier;

/**
 * The retry engine behind {@link Retry#of(String, RetryConfig)}.
 *
 * <p>Design notes. The retry itself holds only immutable configuration, the classifier and the
 * thread-safe {@link RetryEvents}; everything that changes during an execution lives in a
 * {@link RetryExecutionState} created per execution, so concurrent executions share no mutable state
 * apart from the counters. {@link RetryContext} is set around each attempt and restored before the
 * outcome is classified, so listeners and predicates never run inside an attempt's context.
 */
final class DefaultRetry implements Retry {

	private final String name;

	private final RetryConfig config;

	private final ExceptionClassifier classifier;

	private final RetryEvents events = new RetryEvents();

	DefaultRetry(String name, RetryConfig config) {
		this.name = Objects.requireNonNull(name, "name must not be null");
		this.config = Objects.requireNonNull(config, "config must not be null");
		this.classifier = new ExceptionClassifier(config);
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public RetryConfig getConfig() {
		return this.config;
	}

	@Override
	public <T> T execute(CheckedSupplier<T> call) throws Throwable {
		Objects.requireNonNull(call, "call must not be null");
		RetryExecutionState state = new RetryExecutionState(this.config);
		while (true) {
			int attempt = state.startAttempt();
			this.events.attemptStarted();
			T result = null;
			Throwable failure = null;
			RetryContext.Frame frame = RetryContext.frame();
			int outerAttempt = frame.attempt;
			RetryExecutionState outerExecution = frame.execution;
			frame.attempt = attempt;
			frame.execution = state;
			try {
				result = call.get();
			}
			catch (Throwable ex) {
				failure = ex;
			}
			finally {
				frame.attempt = outerAttempt;
				frame.execution = outerExecution;
			}

			if (failure != null) {
				waitAfterFailure(state, attempt, failure);
				continue;
			}
			if (!isRetryableResult(state, result)) {
				finish(true, state, null);
				return result;
			}

			Duration wait = state.nextWait();
			if (wait == null) {
				return resultOfExhaustedExecution(state, result, null);
			}
			this.events.retrying(this, attempt, null, wait);
			try {
				sleep(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return resultOfExhaustedExecution(state, result, ex);
			}
		}
	}

	/**
	 * Waits before the next attempt after a failed one, or throws the failure when it is not retried,
	 * no attempt or time is left, or the thread is interrupted.
	 */
	private void waitAfterFailure(RetryExecutionState state, int attempt, Throwable failure) throws Throwable {
		Duration wait = isRetryable(state, failure) ? state.nextWait() : null;
		if (wait == null) {
			finish(false, state, failure);
			throw failure;
		}
		this.events.retrying(this, attempt, failure, wait);
		try {
			sleep(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			failure.addSuppressed(ex);
			finish(false, state, failure);
			throw failure;
		}
	}

	/**
	 * Waits through the sleeper. A thread that is already interrupted does not start waiting, so the
	 * interrupt stops the execution even for a zero wait or a sleeper that does not check the flag.
	 */
	private void sleep(Duration wait) throws InterruptedException {
		if (Thread.interrupted()) {
			throw new InterruptedException("Retry '" + this.name + "' was interrupted before waiting " + wait);
		}
		this.config.getSleeper().sleep(wait);
	}

	/**
	 * Ends an execution whose last result still matched the result predicate: returns that result,
	 * or throws {@link RetriesExhaustedException} when fail-after-max-attempts is set. An interrupt
	 * that ended the wait is added to that exception as suppressed.
	 */
	private <T> T resultOfExhaustedExecution(RetryExecutionState state, T result, Throwable suppressed) {
		if (this.config.isFailAfterMaxAttempts()) {
			RetriesExhaustedException exhausted = new RetriesExhaustedException(this.name, state.attempts(), result);
			if (suppressed != null) {
				exhausted.addSuppressed(suppressed);
			}
			finish(false, state, exhausted);
			throw exhausted;
		}
		finish(false, state, null);
		return result;
	}

	@Override
	public <T> CompletionStage<T> executeCompletionStage(Supplier<? extends CompletionStage<T>> call) {
		Objects.requireNonNull(call, "call must not be null");
		return new AsyncRetryExecution<T>(this, call).start();
	}

	@Override
	public RetryExecution startExecution() {
		return new RetryExecution(this);
	}

	@Override
	public RetryMetrics getMetrics() {
		return this.events.snapshot();
	}

	@Override
	public void addListener(RetryListener listener) {
		this.events.addListener(listener);
	}

	@Override
	public void removeListener(RetryListener listener) {
		this.events.removeListener(listener);
	}

	@Override
	public String toString() {
		return "Retry[name=" + this.name + ", config=" + this.config + "]";
	}

	RetryEvents events() {
		return this.events;
	}

	/**
	 * Classifies a failure. A predicate that throws ends the execution: its exception is thrown
	 * with the failure added as suppressed, and the execution counts as failed.
	 */
	boolean isRetryable(RetryExecutionState state, Throwable failure) {
		try {
			return this.classifier.isRetryable(failure);
		}
		catch (RuntimeException ex) {
			ex.addSuppressed(failure);
			finish(false, state, ex);
			throw ex;
		}
	}

	/**
	 * Returns whether a result matches the result predicate. A predicate that throws ends the
	 * execution with its exception, and the execution counts as failed.
	 */
	boolean isRetryableResult(RetryExecutionState state, Object result) {
		Predicate<Object> predicate = this.config.getRetryResultPredicate();
		if (predicate == null) {
			return false;
		}
		try {
			return predicate.test(result);
		}
		catch (RuntimeException ex) {
			finish(false, state, ex);
			throw ex;
		}
	}

	void finish(boolean success, RetryExecutionState state, Throwable lastErrorOrNull) {
		int attempts = state.attempts();
		this.events.finished(this, RetryOutcome.of(success, attempts), attempts, lastErrorOrNull);
	}

}
