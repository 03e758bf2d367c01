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
	void emptyItemInExceptionList() {
		FailureAnalysis analysis = analyze(
				"resilience.breakers.instances.backend.record-exceptions=java.io.IOException,,java.lang.IllegalStateException");
		assertThat(analysis.getDescription())
			.contains("'resilience.breakers.instances.backend.record-exceptions[1]'")
			.contains("empty item");
	}

	@Test
	void trailingCommaInDefaultsList() {
		FailureAnalysis analysis = analyze("resilience.retries.defaults.ignore-exceptions=java.io.IOException,");
		assertThat(analysis.getDescription()).contains("resilience.retries.defaults.ignore-exceptions[1]")
			.contains("empty item");
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
	void zeroSlidingWindowSize() {
		FailureAnalysis analysis = analyze("resilience.breakers.instances.pricing.sliding-window-size=0");
		assertThat(analysis.getDescription())
			.startsWith("Invalid value '0' for property 'resilience.breakers.instances.pricing.sliding-window-size'.")
			.contains("Reason: slidingWindowSize must be between 1 and 524288, but was 0");
		assertThat(analysis.getAction()).isEqualTo("Set 'resilience.breakers.instances.pricing.sliding-window-size' "
				+ "to a number of calls from 1 to 524288, such as 100, or remove it to use the default.");
	}

	@Test
	void negativeSlidingWindowSize() {
		FailureAnalysis analysis = analyze("resilience.breakers.defaults.sliding-window-size=-5");
		assertThat(analysis.getDescription())
			.startsWith("Invalid value '-5' for property 'resilience.breakers.defaults.sliding-window-size'.")
			.contains("Reason: slidingWindowSize must be between 1 and 524288, but was -5");
	}

	@Test
	void zeroTimeWindowDuration() {
		FailureAnalysis analysis = analyze("resilience.breakers.instances.pricing.sliding-window-type=time-based",
				"resilience.breakers.instances.pricing.sliding-window-duration=0");
		assertThat(analysis.getDescription())
			.startsWith("Invalid value 'PT0S' for property "
					+ "'resilience.breakers.instances.pricing.sliding-window-duration'.")
			.contains("Reason: slidingWindowDuration must be a whole number of seconds from 1s to 1 day, but was PT0S");
		assertThat(analysis.getAction()).isEqualTo("Set 'resilience.breakers.instances.pricing.sliding-window-duration' "
				+ "to a whole number of seconds from 1s to 1 day, such as 60s, or remove it to use the default.");
	}

	@Test
	void negativeRetryWait() {
		FailureAnalysis analysis = analyze("resilience.retries.instances.pricing.wait-duration=-1s");
		assertThat(analysis.getDescription())
			.startsWith("Invalid value 'PT-1S' for property 'resilience.retries.instances.pricing.wait-duration'.")
			.contains("Reason: waitDuration must not be negative, but was PT-1S");
		assertThat(analysis.getAction()).isEqualTo("Set 'resilience.retries.instances.pricing.wait-duration' to a "
				+ "duration from 0 to 1 day, such as 500ms, or remove it to use the default.");
	}

	@Test
	void negativeOpenStateWait() {
		FailureAnalysis analysis = analyze("resilience.breakers.instances.pricing.wait-duration-in-open-state=-500ms");
		assertThat(analysis.getDescription())
			.startsWith("Invalid value 'PT-0.5S' for property "
					+ "'resilience.breakers.instances.pricing.wait-duration-in-open-state'.")
			.contains("Reason: waitDurationInOpenState must be positive, but was PT-0.5S");
	}

	@Test
	void negativeMaxDuration() {
		FailureAnalysis analysis = analyze("resilience.retries.defaults.max-duration=-2s");
		assertThat(analysis.getDescription())
			.startsWith("Invalid value 'PT-2S' for property 'resilience.retries.defaults.max-duration'.")
			.contains("Reason: maxDuration must be zero (no deadline) or positive, but was PT-2S");
		assertThat(analysis.getAction()).isEqualTo("Set 'resilience.retries.defaults.max-duration' to 0 for no "
				+ "deadline or a positive duration, such as 10s, or remove it to use the default.");
	}

	@Test
	void negativeHalfOpenWait() {
		FailureAnalysis analysis = analyze(
				"resilience.breakers.instances.pricing.max-wait-duration-in-half-open-state=-1");
		assertThat(analysis.getDescription())
			.startsWith("Invalid value 'PT-0.001S' for property "
					+ "'resilience.breakers.instances.pricing.max-wait-duration-in-half-open-state'.")
			.contains("Reason: maxWaitDurationInHalfOpenState must not be negative, but was PT-0.001S");
	}

	@Test
	void multiplierBelowOne() {
		FailureAnalysis analysis = analyze("resilience.retries.instances.pricing.multiplier=0.5");
		assertThat(analysis.getDescription())
			.startsWith("Invalid value '0.5' for property 'resilience.retries.instances.pricing.multiplier'.")
			.contains("Reason: multiplier must be a finite number of at least 1, but was 0.5");
		assertThat(analysis.getAction()).isEqualTo("Set 'resilience.retries.instances.pricing.multiplier' to a finite "
				+ "number of at least 1, such as 2, or remove it to use the default.");
	}

	@Test
	void openStateMultiplierBelowOne() {
		FailureAnalysis analysis = analyze(
				"resilience.breakers.instances.pricing.wait-duration-in-open-state-multiplier=0.9");
		assertThat(analysis.getDescription())
			.startsWith("Invalid value '0.9' for property "
					+ "'resilience.breakers.instances.pricing.wait-duration-in-open-state-multiplier'.")
			.contains("Reason: waitDurationInOpenStateMultiplier must be a finite number of at least 1, but was 0.9");
	}

	@Test
	void openStateJitterOfOne() {
		FailureAnalysis analysis = analyze("resilience.breakers.instances.pricing.wait-duration-in-open-state-jitter=1");
		assertThat(analysis.getDescription())
			.startsWith("Invalid value '1.0' for property "
					+ "'resilience.breakers.instances.pricing.wait-duration-in-open-state-jitter'.")
			.contains("Reason: waitDurationInOpenStateJitter must be in [0, 1), but was 1.0");
	}

	@Test
	void slowCallRateThresholdAboveHundred() {
		FailureAnalysis analysis = analyze("resilience.breakers.instances.pricing.slow-call-rate-threshold=120");
		assertThat(analysis.getDescription())
			.startsWith("Invalid value '120.0' for property "
					+ "'resilience.breakers.instances.pricing.slow-call-rate-threshold'.")
			.contains("Reason: slowCallRateThreshold must be greater than 0 and at most 100 (percent), but was 120.0");
	}

	@Test
	void invalidTemplateValue() {
		FailureAnalysis analysis = analyze("resilience.breakers.configs.shared.failure-rate-threshold=150",
				"resilience.breakers.instances.pricing.base-config=shared");
		assertThat(analysis.getDescription())
			.startsWith("Invalid value '150.0' for property 'resilience.breakers.configs.shared.failure-rate-threshold'.")
			.contains("Reason: failureRateThreshold must be greater than 0 and at most 100 (percent), but was 150.0");
	}

	@Test
	void invalidUnusedTemplateValue() {
		FailureAnalysis analysis = analyze("resilience.retries.configs.unused.max-attempts=0");
		assertThat(analysis.getDescription())
			.startsWith("Invalid value '0' for property 'resilience.retries.configs.unused.max-attempts'.");
	}

	@Test
	void unknownBaseConfig() {
		FailureAnalysis analysis = analyze("resilience.breakers.configs.slow.wait-duration-in-open-state=2m",
				"resilience.breakers.instances.pricing.base-config=fast");
		assertThat(analysis.getDescription())
			.startsWith("Invalid value 'fast' for property 'resilience.breakers.instances.pricing.base-config'.")
			.contains("Reason: no template named 'fast' exists under resilience.breakers.configs (defined: slow)");
		assertThat(analysis.getAction()).isEqualTo("Set 'resilience.breakers.instances.pricing.base-config' to the "
				+ "name of a template under resilience.breakers.configs (defined: slow), or remove it to use the "
				+ "default.");
	}

	@Test
	void unknownBaseConfigWithoutTemplates() {
		FailureAnalysis analysis = analyze("resilience.retries.instances.pricing.base-config=fast");
		assertThat(analysis.getDescription())
			.startsWith("Invalid value 'fast' for property 'resilience.retries.instances.pricing.base-config'.")
			.contains("Reason: no template named 'fast' exists under resilience.retries.configs (none is defined)");
	}

	@Test
	void cyclicBaseConfig() {
		FailureAnalysis analysis = analyze("resilience.retries.configs.first.base-config=second",
				"resilience.retries.configs.second.base-config=third",
				"resilience.retries.configs.third.base-config=first",
				"resilience.retries.instances.pricing.base-config=first");
		assertThat(analysis.getDescription())
			.startsWith("Invalid value 'first' for property 'resilience.retries.configs.third.base-config'.")
			.contains("Reason: the templates under resilience.retries.configs inherit from each other in a cycle "
					+ "(first -> second -> third -> first), so their settings have no root");
		assertThat(analysis.getAction()).isEqualTo("Set 'resilience.retries.configs.third.base-config' to the name of "
				+ "a template that does not lead back to 'third' through its own base-config, or remove "
				+ "it to use the default.");
	}

	@Test
	void selfReferencingBaseConfig() {
		FailureAnalysis analysis = analyze("resilience.breakers.configs.loop.base-config=loop");
		assertThat(analysis.getDescription())
			.startsWith("Invalid value 'loop' for property 'resilience.breakers.configs.loop.base-config'.")
			.contains("(loop -> loop)");
	}

	@Test
	void unconvertibleDuration() {
		FailureAnalysis analysis = analyze("resilience.retries.instances.pricing.wait-duration=soon");
		assertThat(analysis.getDescription())
			.startsWith("Invalid value 'soon' for property 'resilience.retries.instances.pricing.wait-duration'.")
			.contains("Reason: the value could not be converted: ")
			.contains("soon");
		assertThat(analysis.getAction()).isEqualTo("Set 'resilience.retries.instances.pricing.wait-duration' to a "
				+ "duration from 0 to 1 day, such as 500ms, or remove it to use the default.");
	}

	@Test
	void unknownEnumValue() {
		FailureAnalysis analysis = analyze("resilience.breakers.defaults.sliding-window-type=sideways");
		assertThat(analysis.getDescription())
			.startsWith("Invalid value 'sideways' for property 'resilience.breakers.defaults.sliding-window-type'.");
		assertThat(analysis.getAction()).isEqualTo("Set 'resilience.breakers.defaults.sliding-window-type' to "
				+ "count-based or time-based, or remove it to use the default.");
	}

	@Test
	void unknownJitter() {
		FailureAnalysis analysis = analyze("resilience.retries.defaults.jitter=sometimes");
		assertThat(analysis.getDescription())
			.startsWith("Invalid value 'sometimes' for property 'resilience.retries.defaults.jitter'.");
		assertThat(analysis.getAction()).isEqualTo("Set 'resilience.retries.defaults.jitter' to none, full, equal or "
				+ "decorrelated, or remove it to use the default.");
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
					+ "InvalidAnnotationService.call to a number of calls from 1 to 524288, such as 100, or override "
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
