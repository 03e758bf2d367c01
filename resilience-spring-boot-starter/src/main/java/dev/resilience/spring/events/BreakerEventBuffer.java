package dev.resilience.spring.events;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.resilience.core.breaker.CircuitBreaker;

/**
 * The bounded event history of one breaker: at most {@code capacity} entries, the oldest dropped
 * first.
 * <p>
 * Design note on concurrency: entries are added, dropped and read under this object's lock.
 * Failed and rejected calls are frequent, so each kind has at most one open aggregate entry, and a
 * call that finds one open only updates its atomic count and times, without the lock and without
 * allocating. Any other entry closes both open aggregates, so the next failure or rejection opens
 * a new one after it. A call whose listener runs while another thread closes the aggregate may
 * still be counted in the closed one. That is tolerated because the listeners of one call and of
 * a transition caused on another thread have no defined order anyway.
 */
final class BreakerEventBuffer {

	private final int capacity;

	private final Clock clock;

	// Guarded by this. Oldest first.
	private final ArrayDeque<Entry> entries;

	// Written under this lock; read without it by the failure path.
	private volatile Aggregate openFailures;

	// Written under this lock; read without it by the rejection path.
	private volatile Aggregate openRejections;

	/**
	 * Creates an empty buffer.
	 * @param capacity the maximum number of entries, at least 1
	 * @param clock the clock that timestamps entries
	 */
	BreakerEventBuffer(int capacity, Clock clock) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1, but was " + capacity);
		}
		this.capacity = capacity;
		this.clock = clock;
		this.entries = new ArrayDeque<>(capacity);
	}

	void transition(CircuitBreaker.State from, CircuitBreaker.State to) {
		addClosingAggregates(new Single(BreakerEventType.STATE_TRANSITION, this.clock.millis(), from.name(), to.name(),
				null));
	}

	void rateExceeded(BreakerEventType type, float rate) {
		addClosingAggregates(new Single(type, this.clock.millis(), null, null, rate));
	}

	void reset() {
		addClosingAggregates(new Single(BreakerEventType.RESET, this.clock.millis(), null, null, null));
	}

	void failure(Throwable errorOrNull) {
		recordAggregated(BreakerEventType.FAILED_CALLS, (errorOrNull != null) ? errorOrNull.getClass() : null);
	}

	void notPermitted() {
		recordAggregated(BreakerEventType.NOT_PERMITTED_CALLS, null);
	}

	/**
	 * Returns the entries, oldest first.
	 * @return a new list of immutable events
	 */
	synchronized List<BreakerEvent> snapshot() {
		List<BreakerEvent> events = new ArrayList<>(this.entries.size());
		for (Entry entry : this.entries) {
			events.add(entry.toEvent());
		}
		return events;
	}

	private synchronized void addClosingAggregates(Entry entry) {
		this.openFailures = null;
		this.openRejections = null;
		add(entry);
	}

	private void recordAggregated(BreakerEventType type, Class<?> exceptionType) {
		long now = this.clock.millis();
		Aggregate open = openAggregate(type);
		if (open != null) {
			open.record(now, exceptionType);
			return;
		}
		synchronized (this) {
			open = openAggregate(type);
			if (open == null) {
				open = new Aggregate(type, now);
				add(open);
				if (type == BreakerEventType.FAILED_CALLS) {
					this.openFailures = open;
				}
				else {
					this.openRejections = open;
				}
			}
			open.record(now, exceptionType);
		}
	}

	private Aggregate openAggregate(BreakerEventType type) {
		return (type == BreakerEventType.FAILED_CALLS) ? this.openFailures : this.openRejections;
	}

	// Called with this lock held.
	private void add(Entry entry) {
		if (this.entries.size() == this.capacity) {
			Entry dropped = this.entries.removeFirst();
			if (dropped == this.openFailures) {
				this.openFailures = null;
			}
			if (dropped == this.openRejections) {
				this.openRejections = null;
			}
		}
		this.entries.addLast(entry);
	}

	private static String format(long epochMillis) {
		return Instant.ofEpochMilli(epochMillis).toString();
	}

	private interface Entry {

		BreakerEvent toEvent();

	}

	private record Single(BreakerEventType type, long timeMillis, String fromState, String toState, Float rate)
			implements Entry {

		@Override
		public BreakerEvent toEvent() {
			String time = format(this.timeMillis);
			return new BreakerEvent(this.type, time, time, 1, this.fromState, this.toState, this.rate, null);
		}

	}

	/**
	 * An entry that counts consecutive failures or rejections. Its fields are atomic or volatile
	 * because calls update it without the buffer's lock.
	 */
	private static final class Aggregate implements Entry {

		private final BreakerEventType type;

		private final long firstMillis;

		private final AtomicLong count = new AtomicLong();

		private final AtomicLong lastMillis;

		private volatile Class<?> lastExceptionType;

		Aggregate(BreakerEventType type, long firstMillis) {
			this.type = type;
			this.firstMillis = firstMillis;
			this.lastMillis = new AtomicLong(firstMillis);
		}

		void record(long nowMillis, Class<?> exceptionType) {
			this.count.incrementAndGet();
			this.lastMillis.accumulateAndGet(nowMillis, Math::max);
			this.lastExceptionType = exceptionType;
		}

		@Override
		public BreakerEvent toEvent() {
			Class<?> exceptionType = this.lastExceptionType;
			return new BreakerEvent(this.type, format(this.firstMillis), format(this.lastMillis.get()),
					this.count.get(), null, null, null, (exceptionType != null) ? simpleName(exceptionType) : null);
		}

	}

	static String simpleName(Class<?> type) {
		String simpleName = type.getSimpleName();
		return simpleName.isEmpty() ? type.getName() : simpleName;
	}

}
