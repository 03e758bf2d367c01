package dev.resilience.core.retry;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import dev.resilience.core.CheckedSupplier;

/**
 * Runs a call again when it fails, up to a number of attempts, waiting between attempts as its
 * {@link Backoff} defines.
 *
 * <p>An execution is one call of {@link #execute} or {@link #executeCompletionStage}, or one
 * {@link RetryExecution} from {@link #startExecution()}, with all its attempts.
 * {@link RetryConfig#getMaxAttempts()} counts every attempt, the first included. Which failures are
 * retried, the deadline and the waits are described on {@link RetryConfig}.
 *
 * <p>Implementations are thread-safe: one retry serves any number of concurrent executions, and each
 * execution keeps its own attempt count.
 */
public interface Retry {

	/**
	 * Returns a new retry.
	 * @param name the name that identifies the retry in messages, endpoints and meters
	 * @param config the configuration
	 * @return the retry
	 */
	static Retry of(String name, RetryConfig config) {
		return new DefaultRetry(name, config);
	}

	/**
	 * Returns the name of this retry.
	 * @return the name
	 */
	String getName();

	/**
	 * Returns the configuration of this retry.
	 * @return the configuration
	 */
	RetryConfig getConfig();

	/**
	 * Runs a call, and runs it again after a wait while it fails with a retried exception or returns a
	 * retried result. Waits go through the configured {@link dev.resilience.core.time.Sleeper} and block
	 * the calling thread.
	 *
	 * <p>If the thread is interrupted while waiting, no further attempt is made, the interrupt flag is
	 * set again, and the last failure is thrown with the {@link InterruptedException} added as
	 * suppressed.
	 * @param <T> the type of the result
	 * @param call the call
	 * @return the result of the first attempt that is not retried, or the last result when every
	 * attempt returned a retried result and {@link RetryConfig#isFailAfterMaxAttempts()} is off
	 * @throws RetriesExhaustedException if every attempt returned a retried result and
	 * {@link RetryConfig#isFailAfterMaxAttempts()} is on
	 * @throws Throwable the exception of the last attempt, unchanged, when it is not retried or no
	 * attempt or time is left
	 */
	<T> T execute(CheckedSupplier<T> call) throws Throwable;

	/**
	 * Runs an asynchronous call, and calls the supplier again after a wait while the attempt fails
	 * with a retried exception or completes with a retried result. Waits go through the configured
	 * {@link dev.resilience.core.time.Scheduler} and block no thread.
	 *
	 * <p>An attempt fails whether the supplier throws, returns {@code null}, returns a stage that has
	 * already failed, or returns a stage that fails later. {@code CompletionException} and
	 * {@code ExecutionException} wrappers are removed before the failure is classified. Cancelling
	 * the returned stage stops further attempts.
	 * @param <T> the type of the result
	 * @param call the call that starts one attempt and returns its stage
	 * @return a stage that completes with the result of the first attempt that is not retried, or
	 * fails with the unwrapped exception of the last attempt, or with
	 * {@link RetriesExhaustedException} as {@link #execute} would throw it
	 */
	<T> CompletionStage<T> executeCompletionStage(Supplier<? extends CompletionStage<T>> call);

	/**
	 * Starts an execution whose attempts the caller runs and waits for itself, for integrations such
	 * as reactive streams that retry by subscribing again. The deadline is measured from this call.
	 * The returned execution follows this retry's configuration and counts into its metrics and
	 * listeners like the other two methods.
	 * @return a new execution with no attempt started
	 */
	RetryExecution startExecution();

	/**
	 * Returns a snapshot of the counts kept since this retry was created.
	 * @return the metrics snapshot
	 */
	RetryMetrics getMetrics();

	/**
	 * Adds a listener. A listener added twice is called twice.
	 * @param listener the listener
	 */
	void addListener(RetryListener listener);

	/**
	 * Removes one registration of a listener added earlier; does nothing if it was not added.
	 * @param listener the listener
	 */
	void removeListener(RetryListener listener);

}
