package dev.resilience.core.breaker;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import dev.resilience.core.time.Ticker;

/**
 * {@link CircuitBreaker.State#HALF_OPEN}: exactly {@code permitted} trial calls are let through, and
 * their outcomes alone decide whether the breaker closes or opens again.
 *
 * <p>Design note. Each trial call owns one slot. The slot moves from FREE to TAKEN when a permit is
 * issued, and from TAKEN to DONE when the outcome is recorded. It moves back from TAKEN to FREE when
 * the permit is released unrecorded, after an ignored exception or a cancellation. Every move is a
 * compare-and-set, so a slot can be taken by one thread only.
 *
 * <p>A released slot is issued again, so the slot number alone cannot tell its permits apart. Each
 * issue therefore gets a new issue number, kept in the slot next to its status and carried by the
 * permit, and every move expects the issue number of the permit it was given. A permit released or
 * recorded a second time, after its slot went to another call, then fails its compare-and-set: it can
 * neither free nor record that call's slot. So a permit is recorded or released once only, and no more
 * than {@code permitted} calls are ever in flight or recorded.
 *
 * <p>Recorded outcomes go into packed counters with one atomic add. The thread whose add brings the
 * recorded calls to {@code min(minimumNumberOfCalls, permitted)} takes the decision, so exactly one
 * thread does.
 *
 * <p>NOTE: issue numbers wrap after 65,536 issues of one slot, so a duplicate that arrives exactly a
 * multiple of 65,536 issues later is still mistaken for the current permit.
 */
final class HalfOpenState extends BreakerState {

	private static final int FREE = 0;

	private static final int TAKEN = 1;

	private static final int DONE = 2;

	// A slot value contains the status in its low bits and, above them, the issue number of its latest permit.
	private static final int STATUS_BITS = 2;

	private static final int STATUS_MASK = (1 << STATUS_BITS) - 1;

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
	long tryAcquire(Ticker ticker) {
		if (this.maxWaitNanos > 0 && ticker.read() - this.enteredAtNanos > this.maxWaitNanos) {
			return TRANSITION_DUE;
		}
		for (int slot = 0; slot < this.slots.length(); slot++) {
			int current = this.slots.get(slot);
			if ((current & STATUS_MASK) == FREE) {
				int issue = ((current >>> STATUS_BITS) + 1) & ISSUE_MASK;
				if (this.slots.compareAndSet(slot, current, slotValue(issue, TAKEN))) {
					return plainPermit() | ((long) issue << SLOT_BITS) | (slot + 1);
				}
			}
		}
		return CircuitBreaker.NO_PERMIT;
	}

	@Override
	int record(long permit, Ticker ticker, int code) {
		int slot = slotOf(permit);
		int issue = issueOf(permit);
		if (slot < 0 || !this.slots.compareAndSet(slot, slotValue(issue, TAKEN), slotValue(issue, DONE))) {
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
		int issue = issueOf(permit);
		if (slot >= 0) {
			this.slots.compareAndSet(slot, slotValue(issue, TAKEN), slotValue(issue, FREE));
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
			if ((this.slots.get(slot) & STATUS_MASK) == TAKEN) {
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

	private static int slotValue(int issue, int status) {
		return (issue << STATUS_BITS) | status;
	}

	private int slotOf(long permit) {
		int slot = (int) (permit & SLOT_MASK) - 1;
		return (slot < this.slots.length()) ? slot : -1;
	}

}
