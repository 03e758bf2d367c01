package dev.resilience.spring.events;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.breaker.CircuitBreakerConfig;
import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.spring.autoconfigure.ResilienceAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BreakerTransitionNotifier} in an application context: its log lines and
 * application events.
 */
@ExtendWith(OutputCaptureExtension.class)
class BreakerTransitionNotifierTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ResilienceAutoConfiguration.class, ResilienceEventsAutoConfiguration.class))
		.withBean(TransitionEvents.class);

	private final CircuitBreakerConfig config = CircuitBreakerConfig.custom()
		.slidingWindowSize(4)
		.minimumNumberOfCalls(2)
		.failureRateThreshold(50)
		.build();

	@Test
	void openLoggedAtWarnAndPublished(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).circuitBreaker("payments", this.config);
			fail(breaker);
			fail(breaker);
			assertThat(output).containsPattern("WARN.*Circuit breaker 'payments' changed state from CLOSED to OPEN: "
					+ "failure rate 100\\.0%, slow-call rate 0\\.0%, 2 buffered calls, 2 failed");
			List<CircuitBreakerStateChangedEvent> events = context.getBean(TransitionEvents.class).events;
			assertThat(events).singleElement().satisfies((event) -> {
				assertThat(event.getBreaker()).isSameAs(breaker);
				assertThat(event.getBreakerName()).isEqualTo("payments");
				assertThat(event.getFromState()).isEqualTo(CircuitBreaker.State.CLOSED);
				assertThat(event.getToState()).isEqualTo(CircuitBreaker.State.OPEN);
				assertThat(event.getMetrics().failureRate()).isEqualTo(100f);
				assertThat(event.getMetrics().bufferedCalls()).isEqualTo(2);
			});
		});
	}

	@Test
	void otherTransitionsLoggedAtInfo(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).circuitBreaker("payments", this.config);
			breaker.transitionToForcedOpen();
			breaker.transitionToClosed();
			assertThat(output).containsPattern("INFO.*Circuit breaker 'payments' changed state from CLOSED to FORCED_OPEN: "
					+ "failure and slow-call rates not computed, because the 0 buffered calls are fewer than the minimum")
				.containsPattern("INFO.*Circuit breaker 'payments' changed state from FORCED_OPEN to CLOSED")
				.doesNotContainPattern("WARN.*Circuit breaker 'payments'");
			assertThat(context.getBean(TransitionEvents.class).events)
				.extracting(CircuitBreakerStateChangedEvent::getToState)
				.containsExactly(CircuitBreaker.State.FORCED_OPEN, CircuitBreaker.State.CLOSED);
		});
	}

	@Test
	void breakerCreatedBeforeNotifierFollowed() {
		CircuitBreakerRegistry registry = new CircuitBreakerRegistry(this.config);
		CircuitBreaker early = registry.circuitBreaker("early");
		this.contextRunner.withBean(CircuitBreakerRegistry.class, () -> registry).run((context) -> {
			early.transitionToForcedOpen();
			assertThat(context.getBean(TransitionEvents.class).events)
				.extracting(CircuitBreakerStateChangedEvent::getBreakerName)
				.containsExactly("early");
		});
	}

	@Test
	void closedContextStopsNotifying(CapturedOutput output) {
		CircuitBreakerRegistry registry = new CircuitBreakerRegistry(this.config);
		CircuitBreaker breaker = registry.circuitBreaker("payments");
		this.contextRunner.withBean(CircuitBreakerRegistry.class, () -> registry).run((context) -> {
			TransitionEvents events = context.getBean(TransitionEvents.class);
			context.close();
			breaker.transitionToForcedOpen();
			registry.circuitBreaker("later").transitionToForcedOpen();
			assertThat(events.events).isEmpty();
		});
		assertThat(output).doesNotContain("changed state");
	}

	private static void fail(CircuitBreaker breaker) {
		breaker.onError(breaker.acquirePermission(), 1_000, new IOException("down"));
	}

	static class TransitionEvents implements ApplicationListener<CircuitBreakerStateChangedEvent> {

		final List<CircuitBreakerStateChangedEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(CircuitBreakerStateChangedEvent event) {
			this.events.add(event);
		}

	}

}
