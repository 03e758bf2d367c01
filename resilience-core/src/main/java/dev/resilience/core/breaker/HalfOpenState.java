package dev.resilience.core.breaker;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link CircuitBreaker.State#HALF_OPEN}: exactly {@code permitted} trial calls are let through, and
 * their outcomes alone decide whether the breaker closes or opens again.
 *
 * <p>Design note. Each trial call owns one slot. The slot moves from FREE to TAKEN when a permit is
 * issued, and from TAKEN to DONE when the outcome is recorded. It moves back from TAKEN to FREE when
 * the permit is released unrecorded, after an ignored exception or a cancellation. Every move is a compare-and-set, so a slot can
 * be taken by one thread only, and a permit can be recorded or released once only; no more than
 * {@code permitted} calls are ever in flight or recorded. Recorded outcomes go into packed counters
 * with one atomic add. The thread whose add brings the recorded calls to
 * {@code min(minimumNumberOfCalls, permitted)} takes the decision, so exactly one thread does.
 */
final class HalfOpenState extends BreakerState {

	private static final int FREE = 0;

	private static final int TAKEN = 1;

	private static final int DONE = 2;

	private final AtomicIntegerArray slots;

	private final AtomicLong counts = new AtomicLong();

	private final Thresholds thresholds;

	private final int decisionCalls;

	private final long enteredAtNanos;

	private final long maxWaitNanos;

	private volatile int trippedThresholds;

	HalfOpenState(long generation, CircuitBreakerConfig config, long enteredAtNanos) {
		super(generation);
		int permitted = config.getPermittedNumberOfCallsInHalfOpenState();
		this.slots = new AtomicIntegerArray(permitted);
		this.decisionCalls = Math.min(config.getMinimumNumberOfCalls(), permitted);
		// The decision is taken on the trial calls alone, so their number is the minimum here.
		this.thresholds = new Thresholds(config.getFailureRateThreshold(), config.getSlowCallRateThreshold(),
				this.decisionCalls);
		this.enteredAtNanos = enteredAtNanos;
		this.maxWaitNanos = config.getMaxWaitDurationInHalfOpenState().toNanos();
	}

	@Override
	CircuitBreaker.State state() {
		return CircuitBreaker.State.HALF_OPEN;
	}

	@Override
	long tryAcquire(long nowNanos) {
		if (this.maxWaitNanos > 0 && nowNanos - this.enteredAtNanos > this.maxWaitNanos) {
			return TRANSITION_DUE;
		}
		for (int slot = 0; slot < this.slots.length(); slot++) {
			if (this.slots.get(slot) == FREE && this.slots.compareAndSet(slot, FREE, TAKEN)) {
				return plainPermit() | (slot + 1);
			}
		}
		return CircuitBreaker.NO_PERMIT;
	}

	@Override
	int record(long permit, long nowNanos, int code) {
		int slot = slotOf(permit);
		if (slot < 0 || !this.slots.compareAndSet(slot, TAKEN, DONE)) {
			return STAY;
		}
		long packed = this.counts.addAndGet(WindowCounts.of(code));
		if (WindowCounts.calls(packed) != this.decisionCalls) {
			return STAY;
		}
		int tripped = this.thresholds.evaluate(WindowCounts.calls(packed), WindowCounts.failed(packed),
				WindowCounts.slow(packed));
		if (tripped == Thresholds.NONE) {
			return CLOSE;
		}
		this.trippedThresholds = tripped;
		return OPEN;
	}

	@Override
	void release(long permit) {
		int slot = slotOf(permit);
		if (slot >= 0) {
			this.slots.compareAndSet(slot, TAKEN, FREE);
		}
	}

	int trippedThresholds() {
		return this.trippedThresholds;
	}

	long maxWaitNanos() {
		return this.maxWaitNanos;
	}

	/**
	 * Returns the number of slots taken by calls still in flight.
	 */
	int callsInFlight() {
		int taken = 0;
		for (int slot = 0; slot < this.slots.length(); slot++) {
			if (this.slots.get(slot) == TAKEN) {
				taken++;
			}
		}
		return taken;
	}

	@Override
	CircuitBreakerMetrics metrics(long nowNanos, long notPermittedCalls) {
		long packed = this.counts.get();
		int calls = WindowCounts.calls(packed);
		int failed = WindowCounts.failed(packed);
		int slow = WindowCounts.slow(packed);
		return new CircuitBreakerMetrics(this.thresholds.rate(failed, calls), this.thresholds.rate(slow, calls), calls,
				failed, slow, notPermittedCalls);
	}

	private int slotOf(long permit) {
		int slot = (int) (permit & SLOT_MASK) - 1;
		return (slot < this.slots.length()) ? slot : -1;
	}

}
