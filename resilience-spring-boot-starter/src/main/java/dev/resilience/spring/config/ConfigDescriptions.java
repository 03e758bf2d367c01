package dev.resilience.spring.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.resilience.core.breaker.CircuitBreakerConfig;
import dev.resilience.core.breaker.SlidingWindowType;
import dev.resilience.core.retry.Backoff;
import dev.resilience.core.retry.RetryConfig;

/**
 * Describes core configurations as maps of plain values: numbers, booleans, strings and lists of
 * strings. Durations are ISO-8601 strings such as {@code PT1M}, and exception types are class
 * names, so that any JSON library writes the maps the same way.
 * <p>
 * The maps contain the values that can be set, not the clock, scheduler or predicates, so two
 * configurations built from the same settings have equal descriptions. The methods are
 * thread-safe and return a new map on each call.
 *
 * @since 0.1.0
 */
public final class ConfigDescriptions {

	private ConfigDescriptions() {
	}

	/**
	 * Describes a circuit breaker configuration.
	 * @param config the configuration
	 * @return a new map in a fixed key order
	 */
	public static Map<String, Object> describe(CircuitBreakerConfig config) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("slidingWindowType", config.getSlidingWindowType().name());
		if (config.getSlidingWindowType() == SlidingWindowType.COUNT_BASED) {
			description.put("slidingWindowSize", config.getSlidingWindowSize());
		}
		else {
			description.put("slidingWindowDuration", format(config.getSlidingWindowDuration()));
		}
		description.put("minimumNumberOfCalls", config.getMinimumNumberOfCalls());
		description.put("failureRateThreshold", config.getFailureRateThreshold());
		description.put("slowCallRateThreshold", config.getSlowCallRateThreshold());
		description.put("slowCallDurationThreshold", format(config.getSlowCallDurationThreshold()));
		description.put("waitDurationInOpenState", format(config.getWaitDurationInOpenState()));
		description.put("waitDurationInOpenStateMultiplier", config.getWaitDurationInOpenStateMultiplier());
		description.put("maxWaitDurationInOpenState", format(config.getMaxWaitDurationInOpenState()));
		description.put("automaticTransitionFromOpenToHalfOpen", config.isAutomaticTransitionFromOpenToHalfOpen());
		description.put("permittedNumberOfCallsInHalfOpenState", config.getPermittedNumberOfCallsInHalfOpenState());
		description.put("maxWaitDurationInHalfOpenState", format(config.getMaxWaitDurationInHalfOpenState()));
		description.put("recordExceptions", classNames(config.getRecordExceptions()));
		description.put("ignoreExceptions", classNames(config.getIgnoreExceptions()));
		return description;
	}

	/**
	 * Describes a retry configuration.
	 * @param config the configuration
	 * @return a new map in a fixed key order
	 */
	public static Map<String, Object> describe(RetryConfig config) {
		Backoff backoff = config.getBackoff();
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("maxAttempts", config.getMaxAttempts());
		description.put("waitDuration", format(backoff.getInitialWait()));
		description.put("multiplier", backoff.getMultiplier());
		description.put("maxWaitDuration", format(backoff.getMaxWait()));
		description.put("jitter", backoff.getJitter().name());
		description.put("maxDuration", format(config.getMaxDuration()));
		description.put("retryExceptions", classNames(config.getRetryExceptions()));
		description.put("ignoreExceptions", classNames(config.getIgnoreExceptions()));
		description.put("matchCauses", config.isMatchCauses());
		description.put("failAfterMaxAttempts", config.isFailAfterMaxAttempts());
		return description;
	}

	private static String format(Duration duration) {
		return (duration != null) ? duration.toString() : null;
	}

	private static List<String> classNames(List<Class<? extends Throwable>> types) {
		return types.stream().map(Class::getName).toList();
	}

}
