package dev.resilience.spring.config;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import dev.resilience.core.breaker.CircuitBreakerConfig;
import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.core.retry.RetryConfig;
import dev.resilience.core.retry.RetryRegistry;
import dev.resilience.spring.annotation.CircuitGuarded;
import dev.resilience.spring.annotation.Retryable;
import dev.resilience.spring.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.spring.autoconfigure.ResilienceProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for binding the resilience properties and resolving them with annotation attributes in a
 * Spring context.
 */
class ResiliencePropertiesBindingTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class));

	@Test
	void breakerPropertiesBind() {
		this.contextRunner
			.withPropertyValues("resilience.breakers.defaults.failure-rate-threshold=25",
					"resilience.breakers.defaults.wait-duration-in-open-state=2s",
					"resilience.breakers.instances.backend.sliding-window-size=8",
					"resilience.breakers.instances.backend.minimum-number-of-calls=4",
					"resilience.breakers.instances.backend.permitted-number-of-calls-in-half-open-state=2",
					"resilience.breakers.instances.backend.record-exceptions=java.io.IOException",
					"resilience.breakers.instances.backend.ignore-exceptions=java.util.concurrent.TimeoutException")
			.run((context) -> {
				BreakerProperties properties = context.getBean(BreakerProperties.class);
				assertThat(properties.getDefaults().getFailureRateThreshold()).isEqualTo(25f);
				assertThat(properties.getDefaults().getWaitDurationInOpenState()).isEqualTo(Duration.ofSeconds(2));
				BreakerProperties.Instance backend = properties.getInstances().get("backend");
				assertThat(backend.getSlidingWindowSize()).isEqualTo(8);
				assertThat(backend.getMinimumNumberOfCalls()).isEqualTo(4);
				assertThat(backend.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(2);
				assertThat(backend.getFailureRateThreshold()).isNull();
				assertThat(backend.getRecordExceptions()).containsExactly(IOException.class);
				assertThat(backend.getIgnoreExceptions()).containsExactly(TimeoutException.class);

				CircuitBreakerConfig config = context.getBean(CircuitBreakerRegistry.class)
					.circuitBreaker("backend")
					.getConfig();
				assertThat(config.getFailureRateThreshold()).isEqualTo(25f);
				assertThat(config.getSlidingWindowSize()).isEqualTo(8);
				assertThat(config.getWaitDurationInOpenState()).isEqualTo(Duration.ofSeconds(2));
			});
	}

	@Test
	void retryPropertiesBind() {
		this.contextRunner
			.withPropertyValues("resilience.retries.defaults.max-attempts=4",
					"resilience.retries.instances.backend.wait-duration=250",
					"resilience.retries.instances.backend.multiplier=1.5",
					"resilience.retries.instances.backend.max-wait-duration=3s",
					"resilience.retries.instances.backend.retry-exceptions=java.io.IOException,java.util.concurrent.TimeoutException")
			.run((context) -> {
				RetryProperties.Instance backend = context.getBean(RetryProperties.class).getInstances().get("backend");
				assertThat(backend.getWaitDuration()).isEqualTo(Duration.ofMillis(250));
				assertThat(backend.getMultiplier()).isEqualTo(1.5);
				assertThat(backend.getMaxWaitDuration()).isEqualTo(Duration.ofSeconds(3));
				assertThat(backend.getRetryExceptions()).containsExactly(IOException.class, TimeoutException.class);
				assertThat(backend.getMaxAttempts()).isNull();

				RetryConfig config = context.getBean(RetryRegistry.class).retry("backend").getConfig();
				assertThat(config.getMaxAttempts()).isEqualTo(4);
				assertThat(config.getBackoff().getInitialWait()).isEqualTo(Duration.ofMillis(250));
				assertThat(config.getBackoff().getMultiplier()).isEqualTo(1.5);
			});
	}

	@Test
	void generalPropertiesBind() {
		this.contextRunner.withPropertyValues("resilience.aspect.order=5").run((context) -> {
			ResilienceProperties properties = context.getBean(ResilienceProperties.class);
			assertThat(properties.isEnabled()).isTrue();
			assertThat(properties.getAspect().getOrder()).isEqualTo(5);
		});
	}

	@Test
	void bracketedNameKeepsDotsAndCase() {
		this.contextRunner
			.withPropertyValues("resilience.breakers.instances.[QuoteService.quote].failure-rate-threshold=10")
			.run((context) -> assertThat(context.getBean(BreakerProperties.class).getInstances())
				.containsOnlyKeys("QuoteService.quote"));
	}

	@Test
	void unbracketedNameKeepsCase() {
		this.contextRunner.withPropertyValues("resilience.breakers.instances.quoteService.failure-rate-threshold=10")
			.run((context) -> assertThat(context.getBean(BreakerProperties.class).getInstances())
				.containsOnlyKeys("quoteService"));
	}

	@Test
	void resolutionOrderIsDefaultsThenAnnotationThenInstance() {
		this.contextRunner.withBean(OrderedService.class)
			.withPropertyValues("resilience.breakers.defaults.failure-rate-threshold=40",
					"resilience.breakers.defaults.permitted-number-of-calls-in-half-open-state=4",
					"resilience.breakers.instances.ordered.sliding-window-size=30",
					"resilience.retries.defaults.max-attempts=6", "resilience.retries.defaults.wait-duration=20ms",
					"resilience.retries.instances.ordered.wait-duration=30ms")
			.run((context) -> {
				CircuitBreakerConfig breaker = context.getBean(CircuitBreakerRegistry.class)
					.find("ordered")
					.orElseThrow()
					.getConfig();
				assertThat(breaker.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(4);
				assertThat(breaker.getFailureRateThreshold()).isEqualTo(30f);
				assertThat(breaker.getSlidingWindowSize()).isEqualTo(30);
				assertThat(breaker.getWaitDurationInOpenState())
					.isEqualTo(CircuitBreakerConfig.DEFAULT_WAIT_DURATION_IN_OPEN_STATE);

				RetryConfig retry = context.getBean(RetryRegistry.class).find("ordered").orElseThrow().getConfig();
				assertThat(retry.getMaxAttempts()).isEqualTo(5);
				assertThat(retry.getBackoff().getInitialWait()).isEqualTo(Duration.ofMillis(30));
			});
	}

	static class OrderedService {

		@Retryable(name = "ordered", maxAttempts = 5, waitDuration = "10ms")
		@CircuitGuarded(name = "ordered", failureRateThreshold = 30, slidingWindowSize = 20)
		public String call() {
			return "called";
		}

	}

}
