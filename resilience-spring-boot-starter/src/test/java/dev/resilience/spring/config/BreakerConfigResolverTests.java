package dev.resilience.spring.config;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import dev.resilience.core.breaker.CircuitBreakerConfig;
import dev.resilience.spring.annotation.CircuitGuarded;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link BreakerConfigResolver}.
 */
class BreakerConfigResolverTests {

	private final BreakerProperties properties = new BreakerProperties();

	private final BreakerConfigResolver resolver = new BreakerConfigResolver(this.properties);

	@Test
	void defaultsPropertiesMatchCoreDefaults() {
		BreakerProperties.Defaults defaults = new BreakerProperties().getDefaults();
		assertThat(defaults.getFailureRateThreshold()).isEqualTo(CircuitBreakerConfig.DEFAULT_FAILURE_RATE_THRESHOLD);
		assertThat(defaults.getSlidingWindowSize()).isEqualTo(CircuitBreakerConfig.DEFAULT_SLIDING_WINDOW_SIZE);
		assertThat(defaults.getMinimumNumberOfCalls()).isNull();
		assertThat(defaults.getWaitDurationInOpenState())
			.isEqualTo(CircuitBreakerConfig.DEFAULT_WAIT_DURATION_IN_OPEN_STATE);
		assertThat(defaults.getPermittedNumberOfCallsInHalfOpenState())
			.isEqualTo(CircuitBreakerConfig.DEFAULT_PERMITTED_NUMBER_OF_CALLS_IN_HALF_OPEN_STATE);
		assertThat(defaults.getRecordExceptions()).isEmpty();
		assertThat(defaults.getIgnoreExceptions()).isEmpty();
	}

	@Test
	void resolveWithoutSettingsGivesCoreDefaults() {
		assertThat(ConfigDescriptions.describe(this.resolver.resolve("plain")))
			.isEqualTo(ConfigDescriptions.describe(CircuitBreakerConfig.ofDefaults()));
	}

	@Test
	void defaultsOverrideBuiltIns() {
		this.properties.getDefaults().setFailureRateThreshold(40f);
		CircuitBreakerConfig config = this.resolver.resolve("plain", annotation("unset"), "Samples.unset");
		assertThat(config.getFailureRateThreshold()).isEqualTo(40f);
	}

	@Test
	void annotationOverridesDefaults() {
		this.properties.getDefaults().setFailureRateThreshold(40f);
		this.properties.getDefaults().setWaitDurationInOpenState(Duration.ofSeconds(5));
		CircuitBreakerConfig config = this.resolver.resolve("custom", annotation("custom"), "Samples.custom");
		assertThat(config.getFailureRateThreshold()).isEqualTo(30f);
		assertThat(config.getSlidingWindowSize()).isEqualTo(20);
		assertThat(config.getMinimumNumberOfCalls()).isEqualTo(10);
		assertThat(config.getWaitDurationInOpenState()).isEqualTo(Duration.ofSeconds(2));
		assertThat(config.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(3);
		assertThat(config.getRecordExceptions()).containsExactly(IOException.class);
		assertThat(config.getIgnoreExceptions()).containsExactly(IllegalArgumentException.class);
	}

	@Test
	void instanceOverridesAnnotation() {
		BreakerProperties.Instance instance = new BreakerProperties.Instance();
		instance.setFailureRateThreshold(20f);
		instance.setIgnoreExceptions(List.of());
		this.properties.getInstances().put("custom", instance);
		CircuitBreakerConfig config = this.resolver.resolve("custom", annotation("custom"), "Samples.custom");
		assertThat(config.getFailureRateThreshold()).isEqualTo(20f);
		assertThat(config.getIgnoreExceptions()).isEmpty();
		assertThat(config.getSlidingWindowSize()).isEqualTo(20);
	}

	@Test
	void instanceAppliesOnlyToItsName() {
		BreakerProperties.Instance instance = new BreakerProperties.Instance();
		instance.setFailureRateThreshold(20f);
		this.properties.getInstances().put("other", instance);
		assertThat(this.resolver.resolve("custom", annotation("custom"), "Samples.custom").getFailureRateThreshold())
			.isEqualTo(30f);
	}

	@Test
	void minimumNumberOfCallsCappedAtSmallWindow() {
		this.properties.getDefaults().setSlidingWindowSize(5);
		assertThat(this.resolver.resolve("small").getMinimumNumberOfCalls()).isEqualTo(5);
	}

	@Test
	void minimumNumberOfCallsAboveWindowRejected() {
		BreakerProperties.Instance instance = new BreakerProperties.Instance();
		instance.setSlidingWindowSize(5);
		instance.setMinimumNumberOfCalls(10);
		this.properties.getInstances().put("backend", instance);
		assertThatExceptionOfType(InvalidResiliencePropertyException.class)
			.isThrownBy(() -> this.resolver.resolve("backend"))
			.satisfies((ex) -> {
				assertThat(ex.getPropertyName())
					.isEqualTo("resilience.breakers.instances.backend.minimum-number-of-calls");
				assertThat(ex.getValue()).isEqualTo("10");
				assertThat(ex.getReason()).startsWith("minimumNumberOfCalls (10) must not exceed slidingWindowSize (5)");
				assertThat(ex.getOrigin()).isNull();
			});
	}

	@Test
	void invalidDefaultNamesDefaultsProperty() {
		this.properties.getDefaults().setFailureRateThreshold(0f);
		assertThatExceptionOfType(InvalidResiliencePropertyException.class)
			.isThrownBy(this.resolver::validateDefaults)
			.satisfies((ex) -> {
				assertThat(ex.getPropertyName()).isEqualTo("resilience.breakers.defaults.failure-rate-threshold");
				assertThat(ex.getValue()).isEqualTo("0.0");
			});
	}

	@Test
	void invalidAnnotationValueNamesAttributeAndOverridingProperty() {
		assertThatExceptionOfType(InvalidResiliencePropertyException.class)
			.isThrownBy(() -> this.resolver.resolve("Samples.invalid", annotation("invalid"), "Samples.invalid"))
			.satisfies((ex) -> {
				assertThat(ex.getPropertyName())
					.isEqualTo("resilience.breakers.instances.[Samples.invalid].failure-rate-threshold");
				assertThat(ex.getOrigin())
					.isEqualTo("attribute failureRateThreshold of @CircuitGuarded on Samples.invalid");
				assertThat(ex.getValue()).isEqualTo("101.0");
			});
	}

	@Test
	void unparsableAnnotationDurationRejected() {
		assertThatExceptionOfType(InvalidResiliencePropertyException.class)
			.isThrownBy(() -> this.resolver.resolve("badDuration", annotation("badDuration"), "Samples.badDuration"))
			.satisfies((ex) -> {
				assertThat(ex.getPropertyName())
					.isEqualTo("resilience.breakers.instances.badDuration.wait-duration-in-open-state");
				assertThat(ex.getValue()).isEqualTo("soon");
				assertThat(ex.getOrigin())
					.isEqualTo("attribute waitDurationInOpenState of @CircuitGuarded on Samples.badDuration");
			});
	}

	@Test
	void nonThrowableClassRejected() {
		BreakerProperties.Instance instance = new BreakerProperties.Instance();
		instance.setRecordExceptions(nonThrowableList());
		this.properties.getInstances().put("backend", instance);
		assertThatExceptionOfType(InvalidResiliencePropertyException.class)
			.isThrownBy(() -> this.resolver.resolve("backend"))
			.satisfies((ex) -> {
				assertThat(ex.getPropertyName())
					.isEqualTo("resilience.breakers.instances.backend.record-exceptions[1]");
				assertThat(ex.getValue()).isEqualTo("java.lang.String");
				assertThat(ex.getReason()).isEqualTo("the class java.lang.String is not a subclass of java.lang.Throwable");
			});
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static List<Class<? extends Throwable>> nonThrowableList() {
		return (List) List.of(IOException.class, String.class);
	}

	private static CircuitGuarded annotation(String methodName) {
		try {
			return Samples.class.getDeclaredMethod(methodName).getAnnotation(CircuitGuarded.class);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static class Samples {

		@CircuitGuarded
		void unset() {
		}

		@CircuitGuarded(failureRateThreshold = 30, slidingWindowSize = 20, minimumNumberOfCalls = 10,
				waitDurationInOpenState = "2s", permittedNumberOfCallsInHalfOpenState = 3,
				recordExceptions = IOException.class, ignoreExceptions = IllegalArgumentException.class)
		void custom() {
		}

		@CircuitGuarded(failureRateThreshold = 101)
		void invalid() {
		}

		@CircuitGuarded(waitDurationInOpenState = "soon")
		void badDuration() {
		}

	}

}
