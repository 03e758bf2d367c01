package dev.resilience.spring.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.resilience.core.breaker.CircuitBreakerConfig;
import dev.resilience.core.breaker.SlidingWindowType;
import dev.resilience.spring.annotation.CircuitGuarded;

/**
 * Resolves the {@link CircuitBreakerConfig} of a named circuit breaker from, weakest to strongest:
 * the base configuration, {@code resilience.breakers.defaults.*}, the attributes of a
 * {@link CircuitGuarded} annotation, the templates under {@code resilience.breakers.configs} that
 * the instance inherits through {@code base-config} (the most distant first), and
 * {@code resilience.breakers.instances.<name>.*}.
 * <p>
 * When no source sets {@code minimum-number-of-calls}, it is the base configuration's value capped
 * at the sliding window size of a count-based window, so that setting only a small window is
 * enough.
 * <p>
 * This class is thread-safe as long as the bound properties are not changed.
 *
 * @since 0.1.0
 */
public final class BreakerConfigResolver {

	private static final String GROUP_PREFIX = "resilience.breakers";

	private static final String DEFAULTS_PREFIX = GROUP_PREFIX + ".defaults";

	private static final String CONFIGS_PREFIX = GROUP_PREFIX + ".configs";

	private static final String INSTANCES_PREFIX = GROUP_PREFIX + ".instances";

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
	 * @throws InvalidResiliencePropertyException if a resolved value is invalid, or a
	 * {@code base-config} names no template or closes a cycle
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
	 * @throws InvalidResiliencePropertyException if a resolved value is invalid, or a
	 * {@code base-config} names no template or closes a cycle
	 */
	public CircuitBreakerConfig resolve(String name, CircuitGuarded annotation, String annotatedMethod) {
		String instancePrefix = InstanceNames.prefix(INSTANCES_PREFIX, name);
		SettingValues<BreakerSetting> values = new SettingValues<>(BreakerSetting.class, instancePrefix);
		putSettings(values, this.properties.getDefaults(), SettingSource.properties(DEFAULTS_PREFIX));
		if (annotation != null) {
			putAnnotation(values, annotation, SettingSource.annotation("@CircuitGuarded", annotatedMethod));
		}
		BreakerProperties.Instance instance = this.properties.getInstances().get(name);
		if (instance != null) {
			putLayers(values, BaseConfigChain.layers(GROUP_PREFIX, instancePrefix, null, instance,
					this.properties.getConfigs(), BreakerProperties.Instance::getBaseConfig));
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
		putSettings(values, this.properties.getDefaults(), SettingSource.properties(DEFAULTS_PREFIX));
		build(values);
	}

	/**
	 * Checks every template under {@code resilience.breakers.configs}, applied over the defaults,
	 * so that an invalid template fails at startup even when no breaker uses it.
	 * @throws InvalidResiliencePropertyException if a template's value is invalid, or a
	 * {@code base-config} names no template or closes a cycle
	 */
	public void validateTemplates() {
		for (Map.Entry<String, BreakerProperties.Instance> template : this.properties.getConfigs().entrySet()) {
			String templatePrefix = InstanceNames.prefix(CONFIGS_PREFIX, template.getKey());
			SettingValues<BreakerSetting> values = new SettingValues<>(BreakerSetting.class, templatePrefix);
			putSettings(values, this.properties.getDefaults(), SettingSource.properties(DEFAULTS_PREFIX));
			putLayers(values, BaseConfigChain.layers(GROUP_PREFIX, templatePrefix, template.getKey(),
					template.getValue(), this.properties.getConfigs(), BreakerProperties.Instance::getBaseConfig));
			build(values);
		}
	}

	private void putLayers(SettingValues<BreakerSetting> values,
			List<BaseConfigChain.Layer<BreakerProperties.Instance>> layers) {
		for (BaseConfigChain.Layer<BreakerProperties.Instance> layer : layers) {
			putSettings(values, layer.settings(), SettingSource.properties(layer.prefix()));
		}
	}

	private static void putSettings(SettingValues<BreakerSetting> values, BreakerProperties.Settings settings,
			SettingSource source) {
		values.put(BreakerSetting.SLIDING_WINDOW_TYPE, settings.getSlidingWindowType(), source);
		values.put(BreakerSetting.SLIDING_WINDOW_SIZE, settings.getSlidingWindowSize(), source);
		values.put(BreakerSetting.SLIDING_WINDOW_DURATION, settings.getSlidingWindowDuration(), source);
		values.put(BreakerSetting.MINIMUM_NUMBER_OF_CALLS, settings.getMinimumNumberOfCalls(), source);
		values.put(BreakerSetting.FAILURE_RATE_THRESHOLD, settings.getFailureRateThreshold(), source);
		values.put(BreakerSetting.SLOW_CALL_RATE_THRESHOLD, settings.getSlowCallRateThreshold(), source);
		values.put(BreakerSetting.SLOW_CALL_DURATION_THRESHOLD, settings.getSlowCallDurationThreshold(), source);
		values.put(BreakerSetting.WAIT_DURATION_IN_OPEN_STATE, settings.getWaitDurationInOpenState(), source);
		values.put(BreakerSetting.WAIT_DURATION_IN_OPEN_STATE_MULTIPLIER,
				settings.getWaitDurationInOpenStateMultiplier(), source);
		values.put(BreakerSetting.MAX_WAIT_DURATION_IN_OPEN_STATE, settings.getMaxWaitDurationInOpenState(), source);
		values.put(BreakerSetting.WAIT_DURATION_IN_OPEN_STATE_JITTER, settings.getWaitDurationInOpenStateJitter(),
				source);
		values.put(BreakerSetting.AUTOMATIC_TRANSITION_FROM_OPEN_TO_HALF_OPEN,
				settings.getAutomaticTransitionFromOpenToHalfOpen(), source);
		values.put(BreakerSetting.PERMITTED_NUMBER_OF_CALLS_IN_HALF_OPEN_STATE,
				settings.getPermittedNumberOfCallsInHalfOpenState(), source);
		values.put(BreakerSetting.MAX_WAIT_DURATION_IN_HALF_OPEN_STATE, settings.getMaxWaitDurationInHalfOpenState(),
				source);
		values.putTypes(BreakerSetting.RECORD_EXCEPTIONS, settings.getRecordExceptions(), source);
		values.putTypes(BreakerSetting.IGNORE_EXCEPTIONS, settings.getIgnoreExceptions(), source);
	}

	private static void putAnnotation(SettingValues<BreakerSetting> values, CircuitGuarded annotation,
			SettingSource source) {
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

	private CircuitBreakerConfig build(SettingValues<BreakerSetting> values) {
		CircuitBreakerConfig.Builder builder = this.baseConfig.toBuilder();
		buildWindow(values, builder);
		buildThresholds(values, builder);
		buildOpenAndHalfOpenStates(values, builder);

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

	private void buildWindow(SettingValues<BreakerSetting> values, CircuitBreakerConfig.Builder builder) {
		SlidingWindowType type = values.get(BreakerSetting.SLIDING_WINDOW_TYPE);
		if (type == null) {
			type = this.baseConfig.getSlidingWindowType();
		}
		builder.slidingWindowType(type);

		Integer slidingWindowSize = values.get(BreakerSetting.SLIDING_WINDOW_SIZE);
		if (slidingWindowSize != null) {
			builder.slidingWindowSize(slidingWindowSize);
		}
		Duration slidingWindowDuration = values.get(BreakerSetting.SLIDING_WINDOW_DURATION);
		if (slidingWindowDuration != null) {
			builder.slidingWindowDuration(slidingWindowDuration);
		}

		Integer minimumNumberOfCalls = values.get(BreakerSetting.MINIMUM_NUMBER_OF_CALLS);
		if (minimumNumberOfCalls != null) {
			builder.minimumNumberOfCalls(minimumNumberOfCalls);
		}
		else if (slidingWindowSize != null && slidingWindowSize >= 1 && type == SlidingWindowType.COUNT_BASED) {
			builder.minimumNumberOfCalls(Math.min(this.baseConfig.getMinimumNumberOfCalls(), slidingWindowSize));
		}
	}

	private static void buildThresholds(SettingValues<BreakerSetting> values, CircuitBreakerConfig.Builder builder) {
		Float failureRateThreshold = values.get(BreakerSetting.FAILURE_RATE_THRESHOLD);
		if (failureRateThreshold != null) {
			builder.failureRateThreshold(failureRateThreshold);
		}
		Float slowCallRateThreshold = values.get(BreakerSetting.SLOW_CALL_RATE_THRESHOLD);
		if (slowCallRateThreshold != null) {
			builder.slowCallRateThreshold(slowCallRateThreshold);
		}
		Duration slowCallDurationThreshold = values.get(BreakerSetting.SLOW_CALL_DURATION_THRESHOLD);
		if (slowCallDurationThreshold != null) {
			builder.slowCallDurationThreshold(slowCallDurationThreshold);
		}
	}

	private void buildOpenAndHalfOpenStates(SettingValues<BreakerSetting> values,
			CircuitBreakerConfig.Builder builder) {
		Duration waitDurationInOpenState = values.get(BreakerSetting.WAIT_DURATION_IN_OPEN_STATE);
		if (waitDurationInOpenState != null) {
			builder.waitDurationInOpenState(waitDurationInOpenState);
		}
		Double multiplier = values.get(BreakerSetting.WAIT_DURATION_IN_OPEN_STATE_MULTIPLIER);
		Duration maxWait = values.get(BreakerSetting.MAX_WAIT_DURATION_IN_OPEN_STATE);
		if (multiplier != null || maxWait != null) {
			builder.waitDurationInOpenStateBackoff(
					(multiplier != null) ? multiplier : this.baseConfig.getWaitDurationInOpenStateMultiplier(),
					(maxWait != null) ? maxWait : this.baseConfig.getMaxWaitDurationInOpenState());
		}
		Double jitter = values.get(BreakerSetting.WAIT_DURATION_IN_OPEN_STATE_JITTER);
		if (jitter != null) {
			builder.waitDurationInOpenStateJitter(jitter);
		}
		Boolean automaticTransition = values.get(BreakerSetting.AUTOMATIC_TRANSITION_FROM_OPEN_TO_HALF_OPEN);
		if (automaticTransition != null) {
			builder.automaticTransitionFromOpenToHalfOpen(automaticTransition);
		}

		Integer permittedCalls = values.get(BreakerSetting.PERMITTED_NUMBER_OF_CALLS_IN_HALF_OPEN_STATE);
		if (permittedCalls != null) {
			builder.permittedNumberOfCallsInHalfOpenState(permittedCalls);
		}
		Duration maxWaitInHalfOpenState = values.get(BreakerSetting.MAX_WAIT_DURATION_IN_HALF_OPEN_STATE);
		if (maxWaitInHalfOpenState != null) {
			builder.maxWaitDurationInHalfOpenState(maxWaitInHalfOpenState);
		}
	}

}
