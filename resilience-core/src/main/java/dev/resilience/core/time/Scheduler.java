package dev.resilience.core.time;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once after a delay, without blocking the caller. Asynchronous retries and the
 * automatic transition of an open circuit breaker use it.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Scheduler {

	/**
	 * Schedules a task to run once after the given delay.
	 * @param task the task to run
	 * @param delay the delay, zero or positive
	 * @return a handle that cancels the task if it has not run yet
	 */
	Cancellable schedule(Runnable task, Duration delay);

	/**
	 * Returns a scheduler backed by the given executor service.
	 * @param executor the executor that runs the tasks
	 * @return a scheduler that delegates to {@code executor}
	 */
	static Scheduler of(ScheduledExecutorService executor) {
		return (task, delay) -> {
			ScheduledFuture<?> future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
			return () -> future.cancel(false);
		};
	}

	/**
	 * Returns a shared scheduler with one daemon thread, created on first use. Tasks must be short,
	 * because they all run on that thread.
	 * @return the shared default scheduler
	 */
	static Scheduler shared() {
		return SharedScheduler.INSTANCE;
	}

	/**
	 * A handle to a scheduled task.
	 */
	@FunctionalInterface
	interface Cancellable {

		/**
		 * Cancels the task if it has not started; does nothing otherwise.
		 */
		void cancel();

	}

}
