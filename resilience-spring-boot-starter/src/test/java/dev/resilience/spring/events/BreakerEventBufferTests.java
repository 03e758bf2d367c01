package dev.resilience.spring.events;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.resilience.core.breaker.CircuitBreaker.State;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link BreakerEventBuffer}.
 */
class BreakerEventBufferTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));

	@Test
	void transitionRecordedWithStatesAndTime() {
		BreakerEventBuffer buffer = new BreakerEventBuffer(5, this.clock);
		buffer.transition(State.CLOSED, State.OPEN);
		assertThat(buffer.snapshot()).containsExactly(new BreakerEvent(BreakerEventType.STATE_TRANSITION,
				"2026-12-04T10:00:00Z", "2026-12-04T10:00:00Z", 1, "CLOSED", "OPEN", null, null));
	}

	@Test
	void consecutiveFailuresShareOneEntry() {
		BreakerEventBuffer buffer = new BreakerEventBuffer(5, this.clock);
		for (int i = 0; i < 1000; i++) {
			buffer.failure(new IOException("down"));
			this.clock.advance(Duration.ofMillis(1));
		}
		buffer.failure(new IllegalStateException("broken"));
		List<BreakerEvent> events = buffer.snapshot();
		assertThat(events).hasSize(1);
		BreakerEvent failures = events.get(0);
		assertThat(failures.type()).isEqualTo(BreakerEventType.FAILED_CALLS);
		assertThat(failures.count()).isEqualTo(1001);
		assertThat(failures.time()).isEqualTo("2026-12-04T10:00:00Z");
		assertThat(failures.lastTime()).isEqualTo("2026-12-04T10:00:01Z");
		assertThat(failures.exception()).isEqualTo("IllegalStateException");
	}

	@Test
	void failedResultHasNoException() {
		BreakerEventBuffer buffer = new BreakerEventBuffer(5, this.clock);
		buffer.failure(null);
		assertThat(buffer.snapshot().get(0).exception()).isNull();
	}

	@Test
	void otherEntryClosesAggregates() {
		BreakerEventBuffer buffer = new BreakerEventBuffer(10, this.clock);
		buffer.failure(new IOException("down"));
		buffer.failure(new IOException("down"));
		buffer.rateExceeded(BreakerEventType.FAILURE_RATE_EXCEEDED, 100f);
		buffer.transition(State.CLOSED, State.OPEN);
		buffer.notPermitted();
		buffer.notPermitted();
		buffer.notPermitted();
		buffer.transition(State.OPEN, State.HALF_OPEN);
		buffer.failure(new IOException("still down"));
		buffer.notPermitted();
		assertThat(buffer.snapshot()).extracting(BreakerEvent::type, BreakerEvent::count)
			.containsExactly(tuple(BreakerEventType.FAILED_CALLS, 2L), tuple(BreakerEventType.FAILURE_RATE_EXCEEDED, 1L),
					tuple(BreakerEventType.STATE_TRANSITION, 1L), tuple(BreakerEventType.NOT_PERMITTED_CALLS, 3L),
					tuple(BreakerEventType.STATE_TRANSITION, 1L), tuple(BreakerEventType.FAILED_CALLS, 1L),
					tuple(BreakerEventType.NOT_PERMITTED_CALLS, 1L));
		assertThat(buffer.snapshot().get(1).rate()).isEqualTo(100f);
	}

	@Test
	void oldestEntriesDroppedAtCapacity() {
		BreakerEventBuffer buffer = new BreakerEventBuffer(3, this.clock);
		buffer.transition(State.CLOSED, State.OPEN);
		buffer.transition(State.OPEN, State.HALF_OPEN);
		buffer.transition(State.HALF_OPEN, State.OPEN);
		buffer.reset();
		assertThat(buffer.snapshot()).extracting(BreakerEvent::type, BreakerEvent::fromState)
			.containsExactly(tuple(BreakerEventType.STATE_TRANSITION, "OPEN"),
					tuple(BreakerEventType.STATE_TRANSITION, "HALF_OPEN"), tuple(BreakerEventType.RESET, null));
	}

	@Test
	void droppedAggregateIsNotUpdated() {
		BreakerEventBuffer buffer = new BreakerEventBuffer(1, this.clock);
		buffer.notPermitted();
		buffer.failure(new IOException("down"));
		buffer.notPermitted();
		buffer.notPermitted();
		assertThat(buffer.snapshot()).extracting(BreakerEvent::type, BreakerEvent::count)
			.containsExactly(tuple(BreakerEventType.NOT_PERMITTED_CALLS, 2L));
	}

	@Test
	void capacityBelowOneRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BreakerEventBuffer(0, this.clock))
			.withMessage("capacity must be at least 1, but was 0");
	}

	@Test
	void concurrentRejectionsCountedExactly() throws Exception {
		BreakerEventBuffer buffer = new BreakerEventBuffer(5, this.clock);
		int threads = 8;
		int rejectionsPerThread = 10_000;
		CyclicBarrier start = new CyclicBarrier(threads);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int thread = 0; thread < threads; thread++) {
				futures.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i < rejectionsPerThread; i++) {
						buffer.notPermitted();
					}
					return null;
				}));
			}
			for (Future<?> future : futures) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(buffer.snapshot()).singleElement()
			.satisfies((event) -> assertThat(event.count()).isEqualTo((long) threads * rejectionsPerThread));
	}

}
