package dev.resilience.core.breaker;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A window of the last {@code size} calls, kept as a ring of outcome codes plus packed counters.
 *
 * <p>Design note. A call takes the next ring position with one atomic increment and swaps its code
 * into that slot with {@code getAndSet}. Because the swap returns the code it replaced, every code
 * ever written is removed exactly once, by the thread that overwrites it, and the counters receive
 * the difference between the new and the old code in a single atomic add. When the two codes are
 * equal (a success replacing a success, the steady state), the counters do not change and no add is
 * made. At any quiescent moment the counters therefore equal the sum of the slots. While calls are
 * in flight, a slot written by a thread that has not yet added its difference can be overwritten by a
 * thread that subtracts it first; {@link WindowCounts} keeps such a transient negative count exact,
 * and the threshold check ignores snapshots that are not consistent.
 *
 * <p>No lock is taken and nothing is allocated per call.
 */
final class CountBasedWindow implements SlidingWindow {

	private final int size;

	private final Thresholds thresholds;

	private final AtomicLong position = new AtomicLong();

	private final AtomicIntegerArray slots;

	private final AtomicLong counts = new AtomicLong();

	CountBasedWindow(int size, Thresholds thresholds) {
		this.size = size;
		this.thresholds = thresholds;
		this.slots = new AtomicIntegerArray(size);
	}

	@Override
	public int record(long nowNanos, int code) {
		int slot = (int) (this.position.getAndIncrement() % this.size);
		int previous = this.slots.getAndSet(slot, code);
		if (previous == code) {
			// The window's counts are unchanged, so the last decision taken on them still holds.
			return Thresholds.NONE;
		}
		long packed = this.counts.addAndGet(WindowCounts.of(code) - WindowCounts.of(previous));
		if (!WindowCounts.isConsistent(packed)) {
			return Thresholds.NONE;
		}
		return this.thresholds.evaluate(WindowCounts.calls(packed), WindowCounts.failed(packed),
				WindowCounts.slow(packed));
	}

	@Override
	public CircuitBreakerMetrics metrics(long nowNanos, long notPermittedCalls) {
		long packed = this.counts.get();
		int calls = Math.max(0, WindowCounts.calls(packed));
		int failed = Math.min(calls, Math.max(0, WindowCounts.failed(packed)));
		int slow = Math.min(calls, Math.max(0, WindowCounts.slow(packed)));
		return new CircuitBreakerMetrics(this.thresholds.rate(failed, calls), this.thresholds.rate(slow, calls), calls,
				failed, slow, notPermittedCalls);
	}

}
