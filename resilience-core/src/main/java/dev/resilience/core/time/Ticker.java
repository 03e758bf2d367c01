package dev.resilience.core.time;

/**
 * A monotonic source of nanoseconds, used to measure durations and never to tell the time of day.
 * Only differences between two readings are meaningful.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Ticker {

	/**
	 * Returns the current reading in nanoseconds.
	 * @return the reading, comparable only with other readings of the same ticker
	 */
	long read();

	/**
	 * Returns a ticker backed by {@link System#nanoTime()}.
	 * @return the system ticker
	 */
	static Ticker system() {
		return System::nanoTime;
	}

}
