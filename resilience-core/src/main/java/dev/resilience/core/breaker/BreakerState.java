package dev.resilience.core.breaker;

import dev.resilience.core.time.Ticker;

/**
 * One state of a {@link DefaultCircuitBreaker}. A new object is created for every transition and
 * carries the breaker's generation number, which every permit it issues embeds. A result presented
 * with a permit of another generation is therefore late, and is recorded nowhere.
 *
 * <p>Subclasses are thread-safe.
 */
abstract class BreakerState {

	/** Returned by {@link #tryAcquire(Ticker)} when the state's time is up and a transition is due. */
	static final long TRANSITION_DUE = -2;

	/** Returned by {@link #record(long, Ticker, int)} when no transition is called for. */
	static final int STAY = 0;

	/** Returned by {@link #record(long, Ticker, int)} when the breaker must open. */
	static final int OPEN = 1;

	/** Returned by {@link #record(long, Ticker, int)} when the breaker must close. */
	static final int CLOSE = 2;

	/** Bits of a permit that hold the half-open slot number plus one; zero for other states. */
	static final int SLOT_BITS = 16;

	static final long SLOT_MASK = (1L << SLOT_BITS) - 1;

	/**
	 * Bits of a permit, above the slot, that hold the issue number of a half-open slot; zero for other
	 * states. See {@link HalfOpenState}.
	 */
	static final int ISSUE_BITS = 16;

	static final int ISSUE_MASK = (1 << ISSUE_BITS) - 1;

	private static final int GENERATION_SHIFT = SLOT_BITS + ISSUE_BITS;

	// The generation takes the remaining 31 bits, so a permit is never negative. It wraps after 2^31
	// transitions, so only a permit held across that many transitions could be mistaken for a current one.
	private static final long GENERATION_MASK = (1L << (Long.SIZE - 1 - GENERATION_SHIFT)) - 1;

	final long generation;

	BreakerState(long generation) {
		this.generation = generation;
	}

	/**
	 * Returns the public state this object represents.
	 */
	abstract CircuitBreaker.State state();

	/**
	 * Returns a permit, {@link CircuitBreaker#NO_PERMIT}, or {@link #TRANSITION_DUE}.
	 */
	abstract long tryAcquire(Ticker ticker);

	/**
	 * Records the outcome of a call made with a permit of this state and returns {@link #STAY},
	 * {@link #OPEN} or {@link #CLOSE}. The last tripped thresholds, if any, are kept for the events.
	 * @param permit a permit of this generation
	 * @param ticker the breaker's ticker, read only by states and windows that need the time
	 * @param code the outcome code, see {@link WindowCounts}
	 */
	int record(long permit, Ticker ticker, int code) {
		return STAY;
	}

	/**
	 * Returns a permit without recording anything.
	 */
	void release(long permit) {
	}

	/**
	 * Returns a snapshot of the calls this state holds.
	 */
	abstract CircuitBreakerMetrics metrics(long nowNanos, long notPermittedCalls);

	/**
	 * Returns the permit of an unlimited state: the generation with no slot.
	 */
	final long plainPermit() {
		return (this.generation & GENERATION_MASK) << GENERATION_SHIFT;
	}

	/**
	 * Returns whether the permit was issued by this state rather than by an earlier one.
	 */
	final boolean issued(long permit) {
		return permit >= 0 && (permit >>> GENERATION_SHIFT) == (this.generation & GENERATION_MASK);
	}

	static int issueOf(long permit) {
		return (int) (permit >>> SLOT_BITS) & ISSUE_MASK;
	}

	static CircuitBreakerMetrics emptyMetrics(long notPermittedCalls) {
		return new CircuitBreakerMetrics(-1, -1, 0, 0, 0, notPermittedCalls);
	}

}
