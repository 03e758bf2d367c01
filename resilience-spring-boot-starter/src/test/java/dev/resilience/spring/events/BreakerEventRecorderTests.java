package dev.resilience.spring.events;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.breaker.CircuitBreakerConfig;
import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.core.time.ManualClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link BreakerEventRecorder} on real breakers.
 */
class BreakerEventRecorderTests {

	private final ManualClock ticker = new ManualClock();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));

	private final CircuitBreakerConfig config = CircuitBreakerConfig.custom()
		.slidingWindowSize(4)
		.minimumNumberOfCalls(2)
		.failureRateThreshold(50)
		.waitDurationInOpenState(Duration.ofSeconds(10))
		.permittedNumberOfCallsInHalfOpenState(1)
		.ticker(this.ticker)
		.scheduler(this.ticker)
		.clock(this.clock)
		.build();

	private final CircuitBreakerRegistry registry = new CircuitBreakerRegistry(this.config);

	@Test
	void tripRecordsFailuresThresholdTransitionAndRejections() {
		CircuitBreaker breaker = this.registry.circuitBreaker("payments");
		BreakerEventRecorder recorder = new BreakerEventRecorder(this.registry, 20);
		fail(breaker);
		this.clock.advance(Duration.ofSeconds(1));
		fail(breaker);
		for (int i = 0; i < 500; i++) {
			assertThat(breaker.tryAcquirePermission()).isEqualTo(CircuitBreaker.NO_PERMIT);
		}
		List<BreakerEvent> events = recorder.events(breaker);
		// The breaker reports the call that trips it after the transition it causes.
		assertThat(events).extracting(BreakerEvent::type, BreakerEvent::count)
			.containsExactly(tuple(BreakerEventType.FAILED_CALLS, 1L), tuple(BreakerEventType.FAILURE_RATE_EXCEEDED, 1L),
					tuple(BreakerEventType.STATE_TRANSITION, 1L), tuple(BreakerEventType.FAILED_CALLS, 1L),
					tuple(BreakerEventType.NOT_PERMITTED_CALLS, 500L));
		assertThat(events.get(0).exception()).isEqualTo("IOException");
		assertThat(events.get(0).time()).isEqualTo("2026-12-04T10:00:00Z");
		assertThat(events.get(1).rate()).isEqualTo(100f);
		assertThat(events.get(1).time()).isEqualTo("2026-12-04T10:00:01Z");
		assertThat(events.get(2).fromState()).isEqualTo("CLOSED");
		assertThat(events.get(2).toState()).isEqualTo("OPEN");
	}

	@Test
	void failuresBetweenTransitionsAggregated() {
		CircuitBreaker breaker = this.registry.circuitBreaker("payments", this.config.toBuilder()
			.slidingWindowSize(100)
			.minimumNumberOfCalls(100)
			.build());
		BreakerEventRecorder recorder = new BreakerEventRecorder(this.registry, 20);
		for (int i = 0; i < 60; i++) {
			fail(breaker);
			this.clock.advance(Duration.ofSeconds(1));
		}
		assertThat(recorder.events(breaker)).singleElement().satisfies((event) -> {
			assertThat(event.type()).isEqualTo(BreakerEventType.FAILED_CALLS);
			assertThat(event.count()).isEqualTo(60);
			assertThat(event.time()).isEqualTo("2026-12-04T10:00:00Z");
			assertThat(event.lastTime()).isEqualTo("2026-12-04T10:00:59Z");
		});
	}

	@Test
	void recoveryRecordsEachTransition() {
		CircuitBreaker breaker = this.registry.circuitBreaker("payments");
		BreakerEventRecorder recorder = new BreakerEventRecorder(this.registry, 20);
		breaker.transitionToOpen();
		this.ticker.advance(Duration.ofSeconds(11));
		breaker.onSuccess(breaker.acquirePermission(), 1_000);
		breaker.reset();
		assertThat(recorder.events(breaker)).extracting(BreakerEvent::type, BreakerEvent::fromState, BreakerEvent::toState)
			.containsExactly(tuple(BreakerEventType.STATE_TRANSITION, "CLOSED", "OPEN"),
					tuple(BreakerEventType.STATE_TRANSITION, "OPEN", "HALF_OPEN"),
					tuple(BreakerEventType.STATE_TRANSITION, "HALF_OPEN", "CLOSED"),
					tuple(BreakerEventType.RESET, null, null));
	}

	@Test
	void laterBreakerRecorded() {
		BreakerEventRecorder recorder = new BreakerEventRecorder(this.registry, 20);
		CircuitBreaker later = this.registry.circuitBreaker("later");
		later.transitionToForcedOpen();
		assertThat(recorder.events(later)).extracting(BreakerEvent::toState).containsExactly("FORCED_OPEN");
	}

	@Test
	void replacementStartsEmpty() {
		CircuitBreaker previous = this.registry.circuitBreaker("payments");
		BreakerEventRecorder recorder = new BreakerEventRecorder(this.registry, 20);
		previous.transitionToForcedOpen();
		CircuitBreaker replacement = this.registry.replace("payments", this.config);
		assertThat(recorder.events(previous)).isEmpty();
		assertThat(recorder.events(replacement)).isEmpty();
		replacement.transitionToDisabled();
		assertThat(recorder.events(replacement)).extracting(BreakerEvent::toState).containsExactly("DISABLED");
	}

	@Test
	void removedBreakerForgotten() {
		CircuitBreaker breaker = this.registry.circuitBreaker("payments");
		BreakerEventRecorder recorder = new BreakerEventRecorder(this.registry, 20);
		breaker.transitionToForcedOpen();
		this.registry.remove("payments");
		assertThat(recorder.events(breaker)).isEmpty();
		assertThat(recorder.attachedBreakers()).isEmpty();
	}

	@Test
	void closeStopsRecording() {
		CircuitBreaker breaker = this.registry.circuitBreaker("payments");
		BreakerEventRecorder recorder = new BreakerEventRecorder(this.registry, 20);
		recorder.close();
		breaker.transitionToForcedOpen();
		this.registry.circuitBreaker("later").transitionToForcedOpen();
		assertThat(recorder.events(breaker)).isEmpty();
		assertThat(recorder.attachedBreakers()).isEmpty();
	}

	@Test
	void zeroBufferSizeRecordsNothing() {
		CircuitBreaker breaker = this.registry.circuitBreaker("payments");
		BreakerEventRecorder recorder = new BreakerEventRecorder(this.registry, 0);
		breaker.transitionToForcedOpen();
		assertThat(recorder.events(breaker)).isEmpty();
		assertThat(recorder.attachedBreakers()).isEmpty();
	}

	@Test
	void bufferSizeOutOfRangeRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BreakerEventRecorder(this.registry, -1))
			.withMessage("Event buffer size must be between 0 and 1000 entries per breaker, but was -1; "
					+ "use 0 to record no events");
		assertThatIllegalArgumentException().isThrownBy(() -> new BreakerEventRecorder(this.registry, 1001))
			.withMessageContaining("but was 1001");
	}

	@Test
	void propertyDefaultMatchesRecorderDefault() {
		assertThat(new BreakerEventsProperties().getEventsBufferSize()).isEqualTo(BreakerEventRecorder.DEFAULT_BUFFER_SIZE);
	}

	private static void fail(CircuitBreaker breaker) {
		breaker.onError(breaker.acquirePermission(), 1_000, new IOException("down"));
	}

}
