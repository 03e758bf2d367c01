package dev.resilience.spring.config;

import dev.resilience.spring.annotation.CircuitGuarded;
import dev.resilience.spring.autoconfigure.ResilienceAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InvalidResiliencePropertyFailureAnalyzer}, on the startup failures of real
 * contexts.
 */
class InvalidResiliencePropertyFailureAnalyzerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class));

	@Test
	void failureRateThresholdZero() {
		FailureAnalysis analysis = analyze("resilience.breakers.instances.backend.failure-rate-threshold=0");
		assertThat(analysis.getDescription()).startsWith(
				"Invalid value '0.0' for property 'resilience.breakers.instances.backend.failure-rate-threshold'.")
			.contains("Reason: failureRateThreshold must be greater than 0 and at most 100 (percent), but was 0.0");
		assertThat(analysis.getAction())
			.isEqualTo("Set 'resilience.breakers.instances.backend.failure-rate-threshold' to a percentage greater "
					+ "than 0 and at most 100, such as 50, or remove it to use the default.");
	}

	@Test
	void failureRateThresholdAboveHundred() {
		FailureAnalysis analysis = analyze("resilience.breakers.defaults.failure-rate-threshold=101");
		assertThat(analysis.getDescription())
			.startsWith("Invalid value '101.0' for property 'resilience.breakers.defaults.failure-rate-threshold'.")
			.contains("but was 101.0");
		assertThat(analysis.getAction()).startsWith("Set 'resilience.breakers.defaults.failure-rate-threshold' to a "
				+ "percentage greater than 0 and at most 100");
	}

	@Test
	void minimumNumberOfCallsAboveWindow() {
		FailureAnalysis analysis = analyze("resilience.breakers.instances.backend.sliding-window-size=5",
				"resilience.breakers.instances.backend.minimum-number-of-calls=10");
		assertThat(analysis.getDescription()).startsWith(
				"Invalid value '10' for property 'resilience.breakers.instances.backend.minimum-number-of-calls'.")
			.contains("Reason: minimumNumberOfCalls (10) must not exceed slidingWindowSize (5)");
		assertThat(analysis.getAction()).isEqualTo("Set 'resilience.breakers.instances.backend.minimum-number-of-calls'"
				+ " to a number of calls from 1 up to the sliding window size, or remove it to use the default.");
	}

	@Test
	void maxAttemptsZero() {
		FailureAnalysis analysis = analyze("resilience.retries.instances.backend.max-attempts=0");
		assertThat(analysis.getDescription())
			.startsWith("Invalid value '0' for property 'resilience.retries.instances.backend.max-attempts'.")
			.contains("Reason: maxAttempts must be at least 1");
		assertThat(analysis.getAction()).isEqualTo("Set 'resilience.retries.instances.backend.max-attempts' to a "
				+ "number of attempts of at least 1, such as 3, or remove it to use the default.");
	}

	@Test
	void unknownExceptionClass() {
		FailureAnalysis analysis = analyze(
				"resilience.retries.instances.backend.retry-exceptions=java.io.IOException,com.example.MissingException");
		assertThat(analysis.getDescription())
			.startsWith("Invalid value 'com.example.MissingException' for property "
					+ "'resilience.retries.instances.backend.retry-exceptions'.")
			.contains("Reason: the class com.example.MissingException was not found on the classpath.");
		assertThat(analysis.getAction()).contains("fully qualified names of Throwable subclasses")
			.contains("Check the spelling of com.example.MissingException");
	}

	@Test
	void classThatIsNotThrowable() {
		FailureAnalysis analysis = analyze("resilience.breakers.instances.backend.ignore-exceptions=java.lang.String");
		assertThat(analysis.getDescription())
			.startsWith("Invalid value 'java.lang.String' for property "
					+ "'resilience.breakers.instances.backend.ignore-exceptions[0]'.")
			.contains("Reason: the class java.lang.String is not a subclass of java.lang.Throwable");
	}

	@Test
	void invalidAnnotationAttribute() {
		this.contextRunner.withBean(InvalidAnnotationService.class).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidResiliencePropertyFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription())
				.startsWith("Invalid value '0' for property 'resilience.breakers.instances.backend.sliding-window-size'. "
						+ "The value comes from attribute slidingWindowSize of @CircuitGuarded on "
						+ "InvalidAnnotationService.call.");
			assertThat(analysis.getAction()).isEqualTo("Change attribute slidingWindowSize of @CircuitGuarded on "
					+ "InvalidAnnotationService.call to a number of calls from 1 to 1048575, such as 100, or override "
					+ "it with the property 'resilience.breakers.instances.backend.sliding-window-size'.");
		});
	}

	@Test
	void otherFailuresNotAnalyzed() {
		assertThat(new InvalidResiliencePropertyFailureAnalyzer().analyze(new IllegalStateException("other")))
			.isNull();
	}

	private FailureAnalysis analyze(String... properties) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = new InvalidResiliencePropertyFailureAnalyzer().analyze(context.getStartupFailure());
		});
		assertThat(analysis[0]).isNotNull();
		return analysis[0];
	}

	static class InvalidAnnotationService {

		@CircuitGuarded(name = "backend", slidingWindowSize = 0)
		public String call() {
			return "called";
		}

	}

}
