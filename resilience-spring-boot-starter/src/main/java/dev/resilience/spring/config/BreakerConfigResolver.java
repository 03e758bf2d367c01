package dev.resilience.spring.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import dev.resilience.core.breaker.CircuitBreakerConfig;
import dev.resilience.core.breaker.SlidingWindowType;
import dev.resilience.spring.annotation.CircuitGuarded;
/**
 * Resolves the {@link CircuitBreakerConfig} of a named circuit breaker from, weakest to strongest:
 * the base configuration, {@code resilience.breakers.defaults.*}, the attributes of a
 * {@link CircuitGuarded} annotation, and {@code resilience.breakers.instances.<name>.*}.
 * <p>
 * When no source sets {@code minimum-number-of-calls}, it is the base configuration's value capped
 * at the sliding window size, so that setting only a small window is enough.
 * <p>
 * This class is thread-safe as long as the bound properties are not changed.
 *
 * @since 0.1.0
 */
public final class BreakerConfigResolver {

	private static final String DEFAULTS_PREFIX = "resilience.breakers.defaults";

	private static final String INSTANCES_PREFIX = "resilience.breakers.instances";

	private final BreakerProperties properties;

	private final CircuitBreakerConfig baseConfig;

	/**
	 * Creates a resolver whose base configuration is {@link CircuitBreakerConfig#ofDefaults()}.
	 * @param properties the bound properties
	 */
	public BreakerConfigResolver(BreakerProperties properties) {
		this(properties, CircuitBreakerConfig.ofDefaults());
	}

	/**
	 * Creates a resolver.
	 * @param properties the bound properties
	 * @param baseConfig the configuration that supplies everything the properties and annotations
	 * leave unset, including the ticker, clock and scheduler
	 */
	public BreakerConfigResolver(BreakerProperties properties, CircuitBreakerConfig baseConfig) {
		this.properties = Objects.requireNonNull(properties, "properties must not be null");
		this.baseConfig = Objects.requireNonNull(baseConfig, "baseConfig must not be null");
	}

	/**
	 * Resolves the configuration of a breaker that has no annotation.
	 * @param name the breaker name
	 * @return the configuration
	 * @throws InvalidResiliencePropertyException if a resolved value is invalid
	 */
	public CircuitBreakerConfig resolve(String name) {
		return resolve(name, null, null);
	}

	/**
	 * Resolves the configuration of a breaker declared by an annotation.
	 * @param name the breaker name
	 * @param annotation the annotation, or {@code null}
	 * @param annotatedMethod the annotated method as {@code SimpleClassName.methodName}, used in
	 * error messages; may be {@code null} when {@code annotation} is
	 * @return the configuration
	 * @throws InvalidResiliencePropertyException if a resolved value is invalid
	 */
	public CircuitBreakerConfig resolve(String name, CircuitGuarded annotation, String annotatedMethod) {
		SettingValues<BreakerSetting> values = new SettingValues<>(BreakerSetting.class,
				InstanceNames.prefix(INSTANCES_PREFIX, name));
		putDefaults(values);
		if (annotation != null) {
			putAnnotation(values, annotation, SettingSource.annotation("@CircuitGuarded", annotatedMethod));
		}
		BreakerProperties.Instance instance = this.properties.getInstances().get(name);
		if (instance != null) {
			putInstance(values, instance, SettingSource.properties(InstanceNames.prefix(INSTANCES_PREFIX, name)));
		}
		return build(values);
	}

	/**
	 * Checks {@code resilience.breakers.defaults.*} on its own, so that invalid defaults fail at
	 * startup even when no breaker is created then.
	 * @throws InvalidResiliencePropertyException if a default value is invalid
	 */
	public void validateDefaults() {
		SettingValues<BreakerSetting> values = new SettingValues<>(BreakerSetting.class, DEFAULTS_PREFIX);
		putDefaults(values);
		build(values);
	}

	private void putDefaults(SettingValues<BreakerSetting> values) {
		BreakerProperties.Defaults defaults = this.properties.getDefaults();
		SettingSource source = SettingSource.properties(DEFAULTS_PREFIX);
		values.put(BreakerSetting.FAILURE_RATE_THRESHOLD, defaults.getFailureRateThreshold(), source);
		values.put(BreakerSetting.SLIDING_WINDOW_SIZE, defaults.getSlidingWindowSize(), source);
		values.put(BreakerSetting.MINIMUM_NUMBER_OF_CALLS, defaults.getMinimumNumberOfCalls(), source);
		values.put(BreakerSetting.WAIT_DURATION_IN_OPEN_STATE, defaults.getWaitDurationInOpenState(), source);
		values.put(BreakerSetting.PERMITTED_NUMBER_OF_CALLS_IN_HALF_OPEN_STATE,
				defaults.getPermittedNumberOfCallsInHalfOpenState(), source);
		values.put(BreakerSetting.RECORD_EXCEPTIONS, defaults.getRecordExceptions(), source);
		values.put(BreakerSetting.IGNORE_EXCEPTIONS, defaults.getIgnoreExceptions(), source);
	}

	private void putAnnotation(SettingValues<BreakerSetting> values, CircuitGuarded annotation, SettingSource source) {
		if (annotation.failureRateThreshold() != -1) {
			values.put(BreakerSetting.FAILURE_RATE_THRESHOLD, annotation.failureRateThreshold(), source);
		}
		if (annotation.slidingWindowSize() != -1) {
			values.put(BreakerSetting.SLIDING_WINDOW_SIZE, annotation.slidingWindowSize(), source);
		}
		if (annotation.minimumNumberOfCalls() != -1) {
			values.put(BreakerSetting.MINIMUM_NUMBER_OF_CALLS, annotation.minimumNumberOfCalls(), source);
		}
		if (!annotation.waitDurationInOpenState().isEmpty()) {
			values.put(BreakerSetting.WAIT_DURATION_IN_OPEN_STATE,
					values.parseDuration(BreakerSetting.WAIT_DURATION_IN_OPEN_STATE,
							annotation.waitDurationInOpenState(), source),
					source);
		}
		if (annotation.permittedNumberOfCallsInHalfOpenState() != -1) {
			values.put(BreakerSetting.PERMITTED_NUMBER_OF_CALLS_IN_HALF_OPEN_STATE,
					annotation.permittedNumberOfCallsInHalfOpenState(), source);
		}
		values.put(BreakerSetting.RECORD_EXCEPTIONS, Arrays.asList(annotation.recordExceptions()), source);
		values.put(BreakerSetting.IGNORE_EXCEPTIONS, Arrays.asList(annotation.ignoreExceptions()), source);
	}

	private void putInstance(SettingValues<BreakerSetting> values, BreakerProperties.Instance instance,
			SettingSource source) {
		values.put(BreakerSetting.FAILURE_RATE_THRESHOLD, instance.getFailureRateThreshold(), source);
		values.put(BreakerSetting.SLIDING_WINDOW_SIZE, instance.getSlidingWindowSize(), source);
		values.put(BreakerSetting.MINIMUM_NUMBER_OF_CALLS, instance.getMinimumNumberOfCalls(), source);
		values.put(BreakerSetting.WAIT_DURATION_IN_OPEN_STATE, instance.getWaitDurationInOpenState(), source);
		values.put(BreakerSetting.PERMITTED_NUMBER_OF_CALLS_IN_HALF_OPEN_STATE,
				instance.getPermittedNumberOfCallsInHalfOpenState(), source);
		values.putTypes(BreakerSetting.RECORD_EXCEPTIONS, instance.getRecordExceptions(), source);
		values.putTypes(BreakerSetting.IGNORE_EXCEPTIONS, instance.getIgnoreExceptions(), source);
	}

	private CircuitBreakerConfig build(SettingValues<BreakerSetting> values) {
		CircuitBreakerConfig.Builder builder = this.baseConfig.toBuilder();
		Float failureRateThreshold = values.get(BreakerSetting.FAILURE_RATE_THRESHOLD);
		if (failureRateThreshold != null) {
			builder.failureRateThreshold(failureRateThreshold);
		}

		Integer slidingWindowSize = values.get(BreakerSetting.SLIDING_WINDOW_SIZE);
		if (slidingWindowSize != null) {
			builder.slidingWindowSize(slidingWindowSize);
		}
		Integer minimumNumberOfCalls = values.get(BreakerSetting.MINIMUM_NUMBER_OF_CALLS);
		if (minimumNumberOfCalls != null) {
			builder.minimumNumberOfCalls(minimumNumberOfCalls);
		}
		else if (slidingWindowSize != null && slidingWindowSize >= 1
				&& this.baseConfig.getSlidingWindowType() == SlidingWindowType.COUNT_BASED) {
			builder.minimumNumberOfCalls(Math.min(this.baseConfig.getMinimumNumberOfCalls(), slidingWindowSize));
		}

		Duration waitDurationInOpenState = values.get(BreakerSetting.WAIT_DURATION_IN_OPEN_STATE);
		if (waitDurationInOpenState != null) {
			builder.waitDurationInOpenState(waitDurationInOpenState);
		}
		Integer permittedCalls = values.get(BreakerSetting.PERMITTED_NUMBER_OF_CALLS_IN_HALF_OPEN_STATE);
		if (permittedCalls != null) {
			builder.permittedNumberOfCallsInHalfOpenState(permittedCalls);
		}

		List<Class<? extends Throwable>> recordExceptions = values.getTypes(BreakerSetting.RECORD_EXCEPTIONS);
		if (recordExceptions != null) {
			builder.recordExceptions(recordExceptions);
		}
		List<Class<? extends Throwable>> ignoreExceptions = values.getTypes(BreakerSetting.IGNORE_EXCEPTIONS);
		if (ignoreExceptions != null) {
			builder.ignoreExceptions(ignoreExceptions);
		}

		try {
			return builder.build();
		}
		catch (IllegalArgumentException ex) {
			throw values.invalid(ex);
		}
	}

}
