package dev.resilience.spring.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import dev.resilience.core.breaker.CircuitBreakerConfig;
import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.core.breaker.SlidingWindowType;
import dev.resilience.core.retry.Jitter;
import dev.resilience.core.retry.RetryConfig;
import dev.resilience.core.retry.RetryRegistry;
import dev.resilience.spring.actuate.BreakersEndpoint;
import dev.resilience.spring.actuate.BreakersEndpointAutoConfiguration;
import dev.resilience.spring.annotation.CircuitGuarded;
import dev.resilience.spring.annotation.Retryable;
import dev.resilience.spring.autoconfigure.ResilienceAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for defaults, templates under {@code configs} and instances with {@code base-config} in a
 * Spring context, and for the duration formats the properties accept.
 */
class ConfigInheritanceTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class));

	@Test
	void breakerInheritsThroughTwoTemplates() {
		this.contextRunner
			.withPropertyValues("resilience.breakers.defaults.permitted-number-of-calls-in-half-open-state=4",
					"resilience.breakers.configs.base.failure-rate-threshold=30",
					"resilience.breakers.configs.base.wait-duration-in-open-state=10s",
					"resilience.breakers.configs.base.record-exceptions=java.io.IOException",
					"resilience.breakers.configs.strict.base-config=base",
					"resilience.breakers.configs.strict.failure-rate-threshold=20",
					"resilience.breakers.instances.pricing.base-config=strict",
					"resilience.breakers.instances.pricing.sliding-window-size=10")
			.run((context) -> {
				CircuitBreakerConfig config = breakerConfig(context.getBean(CircuitBreakerRegistry.class), "pricing");
				assertThat(config.getFailureRateThreshold()).isEqualTo(20f);
				assertThat(config.getWaitDurationInOpenState()).isEqualTo(Duration.ofSeconds(10));
				assertThat(config.getRecordExceptions()).containsExactly(IOException.class);
				assertThat(config.getSlidingWindowSize()).isEqualTo(10);
				assertThat(config.getMinimumNumberOfCalls()).isEqualTo(10);
				assertThat(config.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(4);
			});
	}

	@Test
	void retryInheritsThroughTwoTemplates() {
		this.contextRunner
			.withPropertyValues("resilience.retries.defaults.max-attempts=6",
					"resilience.retries.configs.base.wait-duration=100ms",
					"resilience.retries.configs.base.multiplier=2",
					"resilience.retries.configs.base.jitter=equal",
					"resilience.retries.configs.base.retry-exceptions=java.io.IOException",
					"resilience.retries.configs.patient.base-config=base",
					"resilience.retries.configs.patient.max-duration=30s",
					"resilience.retries.configs.patient.match-causes=true",
					"resilience.retries.instances.pricing.base-config=patient",
					"resilience.retries.instances.pricing.max-wait-duration=2s")
			.run((context) -> {
				RetryConfig config = context.getBean(RetryRegistry.class).retry("pricing").getConfig();
				assertThat(config.getMaxAttempts()).isEqualTo(6);
				assertThat(config.getBackoff().isFixed()).isFalse();
				assertThat(config.getBackoff().getInitialWait()).isEqualTo(Duration.ofMillis(100));
				assertThat(config.getBackoff().getMultiplier()).isEqualTo(2.0);
				assertThat(config.getBackoff().getMaxWait()).isEqualTo(Duration.ofSeconds(2));
				assertThat(config.getBackoff().getJitter()).isEqualTo(Jitter.EQUAL);
				assertThat(config.getMaxDuration()).isEqualTo(Duration.ofSeconds(30));
				assertThat(config.isMatchCauses()).isTrue();
				assertThat(config.getRetryExceptions()).containsExactly(IOException.class);
			});
	}

	@Test
	void documentedExampleResolves() {
		this.contextRunner.withBean(PricingService.class)
			.withPropertyValues("resilience.breakers.defaults.failure-rate-threshold=60",
					"resilience.breakers.configs.shared.sliding-window-size=20",
					"resilience.breakers.configs.shared.record-exceptions=java.io.IOException,"
							+ "java.util.concurrent.TimeoutException",
					"resilience.breakers.configs.slow-backend.base-config=shared",
					"resilience.breakers.configs.slow-backend.slow-call-duration-threshold=2s",
					"resilience.breakers.configs.slow-backend.wait-duration-in-open-state=30s",
					"resilience.breakers.instances.pricing.base-config=slow-backend",
					"resilience.breakers.instances.pricing.wait-duration-in-open-state=10s",
					"resilience.breakers.instances.pricing.record-exceptions=java.net.ConnectException")
			.run((context) -> {
				CircuitBreakerConfig config = context.getBean(CircuitBreakerRegistry.class)
					.find("pricing")
					.orElseThrow()
					.getConfig();
				assertThat(config.getFailureRateThreshold()).isEqualTo(40f);
				assertThat(config.getSlidingWindowSize()).isEqualTo(20);
				assertThat(config.getSlowCallDurationThreshold()).isEqualTo(Duration.ofSeconds(2));
				assertThat(config.getWaitDurationInOpenState()).isEqualTo(Duration.ofSeconds(10));
				assertThat(config.getRecordExceptions()).containsExactly(ConnectException.class);
				assertThat(config.getMinimumNumberOfCalls()).isEqualTo(20);
			});
	}

	@Test
	void nearerTemplateWinsOverDistantOne() {
		this.contextRunner
			.withPropertyValues("resilience.retries.configs.distant.max-attempts=2",
					"resilience.retries.configs.distant.wait-duration=1s",
					"resilience.retries.configs.near.base-config=distant",
					"resilience.retries.configs.near.max-attempts=4",
					"resilience.retries.instances.pricing.base-config=near")
			.run((context) -> {
				RetryConfig config = context.getBean(RetryRegistry.class).retry("pricing").getConfig();
				assertThat(config.getMaxAttempts()).isEqualTo(4);
				assertThat(config.getBackoff().getInitialWait()).isEqualTo(Duration.ofSeconds(1));
			});
	}

	@Test
	void instanceListReplacesInheritedList() {
		this.contextRunner
			.withPropertyValues(
					"resilience.breakers.configs.base.record-exceptions=java.io.IOException,java.util.concurrent.TimeoutException",
					"resilience.breakers.configs.base.ignore-exceptions=java.lang.IllegalArgumentException",
					"resilience.breakers.instances.pricing.base-config=base",
					"resilience.breakers.instances.pricing.record-exceptions=java.io.UncheckedIOException",
					"resilience.breakers.instances.pricing.ignore-exceptions=")
			.run((context) -> {
				CircuitBreakerConfig config = breakerConfig(context.getBean(CircuitBreakerRegistry.class), "pricing");
				assertThat(config.getRecordExceptions()).containsExactly(UncheckedIOException.class);
				assertThat(config.getIgnoreExceptions()).isEmpty();
			});
	}

	@Test
	void templateListReplacesDefaultsList() {
		this.contextRunner
			.withPropertyValues("resilience.retries.defaults.retry-exceptions=java.io.IOException",
					"resilience.retries.configs.timeouts.retry-exceptions=java.util.concurrent.TimeoutException",
					"resilience.retries.instances.pricing.base-config=timeouts")
			.run((context) -> {
				RetryConfig config = context.getBean(RetryRegistry.class).retry("pricing").getConfig();
				assertThat(config.getRetryExceptions()).containsExactly(TimeoutException.class);
			});
	}

	@Test
	void templateOfInstanceOverridesAnnotation() {
		this.contextRunner.withBean(AnnotatedService.class)
			.withPropertyValues("resilience.breakers.defaults.failure-rate-threshold=70",
					"resilience.breakers.configs.shared.slow-call-rate-threshold=60",
					"resilience.breakers.configs.shared.sliding-window-size=40",
					"resilience.breakers.instances.annotated.base-config=shared",
					"resilience.retries.configs.shared.max-attempts=7",
					"resilience.retries.instances.annotated.base-config=shared")
			.run((context) -> {
				CircuitBreakerConfig breaker = breakerConfig(context.getBean(CircuitBreakerRegistry.class),
						"annotated");
				assertThat(breaker.getFailureRateThreshold()).isEqualTo(25f);
				assertThat(breaker.getSlidingWindowSize()).isEqualTo(40);
				assertThat(breaker.getSlowCallRateThreshold()).isEqualTo(60f);

				RetryConfig retry = context.getBean(RetryRegistry.class).find("annotated").orElseThrow().getConfig();
				assertThat(retry.getMaxAttempts()).isEqualTo(7);
				assertThat(retry.getBackoff().getInitialWait()).isEqualTo(Duration.ofMillis(5));
			});
	}

	@Test
	void unusedTemplateChangesNothing() {
		this.contextRunner.withPropertyValues("resilience.breakers.configs.unused.failure-rate-threshold=5")
			.run((context) -> {
				CircuitBreakerConfig config = breakerConfig(context.getBean(CircuitBreakerRegistry.class), "plain");
				assertThat(config.getFailureRateThreshold()).isEqualTo(50f);
			});
	}

	@Test
	void everyBreakerSettingBinds() {
		this.contextRunner
			.withPropertyValues("resilience.breakers.instances.pricing.sliding-window-type=time-based",
					"resilience.breakers.instances.pricing.sliding-window-duration=30",
					"resilience.breakers.instances.pricing.minimum-number-of-calls=5",
					"resilience.breakers.instances.pricing.failure-rate-threshold=40",
					"resilience.breakers.instances.pricing.slow-call-rate-threshold=80",
					"resilience.breakers.instances.pricing.slow-call-duration-threshold=2s",
					"resilience.breakers.instances.pricing.wait-duration-in-open-state=5s",
					"resilience.breakers.instances.pricing.wait-duration-in-open-state-multiplier=2",
					"resilience.breakers.instances.pricing.max-wait-duration-in-open-state=1m",
					"resilience.breakers.instances.pricing.wait-duration-in-open-state-jitter=0.2",
					"resilience.breakers.instances.pricing.automatic-transition-from-open-to-half-open=true",
					"resilience.breakers.instances.pricing.permitted-number-of-calls-in-half-open-state=3",
					"resilience.breakers.instances.pricing.max-wait-duration-in-half-open-state=45s")
			.run((context) -> {
				CircuitBreakerConfig config = breakerConfig(context.getBean(CircuitBreakerRegistry.class), "pricing");
				assertThat(config.getSlidingWindowType()).isEqualTo(SlidingWindowType.TIME_BASED);
				assertThat(config.getSlidingWindowDuration()).isEqualTo(Duration.ofSeconds(30));
				assertThat(config.getMinimumNumberOfCalls()).isEqualTo(5);
				assertThat(config.getFailureRateThreshold()).isEqualTo(40f);
				assertThat(config.getSlowCallRateThreshold()).isEqualTo(80f);
				assertThat(config.getSlowCallDurationThreshold()).isEqualTo(Duration.ofSeconds(2));
				assertThat(config.getWaitDurationInOpenState()).isEqualTo(Duration.ofSeconds(5));
				assertThat(config.getWaitDurationInOpenStateMultiplier()).isEqualTo(2.0);
				assertThat(config.getMaxWaitDurationInOpenState()).isEqualTo(Duration.ofMinutes(1));
				assertThat(config.getWaitDurationInOpenStateJitter()).isEqualTo(0.2);
				assertThat(config.isAutomaticTransitionFromOpenToHalfOpen()).isTrue();
				assertThat(config.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(3);
				assertThat(config.getMaxWaitDurationInHalfOpenState()).isEqualTo(Duration.ofSeconds(45));
			});
	}

	@Test
	void endpointShowsInheritedConfiguration() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(BreakersEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=breakers",
					"resilience.breakers.configs.timed.sliding-window-type=time-based",
					"resilience.breakers.configs.timed.sliding-window-duration=2m",
					"resilience.breakers.configs.timed.wait-duration-in-open-state-jitter=0.1",
					"resilience.breakers.instances.pricing.base-config=timed",
					"resilience.breakers.instances.pricing.slow-call-duration-threshold=1500ms")
			.run((context) -> {
				context.getBean(CircuitBreakerRegistry.class).circuitBreaker("pricing");
				Map<String, Object> config = context.getBean(BreakersEndpoint.class).breaker("pricing").config();
				assertThat(config).containsEntry("slidingWindowType", "TIME_BASED")
					.containsEntry("slidingWindowDuration", "PT2M")
					.containsEntry("waitDurationInOpenStateJitter", 0.1)
					.containsEntry("slowCallDurationThreshold", "PT1.5S")
					.containsEntry("failureRateThreshold", 50f)
					.doesNotContainKey("slidingWindowSize");
				assertThat(config).containsOnlyKeys("slidingWindowType", "slidingWindowDuration", "minimumNumberOfCalls",
						"failureRateThreshold", "slowCallRateThreshold", "slowCallDurationThreshold",
						"waitDurationInOpenState", "waitDurationInOpenStateMultiplier", "maxWaitDurationInOpenState",
						"waitDurationInOpenStateJitter", "automaticTransitionFromOpenToHalfOpen",
						"permittedNumberOfCallsInHalfOpenState", "maxWaitDurationInHalfOpenState", "recordExceptions",
						"ignoreExceptions");
			});
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "500ms, 500", "2s, 2000", "PT0.5S, 500", "750, 750", "1m, 60000" })
	void retryWaitAcceptsDurationFormats(String text, long expectedMillis) {
		this.contextRunner.withPropertyValues("resilience.retries.instances.pricing.wait-duration=" + text)
			.run((context) -> {
				RetryConfig config = context.getBean(RetryRegistry.class).retry("pricing").getConfig();
				assertThat(config.getBackoff().getInitialWait()).isEqualTo(Duration.ofMillis(expectedMillis));
			});
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "500ms, 500", "2s, 2000", "PT0.5S, 500", "750, 750" })
	void openStateWaitAcceptsDurationFormats(String text, long expectedMillis) {
		this.contextRunner.withPropertyValues("resilience.breakers.defaults.wait-duration-in-open-state=" + text)
			.run((context) -> {
				CircuitBreakerConfig config = breakerConfig(context.getBean(CircuitBreakerRegistry.class), "pricing");
				assertThat(config.getWaitDurationInOpenState()).isEqualTo(Duration.ofMillis(expectedMillis));
			});
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "30, 30", "30s, 30", "PT2M, 120", "5m, 300" })
	void windowDurationNumberIsSeconds(String text, long expectedSeconds) {
		this.contextRunner
			.withPropertyValues("resilience.breakers.defaults.sliding-window-type=time-based",
					"resilience.breakers.defaults.sliding-window-duration=" + text)
			.run((context) -> {
				CircuitBreakerConfig config = breakerConfig(context.getBean(CircuitBreakerRegistry.class), "pricing");
				assertThat(config.getSlidingWindowDuration()).isEqualTo(Duration.ofSeconds(expectedSeconds));
			});
	}

	@Test
	void bindsUnderDerivedNameInBrackets() {
		this.contextRunner.withBean(DerivedNameService.class)
			.withPropertyValues("resilience.retries.instances.[DerivedNameService.call].max-attempts=2")
			.run((context) -> {
				assertThat(context.getBean(RetryRegistry.class).find("DerivedNameService.call").orElseThrow()
					.getConfig()
					.getMaxAttempts()).isEqualTo(2);
			});
	}

	private static CircuitBreakerConfig breakerConfig(CircuitBreakerRegistry registry, String name) {
		return registry.circuitBreaker(name).getConfig();
	}

	static class AnnotatedService {

		@Retryable(name = "annotated", maxAttempts = 3, waitDuration = "5ms")
		@CircuitGuarded(name = "annotated", failureRateThreshold = 25, slidingWindowSize = 20)
		public String call() {
			return "called";
		}

	}

	static class PricingService {

		@CircuitGuarded(name = "pricing", failureRateThreshold = 40, slidingWindowSize = 50)
		public String price(String sku) {
			return sku;
		}

	}

	static class DerivedNameService {

		@Retryable(maxAttempts = 5)
		public String call() {
			return "called";
		}

	}

}
