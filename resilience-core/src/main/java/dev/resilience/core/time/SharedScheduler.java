package dev.resilience.core.time;

import java.util.concurrent.Executors;

/**
 * Holder for the scheduler returned by {@link Scheduler#shared()}, created on first use.
 */
final class SharedScheduler {

	static final Scheduler INSTANCE = Scheduler.of(Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "resilience-scheduler");
		thread.setDaemon(true);
		return thread;
	}));

	private SharedScheduler() {
	}

}
