package dev.resilience.core.time;

import java.time.Duration;

/**
 * Blocks the calling thread for a duration; synchronous retries wait through it.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {

	/**
	 * Blocks the calling thread for the given duration.
	 * @param duration the time to wait, zero or positive
	 * @throws InterruptedException if the thread is interrupted while waiting
	 */
	void sleep(Duration duration) throws InterruptedException;

	/**
	 * Returns a sleeper backed by {@link Thread#sleep(long, int)}.
	 * @return the system sleeper
	 */
	static Sleeper system() {
		return (duration) -> {
			if (duration.isZero() || duration.isNegative()) {
				return;
			}
			long nanos = duration.toNanos();
			Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
		};
	}

}
