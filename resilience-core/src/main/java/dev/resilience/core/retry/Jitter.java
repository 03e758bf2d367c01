package dev.resilience.core.retry;

/**
 * The random spread a {@link Backoff} applies to each wait, so that many clients that failed
 * together do not all retry at the same moment.
 *
 * <p>In the formulas, {@code d} is the wait before jitter (the fixed wait, or the exponential wait
 * capped at the maximum), {@code r} is a random number in [0, 1], and results are rounded to the
 * nearest nanosecond.
 */
public enum Jitter {

	/** No jitter: the wait is {@code d}. */
	NONE,

	/** Full jitter: the wait is {@code r * d}, uniform in [0, d]. */
	FULL,

	/** Equal jitter: the wait is {@code d / 2 + r * d / 2}, uniform in [d/2, d]. */
	EQUAL,

	/**
	 * Decorrelated jitter: the wait is {@code initial + r * (3 * previous - initial)}, uniform between
	 * the initial wait and three times the previous wait, then capped at the maximum wait. The
	 * multiplier is not used, because the growth comes from the factor 3.
	 */
	DECORRELATED

}
