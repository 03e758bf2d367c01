package dev.resilience.core.breaker;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import dev.resilience.core.time.Ticker;

/**
 * A window of the calls that ended during the last {@code seconds} seconds, kept in one bucket per
 * second of ticker time.
 *
 * <p>Design note. Bucket {@code s mod seconds} holds second {@code s}. A call that finds a bucket of an
 * older second replaces it with a new, empty bucket by compare-and-set, so each second allocates at
 * most one bucket and calls within a second allocate nothing. Counting into a bucket is one atomic add
 * on its packed counters. Reading the window sums the buckets whose second lies within the window,
 * which costs one volatile read per bucket; expired buckets are skipped, never cleared.
 *
 * <p>NOTE: a bucket counts at most 1,048,575 calls of each kind per second; more calls in one second
 * to one breaker would overflow its packed counters. A thread paused for longer than the whole window between reading a bucket and counting into
 * it adds its call to a bucket that has meanwhile expired, so that call is not counted.
 */
final class TimeBasedWindow implements SlidingWindow {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private final int seconds;

	private final Thresholds thresholds;

	private final AtomicReferenceArray<Bucket> buckets;

	TimeBasedWindow(int seconds, Thresholds thresholds) {
		this.seconds = seconds;
		this.thresholds = thresholds;
		this.buckets = new AtomicReferenceArray<>(seconds);
	}

	@Override
	public int record(Ticker ticker, int code) {
		long second = Math.floorDiv(ticker.read(), NANOS_PER_SECOND);
		bucketFor(second).counts.addAndGet(WindowCounts.of(code));
		return sum(second, null);
	}

	@Override
	public CircuitBreakerMetrics metrics(long nowNanos, long notPermittedCalls) {
		long[] totals = new long[3];
		sum(Math.floorDiv(nowNanos, NANOS_PER_SECOND), totals);
		int calls = (int) Math.min(totals[0], Integer.MAX_VALUE);
		int failed = (int) Math.min(totals[1], Integer.MAX_VALUE);
		int slow = (int) Math.min(totals[2], Integer.MAX_VALUE);
		return new CircuitBreakerMetrics(this.thresholds.rate(totals[1], totals[0]),
				this.thresholds.rate(totals[2], totals[0]), calls, failed, slow, notPermittedCalls);
	}

	/**
	 * Sums the buckets of the window that ends at the given second and evaluates the thresholds on the
	 * sums. The sums are also stored in {@code totals} (calls, failed, slow) unless it is {@code null},
	 * which the recording path passes so that it allocates nothing.
	 */
	private int sum(long second, long[] totals) {
		long calls = 0;
		long failed = 0;
		long slow = 0;
		for (int i = 0; i < this.seconds; i++) {
			Bucket bucket = this.buckets.get(i);
			if (bucket != null && bucket.second <= second && second - bucket.second < this.seconds) {
				long packed = bucket.counts.get();
				calls += WindowCounts.calls(packed);
				failed += WindowCounts.failed(packed);
				slow += WindowCounts.slow(packed);
			}
		}
		if (totals != null) {
			totals[0] = calls;
			totals[1] = failed;
			totals[2] = slow;
		}
		return this.thresholds.evaluate(calls, failed, slow);
	}

	private Bucket bucketFor(long second) {
		int index = (int) Math.floorMod(second, (long) this.seconds);
		while (true) {
			Bucket current = this.buckets.get(index);
			if (current != null && current.second == second) {
				return current;
			}
			if (current != null && current.second > second) {
				// The ticker is monotonic, so this happens only for a call that ended before a newer call
				// claimed the slot. Counting it in the newer bucket is better than losing it.
				return current;
			}
			Bucket fresh = new Bucket(second);
			if (this.buckets.compareAndSet(index, current, fresh)) {
				return fresh;
			}
		}
	}

	private static final class Bucket {

		final long second;

		final AtomicLong counts = new AtomicLong();

		Bucket(long second) {
			this.second = second;
		}

	}

}
