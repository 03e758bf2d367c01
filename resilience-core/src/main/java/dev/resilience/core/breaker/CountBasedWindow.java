package dev.resilience.core.breaker;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import dev.resilience.core.time.Ticker;

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
 * <p>In the steady state of a healthy dependency, the window is full of plain successes. A plain
 * success recorded then changes nothing, so it is skipped after one volatile read and the path
 * writes no shared memory. This is exact: which success a new success would have replaced does not
 * matter, and an outcome that differs still waits for exactly {@code size} later writes before it is
 * evicted, because skipped successes do not advance the ring position. A success skipped while
 * another thread's failure is written but not yet counted is equivalent to that success having
 * ended just before the failure.
 *
 * <p>No lock is taken and nothing is allocated per call.
 */
final class CountBasedWindow implements SlidingWindow {

	private final int size;

	private final Thresholds thresholds;

	private final AtomicLong position = new AtomicLong();

	private final AtomicIntegerArray slots;

	private final AtomicLong counts = new AtomicLong();

	private final long fullOfSuccesses;

	CountBasedWindow(int size, Thresholds thresholds) {
		this.size = size;
		this.fullOfSuccesses = WindowCounts.of(WindowCounts.RECORDED) * size;
		this.thresholds = thresholds;
		this.slots = new AtomicIntegerArray(size);
	}

	@Override
	public int record(Ticker ticker, int code) {
		if (code == WindowCounts.RECORDED && this.counts.get() == this.fullOfSuccesses) {
			// Every slot contains a plain success, so recording one more would swap a success for a
			// success: skip the writes. See the class notes for why this is exact.
			return Thresholds.NONE;
		}
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
