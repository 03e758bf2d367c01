package dev.resilience.core.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A {@link Ticker}, {@link Sleeper} and {@link Scheduler} whose time moves only when a test advances it, for
 * tests that must never sleep.
 *
 * <p>{@link #advance(Duration)} moves the time forward and runs, on the calling thread, every
 * scheduled task that has fallen due, in order of due time. {@link #sleep(Duration)} does not block: it
 * records the requested duration and advances the time by it.
 *
 * <p>This class is thread-safe. Tasks run outside its lock, so a task may schedule another one.
 */
public final class ManualClock implements Ticker, Sleeper, Scheduler {

	private final Object lock = new Object();

	private final PriorityQueue<ScheduledTask> tasks = new PriorityQueue<>(
			Comparator.comparingLong(ScheduledTask::dueNanos).thenComparingLong(ScheduledTask::sequence));

	private final List<Duration> sleeps = new ArrayList<>();

	private long nanos;

	private long sequence;

	/**
	 * Creates a clock that reads zero.
	 */
	public ManualClock() {
	}

	@Override
	public long read() {
		synchronized (this.lock) {
			return this.nanos;
		}
	}

	/**
	 * Advances the time and runs the tasks that fell due, in order of due time.
	 * @param duration how far to move the time, zero or positive
	 * @throws IllegalArgumentException if {@code duration} is negative
	 */
	public void advance(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("duration must not be negative, but was " + duration);
		}
		long target;
		synchronized (this.lock) {
			target = Math.addExact(this.nanos, duration.toNanos());
		}
		while (true) {
			ScheduledTask due;
			synchronized (this.lock) {
				ScheduledTask next = this.tasks.peek();
				if (next == null || next.dueNanos() > target) {
					this.nanos = Math.max(this.nanos, target);
					return;
				}
				due = this.tasks.poll();
				this.nanos = Math.max(this.nanos, due.dueNanos());
			}
			due.task().run();
		}
	}

	/**
	 * Advances the time by the given duration instead of blocking, and records the duration.
	 * @param duration the requested wait
	 * @throws InterruptedException if the calling thread's interrupt flag is set, which clears it
	 */
	@Override
	public void sleep(Duration duration) throws InterruptedException {
		if (Thread.interrupted()) {
			throw new InterruptedException("interrupted before sleeping " + duration);
		}
		synchronized (this.lock) {
			this.sleeps.add(duration);
		}
		advance(duration);
	}

	@Override
	public Cancellable schedule(Runnable task, Duration delay) {
		ScheduledTask scheduled;
		synchronized (this.lock) {
			long delayNanos = Math.max(0, saturatedNanos(delay));
			long due = (this.nanos + delayNanos < this.nanos) ? Long.MAX_VALUE : this.nanos + delayNanos;
			scheduled = new ScheduledTask(task, due, this.sequence++);
			this.tasks.add(scheduled);
		}
		return () -> {
			synchronized (this.lock) {
				this.tasks.remove(scheduled);
			}
		};
	}

	/**
	 * Returns the durations passed to {@link #sleep(Duration)}, oldest first.
	 * @return an unmodifiable copy of the recorded sleeps
	 */
	public List<Duration> sleeps() {
		synchronized (this.lock) {
			return Collections.unmodifiableList(new ArrayList<>(this.sleeps));
		}
	}

	/**
	 * Returns the number of scheduled tasks that have neither run nor been cancelled.
	 * @return the number of pending tasks
	 */
	public int pendingTasks() {
		synchronized (this.lock) {
			return this.tasks.size();
		}
	}

	/**
	 * Returns the delay until the earliest pending task falls due.
	 * @return the delay, or {@code null} when no task is pending
	 */
	public Duration nextTaskDelay() {
		synchronized (this.lock) {
			ScheduledTask next = this.tasks.peek();
			return (next != null) ? Duration.ofNanos(next.dueNanos() - this.nanos) : null;
		}
	}

	private static long saturatedNanos(Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
	}

	private record ScheduledTask(Runnable task, long dueNanos, long sequence) {
	}

}
