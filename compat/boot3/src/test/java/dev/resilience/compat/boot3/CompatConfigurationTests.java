package dev.resilience.compat.boot3;

import java.time.Duration;

import dev.resilience.core.breaker.CircuitBreakerConfig;
import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.spring.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.spring.config.InvalidResiliencePropertyFailureAnalyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests the starter's configuration binding and startup failure analysis against Spring Boot
 * 3.5's binder and failure analyzers.
 */
@ExtendWith(OutputCaptureExtension.class)
class CompatConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class));

	@Test
	void templatesAndDurationsBind() {
		this.contextRunner
			.withPropertyValues("resilience.breakers.configs.base.sliding-window-type=time-based",
					"resilience.breakers.configs.base.sliding-window-duration=30",
					"resilience.breakers.configs.slow.base-config=base",
					"resilience.breakers.configs.slow.wait-duration-in-open-state=PT0.5S",
					"resilience.breakers.instances.pricing.base-config=slow",
					"resilience.breakers.instances.pricing.slow-call-duration-threshold=750")
			.run((context) -> {
				CircuitBreakerConfig config = context.getBean(CircuitBreakerRegistry.class)
					.circuitBreaker("pricing")
					.getConfig();
				assertThat(config.getSlidingWindowDuration()).isEqualTo(Duration.ofSeconds(30));
				assertThat(config.getWaitDurationInOpenState()).isEqualTo(Duration.ofMillis(500));
				assertThat(config.getSlowCallDurationThreshold()).isEqualTo(Duration.ofMillis(750));
			});
	}

	@Test
	void invalidValueAnalyzed() {
		this.contextRunner.withPropertyValues("resilience.retries.instances.pricing.multiplier=0.5").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidResiliencePropertyFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription())
				.startsWith("Invalid value '0.5' for property 'resilience.retries.instances.pricing.multiplier'.");
		});
	}

	@Test
	void unconvertibleValueAnalyzed() {
		this.contextRunner.withPropertyValues("resilience.retries.defaults.jitter=sometimes").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidResiliencePropertyFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis.getAction()).isEqualTo("Set 'resilience.retries.defaults.jitter' to none, full, equal "
					+ "or decorrelated, or remove it to use the default.");
		});
	}

	@Test
	void failureReportNamesProperty(CapturedOutput output) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(CompatApplication.class)
			.web(WebApplicationType.NONE)
			.properties("resilience.breakers.instances.pricing.base-config=missing");
		assertThatException().isThrownBy(application::run);
		assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'missing' for property 'resilience.breakers.instances.pricing.base-config'.")
			.contains("Set 'resilience.breakers.instances.pricing.base-config' to the name of a template under "
					+ "resilience.breakers.configs (none is defined)");
	}

}
