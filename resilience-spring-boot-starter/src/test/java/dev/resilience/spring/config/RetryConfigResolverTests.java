package dev.resilience.spring.config;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import dev.resilience.core.retry.RetryConfig;
import dev.resilience.spring.annotation.Retryable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RetryConfigResolver}.
 */
class RetryConfigResolverTests {

	private final RetryProperties properties = new RetryProperties();

	private final RetryConfigResolver resolver = new RetryConfigResolver(this.properties);

	@Test
	void defaultsPropertiesMatchCoreDefaults() {
		RetryProperties.Defaults defaults = new RetryProperties().getDefaults();
		assertThat(defaults.getMaxAttempts()).isEqualTo(RetryConfig.DEFAULT_MAX_ATTEMPTS);
		assertThat(defaults.getWaitDuration()).isEqualTo(RetryConfig.DEFAULT_WAIT_DURATION);
		assertThat(defaults.getMultiplier()).isEqualTo(1.0);
		assertThat(defaults.getMaxWaitDuration()).isNull();
		assertThat(ConfigDescriptions.describe(this.resolver.resolve("plain")))
			.isEqualTo(ConfigDescriptions.describe(RetryConfig.ofDefaults()));
	}

	@Test
	void annotationOverridesDefaults() {
		this.properties.getDefaults().setMaxAttempts(7);
		RetryConfig config = this.resolver.resolve("custom", annotation("custom"), "Samples.custom");
		assertThat(config.getMaxAttempts()).isEqualTo(5);
		assertThat(config.getBackoff().isFixed()).isFalse();
		assertThat(config.getBackoff().getInitialWait()).isEqualTo(Duration.ofMillis(100));
		assertThat(config.getBackoff().getMultiplier()).isEqualTo(2.0);
		assertThat(config.getBackoff().getMaxWait()).isEqualTo(Duration.ofSeconds(1));
		assertThat(config.getRetryExceptions()).containsExactly(IOException.class);
		assertThat(config.getIgnoreExceptions()).containsExactly(TimeoutException.class);
	}

	@Test
	void unsetAnnotationKeepsDefaults() {
		this.properties.getDefaults().setMaxAttempts(7);
		this.properties.getDefaults().setWaitDuration(Duration.ofMillis(20));
		RetryConfig config = this.resolver.resolve("unset", annotation("unset"), "Samples.unset");
		assertThat(config.getMaxAttempts()).isEqualTo(7);
		assertThat(config.getBackoff().isFixed()).isTrue();
		assertThat(config.getBackoff().getInitialWait()).isEqualTo(Duration.ofMillis(20));
	}

	@Test
	void instanceOverridesAnnotation() {
		RetryProperties.Instance instance = new RetryProperties.Instance();
		instance.setMaxAttempts(2);
		instance.setMultiplier(1.0);
		instance.setMaxWaitDuration(null);
		this.properties.getInstances().put("custom", instance);
		RetryConfig config = this.resolver.resolve("custom", annotation("custom"), "Samples.custom");
		assertThat(config.getMaxAttempts()).isEqualTo(2);
		assertThat(config.getBackoff().getMultiplier()).isEqualTo(1.0);
		assertThat(config.getBackoff().getMaxWait()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void maxAttemptsZeroRejected() {
		RetryProperties.Instance instance = new RetryProperties.Instance();
		instance.setMaxAttempts(0);
		this.properties.getInstances().put("backend", instance);
		assertThatExceptionOfType(InvalidResiliencePropertyException.class)
			.isThrownBy(() -> this.resolver.resolve("backend"))
			.satisfies((ex) -> {
				assertThat(ex.getPropertyName()).isEqualTo("resilience.retries.instances.backend.max-attempts");
				assertThat(ex.getValue()).isEqualTo("0");
				assertThat(ex.getReason()).startsWith("maxAttempts must be at least 1");
			});
	}

	@Test
	void multiplierBelowOneRejected() {
		this.properties.getDefaults().setMultiplier(0.5);
		assertThatExceptionOfType(InvalidResiliencePropertyException.class)
			.isThrownBy(this.resolver::validateDefaults)
			.satisfies((ex) -> {
				assertThat(ex.getPropertyName()).isEqualTo("resilience.retries.defaults.multiplier");
				assertThat(ex.getValue()).isEqualTo("0.5");
			});
	}

	@Test
	void maxWaitShorterThanWaitRejected() {
		assertThatExceptionOfType(InvalidResiliencePropertyException.class)
			.isThrownBy(() -> this.resolver.resolve("shortMax", annotation("shortMax"), "Samples.shortMax"))
			.satisfies((ex) -> {
				assertThat(ex.getPropertyName()).isEqualTo("resilience.retries.instances.shortMax.max-wait-duration");
				assertThat(ex.getOrigin()).isEqualTo("attribute maxWaitDuration of @Retryable on Samples.shortMax");
				assertThat(ex.getValue()).isEqualTo("PT0.1S");
			});
	}

	private static Retryable annotation(String methodName) {
		try {
			return Samples.class.getDeclaredMethod(methodName).getAnnotation(Retryable.class);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static class Samples {

		@Retryable
		void unset() {
		}

		@Retryable(maxAttempts = 5, waitDuration = "100ms", multiplier = 2, maxWaitDuration = "1s",
				retryExceptions = IOException.class, ignoreExceptions = TimeoutException.class)
		void custom() {
		}

		@Retryable(waitDuration = "1s", multiplier = 2, maxWaitDuration = "100ms")
		void shortMax() {
		}

	}

}
