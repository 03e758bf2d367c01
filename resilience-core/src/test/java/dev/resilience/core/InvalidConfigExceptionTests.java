package dev.resilience.core;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.resilience.core.breaker.CircuitBreakerConfig;
import dev.resilience.core.breaker.SlidingWindowType;
import dev.resilience.core.retry.RetryConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that the configuration builders name the rejected setting and value in
 * {@link InvalidConfigException}, next to an unchanged message.
 */
class InvalidConfigExceptionTests {

	static Stream<Arguments> breakerCases() {
		return Stream.of(
				breaker((b) -> b.failureRateThreshold(0), "failureRateThreshold", 0f,
						"failureRateThreshold must be greater than 0 and at most 100 (percent), but was 0.0"),
				breaker((b) -> b.slowCallRateThreshold(101), "slowCallRateThreshold", 101f,
						"slowCallRateThreshold must be greater than 0 and at most 100 (percent), but was 101.0"),
				breaker((b) -> b.slowCallDurationThreshold(Duration.ZERO), "slowCallDurationThreshold", Duration.ZERO,
						"slowCallDurationThreshold must be positive, but was PT0S"),
				breaker((b) -> b.waitDurationInOpenState(Duration.ofSeconds(-1)), "waitDurationInOpenState",
						Duration.ofSeconds(-1), "waitDurationInOpenState must be positive, but was PT-1S"),
				breaker((b) -> b.maxWaitDurationInHalfOpenState(Duration.ofMillis(-5)), "maxWaitDurationInHalfOpenState",
						Duration.ofMillis(-5), "maxWaitDurationInHalfOpenState must not be negative, but was PT-0.005S"),
				breaker((b) -> b.countBasedWindow(0), "slidingWindowSize", 0,
						"slidingWindowSize must be between 1 and 524288, but was 0"),
				breaker((b) -> b.countBasedWindow(5).minimumNumberOfCalls(6), "minimumNumberOfCalls", 6,
						"minimumNumberOfCalls (6) must not exceed slidingWindowSize (5) of a count-based window, "
								+ "because the window could never hold that many calls; lower minimumNumberOfCalls "
								+ "or raise slidingWindowSize"),
				breaker((b) -> b.timeBasedWindow(Duration.ofMillis(1500)), "slidingWindowDuration",
						Duration.ofMillis(1500),
						"slidingWindowDuration must be a whole number of seconds from 1s to 1 day, but was PT1.5S"),
				breaker((b) -> b.minimumNumberOfCalls(0), "minimumNumberOfCalls", 0,
						"minimumNumberOfCalls must be at least 1, but was 0"),
				breaker((b) -> b.permittedNumberOfCallsInHalfOpenState(0), "permittedNumberOfCallsInHalfOpenState", 0,
						"permittedNumberOfCallsInHalfOpenState must be between 1 and 65535, but was 0"),
				breaker((b) -> b.waitDurationInOpenStateBackoff(0.5, null), "waitDurationInOpenStateMultiplier", 0.5,
						"waitDurationInOpenStateMultiplier must be a finite number of at least 1, but was 0.5"),
				breaker((b) -> b.waitDurationInOpenState(Duration.ofSeconds(10))
					.waitDurationInOpenStateBackoff(2, Duration.ofSeconds(5)), "maxWaitDurationInOpenState",
						Duration.ofSeconds(5),
						"maxWaitDurationInOpenState (PT5S) must not be shorter than waitDurationInOpenState (PT10S)"),
				breaker((b) -> b.waitDurationInOpenStateJitter(1), "waitDurationInOpenStateJitter", 1.0,
						"waitDurationInOpenStateJitter must be in [0, 1), but was 1.0"));
	}

	static Stream<Arguments> retryCases() {
		return Stream.of(
				retry((b) -> b.maxAttempts(0), "maxAttempts", 0,
						"maxAttempts must be at least 1 (1 means one call and no retry), but was 0"),
				retry((b) -> b.jitter(null), "jitter", null, "jitter must not be null; use Jitter.NONE for no jitter"),
				retry((b) -> b.maxDuration(Duration.ofSeconds(-2)), "maxDuration", Duration.ofSeconds(-2),
						"maxDuration must be zero (no deadline) or positive, but was PT-2S"),
				retry((b) -> b.waitDuration(Duration.ofMillis(-1)), "waitDuration", Duration.ofMillis(-1),
						"waitDuration must not be negative, but was PT-0.001S"),
				retry((b) -> b.waitDuration(Duration.ofDays(2)), "waitDuration", Duration.ofDays(2),
						"waitDuration must be at most PT24H (Backoff.MAX_DELAY), but was PT48H"),
				retry((b) -> b.exponentialBackoff(Duration.ofMillis(100), 0.5, null), "multiplier", 0.5,
						"multiplier must be a finite number of at least 1, but was 0.5"),
				retry((b) -> b.exponentialBackoff(Duration.ofSeconds(1), 2, Duration.ofMillis(100)), "maxWaitDuration",
						Duration.ofMillis(100), "maxWaitDuration (PT0.1S) must not be shorter than waitDuration (PT1S); "
								+ "raise maxWaitDuration or lower waitDuration"));
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("breakerCases")
	void breakerBuilderNamesSetting(UnaryOperator<CircuitBreakerConfig.Builder> change, String setting, Object value,
			String message) {
		CircuitBreakerConfig.Builder builder = change.apply(CircuitBreakerConfig.custom());
		assertThatExceptionOfType(InvalidConfigException.class).isThrownBy(builder::build)
			.withMessage(message)
			.satisfies((ex) -> assertSettingAndValue(ex, setting, value));
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("retryCases")
	void retryBuilderNamesSetting(UnaryOperator<RetryConfig.Builder> change, String setting, Object value,
			String message) {
		RetryConfig.Builder builder = change.apply(RetryConfig.custom());
		assertThatExceptionOfType(InvalidConfigException.class).isThrownBy(builder::build)
			.withMessage(message)
			.satisfies((ex) -> assertSettingAndValue(ex, setting, value));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("timeWindowCases")
	void timeWindowRejectsOnlyWhenSelected(SlidingWindowType type, boolean rejected) {
		CircuitBreakerConfig.Builder builder = CircuitBreakerConfig.custom()
			.slidingWindowDuration(Duration.ZERO)
			.slidingWindowType(type);
		if (rejected) {
			assertThatExceptionOfType(InvalidConfigException.class).isThrownBy(builder::build)
				.satisfies((ex) -> assertSettingAndValue(ex, "slidingWindowDuration", Duration.ZERO));
		}
		else {
			builder.build();
		}
	}

	static Stream<Arguments> timeWindowCases() {
		return Stream.of(Arguments.of(SlidingWindowType.TIME_BASED, true),
				Arguments.of(SlidingWindowType.COUNT_BASED, false));
	}

	private static void assertSettingAndValue(InvalidConfigException ex, String setting, Object value) {
		assertThat(ex.getSetting()).isEqualTo(setting);
		assertThat(ex.getValue()).isEqualTo(value);
	}

	private static Arguments breaker(UnaryOperator<CircuitBreakerConfig.Builder> change, String setting, Object value,
			String message) {
		return Arguments.of(change, setting, value, message);
	}

	private static Arguments retry(UnaryOperator<RetryConfig.Builder> change, String setting, Object value,
			String message) {
		return Arguments.of(change, setting, value, message);
	}

}
