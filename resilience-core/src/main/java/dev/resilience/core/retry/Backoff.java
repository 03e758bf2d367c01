package dev.resilience.core.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * The waits between attempts: a fixed wait, or an exponential one that grows by a multiplier up to a
 * maximum, optionally spread at random by a {@link Jitter}.
 *
 * <p>Before jitter, the wait before retry {@code n} (retry 1 precedes the second attempt) is
 * {@code min(initialWait * multiplier^(n-1), cap)}, where the cap is the maximum wait or, when there
 * is none, {@link #MAX_DELAY}. The product is computed in {@code double}, so a large multiplier or
 * retry number saturates at the cap instead of overflowing: every wait is between zero and the cap,
 * and waits before jitter never decrease from one retry to the next. A fixed wait is the case
 * multiplier 1 with the maximum equal to the wait.
 *
 * <p>The random number for the jitter is an argument, so the same inputs always give the same wait.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Backoff {

	/**
	 * Maximum wait a backoff produces or accepts: one day. Exponential growth without a maximum
	 * saturates here, which keeps every wait far from the overflow of a {@code long} count of
	 * nanoseconds in tickers and schedulers.
	 */
	public static final Duration MAX_DELAY = Duration.ofDays(1);

	private static final double MAX_DELAY_NANOS = MAX_DELAY.toNanos();

	private final Duration initialWait;

	private final double multiplier;

	private final Duration maxWait;

	private final Jitter jitter;

	private final boolean fixed;

	private Backoff(Duration initialWait, double multiplier, Duration maxWait, Jitter jitter, boolean fixed) {
		this.initialWait = initialWait;
		this.multiplier = multiplier;
		this.maxWait = maxWait;
		this.jitter = jitter;
		this.fixed = fixed;
	}

	/**
	 * Returns a backoff that waits the same time before every retry, without jitter.
	 * @param wait the wait, from zero to {@link #MAX_DELAY}
	 * @return the backoff
	 * @throws IllegalArgumentException if {@code wait} is null, negative or longer than
	 * {@link #MAX_DELAY}
	 */
	public static Backoff fixed(Duration wait) {
		checkWait("wait", wait);
		return new Backoff(wait, 1, wait, Jitter.NONE, true);
	}

	/**
	 * Returns a backoff whose wait starts at {@code initial} and is multiplied by {@code multiplier}
	 * before each further retry, up to {@code max}, without jitter.
	 * @param initial the wait before the first retry, from zero to {@link #MAX_DELAY}
	 * @param multiplier the growth factor, a finite number of at least 1
	 * @param max the cap on the wait, from {@code initial} to {@link #MAX_DELAY}, or {@code null} to cap
	 * at {@link #MAX_DELAY}
	 * @return the backoff
	 * @throws IllegalArgumentException if a value breaks the rule given with it
	 */
	public static Backoff exponential(Duration initial, double multiplier, Duration max) {
		return exponential("initial", initial, "multiplier", multiplier, "max", max);
	}

	/**
	 * Creates an exponential backoff, naming the values as the caller's settings in error messages.
	 */
	static Backoff exponential(String initialName, Duration initial, String multiplierName, double multiplier,
			String maxName, Duration max) {
		checkWait(initialName, initial);
		if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
			throw new IllegalArgumentException(
					multiplierName + " must be a finite number of at least 1, but was " + multiplier);
		}
		if (max != null) {
			checkWait(maxName, max);
			if (max.compareTo(initial) < 0) {
				throw new IllegalArgumentException(maxName + " (" + max + ") must not be shorter than " + initialName
						+ " (" + initial + "); raise " + maxName + " or lower " + initialName);
			}
		}
		return new Backoff(initial, multiplier, max, Jitter.NONE, false);
	}

	/**
	 * Checks a wait setting, naming it in the error message.
	 */
	static void checkWait(String name, Duration wait) {
		if (wait == null) {
			throw new IllegalArgumentException(name + " must not be null");
		}
		if (wait.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative, but was " + wait);
		}
		if (wait.compareTo(MAX_DELAY) > 0) {
			throw new IllegalArgumentException(
					name + " must be at most " + MAX_DELAY + " (Backoff.MAX_DELAY), but was " + wait);
		}
	}

	/**
	 * Returns a copy of this backoff with the given jitter.
	 * @param jitter the jitter
	 * @return a new backoff with the same waits and {@code jitter}
	 */
	public Backoff withJitter(Jitter jitter) {
		Objects.requireNonNull(jitter, "jitter must not be null");
		return new Backoff(this.initialWait, this.multiplier, this.maxWait, jitter, this.fixed);
	}

	/**
	 * Returns the wait before the first retry, before jitter.
	 * @return the initial wait
	 */
	public Duration getInitialWait() {
		return this.initialWait;
	}

	/**
	 * Returns the factor applied to the wait before each further retry.
	 * @return the multiplier, 1 for a fixed backoff
	 */
	public double getMultiplier() {
		return this.multiplier;
	}

	/**
	 * Returns the cap on the wait.
	 * @return the maximum wait, equal to the wait for a fixed backoff, or {@code null} when an
	 * exponential backoff is capped only by {@link #MAX_DELAY}
	 */
	public Duration getMaxWait() {
		return this.maxWait;
	}

	/**
	 * Returns how each wait is spread at random.
	 * @return the jitter, {@link Jitter#NONE} unless set
	 */
	public Jitter getJitter() {
		return this.jitter;
	}

	/**
	 * Returns whether this backoff waits the same time before every retry, apart from jitter.
	 * @return {@code true} for a backoff created by {@link #fixed(Duration)}
	 */
	public boolean isFixed() {
		return this.fixed;
	}

	/**
	 * Computes the wait before a retry.
	 * @param retryNumber the number of the retry, 1 for the wait before the second attempt
	 * @param previousDelay the wait this method returned for the previous retry, or {@code null} for
	 * the first retry; only {@link Jitter#DECORRELATED} uses it, and takes the initial wait when it is
	 * {@code null}
	 * @param random a random number in [0, 1]; {@link Jitter#NONE} ignores it
	 * @return the wait, from zero to the cap
	 * @throws IllegalArgumentException if {@code retryNumber} is less than 1 or {@code random} is
	 * outside [0, 1]
	 */
	public Duration delayBeforeRetry(int retryNumber, Duration previousDelay, double random) {
		if (retryNumber < 1) {
			throw new IllegalArgumentException("retryNumber must be at least 1, but was " + retryNumber);
		}
		if (!(random >= 0 && random <= 1)) {
			throw new IllegalArgumentException("random must be in [0, 1], but was " + random);
		}
		double cap = capNanos();
		double base = baseDelayNanos(retryNumber, cap);
		double delay = switch (this.jitter) {
			case NONE -> base;
			case FULL -> random * base;
			case EQUAL -> base / 2 + random * base / 2;
			case DECORRELATED -> decorrelatedNanos(previousDelay, random, cap);
		};
		return Duration.ofNanos(Math.round(Math.min(delay, cap)));
	}

	private double capNanos() {
		return (this.maxWait != null) ? this.maxWait.toNanos() : MAX_DELAY_NANOS;
	}

	private double baseDelayNanos(int retryNumber, double cap) {
		double initial = this.initialWait.toNanos();
		if (initial == 0 || this.multiplier == 1) {
			return Math.min(initial, cap);
		}

		// The power may be infinite for a large retry number; min() then returns the cap.
		double grown = initial * Math.pow(this.multiplier, retryNumber - 1);
		return Math.min(grown, cap);
	}

	private double decorrelatedNanos(Duration previousDelay, double random, double cap) {
		double initial = this.initialWait.toNanos();
		double previous = (previousDelay != null) ? Math.max(0, previousDelay.toNanos()) : initial;
		double upper = Math.min(Math.max(initial, 3 * previous), cap);
		return initial + random * (upper - initial);
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof Backoff that)) {
			return false;
		}
		return this.fixed == that.fixed && Double.compare(this.multiplier, that.multiplier) == 0
				&& this.initialWait.equals(that.initialWait) && Objects.equals(this.maxWait, that.maxWait)
				&& this.jitter == that.jitter;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.initialWait, this.multiplier, this.maxWait, this.jitter, this.fixed);
	}

	@Override
	public String toString() {
		if (this.fixed) {
			return "Backoff[fixed " + this.initialWait + ", jitter=" + this.jitter + "]";
		}
		return "Backoff[exponential initial=" + this.initialWait + ", multiplier=" + this.multiplier + ", max="
				+ ((this.maxWait != null) ? this.maxWait : "none (" + MAX_DELAY + ")") + ", jitter=" + this.jitter
				+ "]";
	}

}
