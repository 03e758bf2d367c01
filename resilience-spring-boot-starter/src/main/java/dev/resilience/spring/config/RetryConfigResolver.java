package dev.resilience.spring.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.resilience.core.retry.Jitter;
import dev.resilience.core.retry.RetryConfig;
import dev.resilience.spring.annotation.Retryable;

/**
 * Resolves the {@link RetryConfig} of a named retry instance from, weakest to strongest: the base
 * configuration, {@code resilience.retries.defaults.*}, the attributes of a {@link Retryable}
 * annotation, the templates under {@code resilience.retries.configs} that the instance inherits
 * through {@code base-config} (the most distant first), and
 * {@code resilience.retries.instances.<name>.*}.
 * <p>
 * A multiplier of 1 with no maximum wait gives a fixed wait. Any other combination gives an
 * exponential backoff that starts at the wait duration.
 * <p>
 * This class is thread-safe as long as the bound properties are not changed.
 *
 * @since 0.1.0
 */
public final class RetryConfigResolver {

	private static final String GROUP_PREFIX = "resilience.retries";

	private static final String DEFAULTS_PREFIX = GROUP_PREFIX + ".defaults";

	private static final String CONFIGS_PREFIX = GROUP_PREFIX + ".configs";

	private static final String INSTANCES_PREFIX = GROUP_PREFIX + ".instances";

	private final RetryProperties properties;

	private final RetryConfig baseConfig;

	/**
	 * Creates a resolver whose base configuration is {@link RetryConfig#ofDefaults()}.
	 * @param properties the bound properties
	 */
	public RetryConfigResolver(RetryProperties properties) {
		this(properties, RetryConfig.ofDefaults());
	}

	/**
	 * Creates a resolver.
	 * @param properties the bound properties
	 * @param baseConfig the configuration that supplies everything the properties and annotations
	 * leave unset, including the sleeper, scheduler and predicates
	 */
	public RetryConfigResolver(RetryProperties properties, RetryConfig baseConfig) {
		this.properties = Objects.requireNonNull(properties, "properties must not be null");
		this.baseConfig = Objects.requireNonNull(baseConfig, "baseConfig must not be null");
	}

	/**
	 * Resolves the configuration of a retry instance that has no annotation.
	 * @param name the instance name
	 * @return the configuration
	 * @throws InvalidResiliencePropertyException if a resolved value is invalid, or a
	 * {@code base-config} names no template or closes a cycle
	 */
	public RetryConfig resolve(String name) {
		return resolve(name, null, null);
	}

	/**
	 * Resolves the configuration of a retry instance declared by an annotation.
	 * @param name the instance name
	 * @param annotation the annotation, or {@code null}
	 * @param annotatedMethod the annotated method as {@code SimpleClassName.methodName}, used in
	 * error messages; may be {@code null} when {@code annotation} is
	 * @return the configuration
	 * @throws InvalidResiliencePropertyException if a resolved value is invalid, or a
	 * {@code base-config} names no template or closes a cycle
	 */
	public RetryConfig resolve(String name, Retryable annotation, String annotatedMethod) {
		String instancePrefix = InstanceNames.prefix(INSTANCES_PREFIX, name);
		SettingValues<RetrySetting> values = new SettingValues<>(RetrySetting.class, instancePrefix);
		putSettings(values, this.properties.getDefaults(), SettingSource.properties(DEFAULTS_PREFIX));
		if (annotation != null) {
			putAnnotation(values, annotation, SettingSource.annotation("@Retryable", annotatedMethod));
		}
		RetryProperties.Instance instance = this.properties.getInstances().get(name);
		if (instance != null) {
			putLayers(values, BaseConfigChain.layers(GROUP_PREFIX, instancePrefix, null, instance,
					this.properties.getConfigs(), RetryProperties.Instance::getBaseConfig));
		}
		return build(values);
	}

	/**
	 * Checks {@code resilience.retries.defaults.*} on its own, so that invalid defaults fail at
	 * startup even when no retry instance is created then.
	 * @throws InvalidResiliencePropertyException if a default value is invalid
	 */
	public void validateDefaults() {
		SettingValues<RetrySetting> values = new SettingValues<>(RetrySetting.class, DEFAULTS_PREFIX);
		putSettings(values, this.properties.getDefaults(), SettingSource.properties(DEFAULTS_PREFIX));
		build(values);
	}

	/**
	 * Checks every template under {@code resilience.retries.configs}, applied over the defaults, so
	 * that an invalid template fails at startup even when no retry instance uses it.
	 * @throws InvalidResiliencePropertyException if a template's value is invalid, or a
	 * {@code base-config} names no template or closes a cycle
	 */
	public void validateTemplates() {
		for (Map.Entry<String, RetryProperties.Instance> template : this.properties.getConfigs().entrySet()) {
			String templatePrefix = InstanceNames.prefix(CONFIGS_PREFIX, template.getKey());
			SettingValues<RetrySetting> values = new SettingValues<>(RetrySetting.class, templatePrefix);
			putSettings(values, this.properties.getDefaults(), SettingSource.properties(DEFAULTS_PREFIX));
			putLayers(values, BaseConfigChain.layers(GROUP_PREFIX, templatePrefix, template.getKey(),
					template.getValue(), this.properties.getConfigs(), RetryProperties.Instance::getBaseConfig));
			build(values);
		}
	}

	private void putLayers(SettingValues<RetrySetting> values,
			List<BaseConfigChain.Layer<RetryProperties.Instance>> layers) {
		for (BaseConfigChain.Layer<RetryProperties.Instance> layer : layers) {
			putSettings(values, layer.settings(), SettingSource.properties(layer.prefix()));
		}
	}

	private static void putSettings(SettingValues<RetrySetting> values, RetryProperties.Settings settings,
			SettingSource source) {
		values.put(RetrySetting.MAX_ATTEMPTS, settings.getMaxAttempts(), source);
		values.put(RetrySetting.WAIT_DURATION, settings.getWaitDuration(), source);
		values.put(RetrySetting.MULTIPLIER, settings.getMultiplier(), source);
		values.put(RetrySetting.MAX_WAIT_DURATION, settings.getMaxWaitDuration(), source);
		values.put(RetrySetting.JITTER, settings.getJitter(), source);
		values.put(RetrySetting.MAX_DURATION, settings.getMaxDuration(), source);
		values.put(RetrySetting.MATCH_CAUSES, settings.getMatchCauses(), source);
		values.putTypes(RetrySetting.RETRY_EXCEPTIONS, settings.getRetryExceptions(), source);
		values.putTypes(RetrySetting.IGNORE_EXCEPTIONS, settings.getIgnoreExceptions(), source);
	}

	private static void putAnnotation(SettingValues<RetrySetting> values, Retryable annotation, SettingSource source) {
		if (annotation.maxAttempts() != -1) {
			values.put(RetrySetting.MAX_ATTEMPTS, annotation.maxAttempts(), source);
		}
		if (!annotation.waitDuration().isEmpty()) {
			values.put(RetrySetting.WAIT_DURATION,
					values.parseDuration(RetrySetting.WAIT_DURATION, annotation.waitDuration(), source), source);
		}
		if (annotation.multiplier() != 0) {
			values.put(RetrySetting.MULTIPLIER, annotation.multiplier(), source);
		}
		if (!annotation.maxWaitDuration().isEmpty()) {
			values.put(RetrySetting.MAX_WAIT_DURATION,
					values.parseDuration(RetrySetting.MAX_WAIT_DURATION, annotation.maxWaitDuration(), source),
					source);
		}
		values.put(RetrySetting.RETRY_EXCEPTIONS, Arrays.asList(annotation.retryExceptions()), source);
		values.put(RetrySetting.IGNORE_EXCEPTIONS, Arrays.asList(annotation.ignoreExceptions()), source);
	}

	private RetryConfig build(SettingValues<RetrySetting> values) {
		RetryConfig.Builder builder = this.baseConfig.toBuilder();
		Integer maxAttempts = values.get(RetrySetting.MAX_ATTEMPTS);
		if (maxAttempts != null) {
			builder.maxAttempts(maxAttempts);
		}

		Duration waitDuration = values.get(RetrySetting.WAIT_DURATION);
		Double multiplier = values.get(RetrySetting.MULTIPLIER);
		Duration maxWaitDuration = values.get(RetrySetting.MAX_WAIT_DURATION);
		if (waitDuration != null || multiplier != null || maxWaitDuration != null) {
			Duration wait = (waitDuration != null) ? waitDuration : this.baseConfig.getBackoff().getInitialWait();
			if ((multiplier == null || multiplier == 1.0) && maxWaitDuration == null) {
				builder.waitDuration(wait);
			}
			else {
				builder.exponentialBackoff(wait, (multiplier != null) ? multiplier : 1.0, maxWaitDuration);
			}
		}
		Jitter jitter = values.get(RetrySetting.JITTER);
		if (jitter != null) {
			builder.jitter(jitter);
		}

		Duration maxDuration = values.get(RetrySetting.MAX_DURATION);
		if (maxDuration != null) {
			builder.maxDuration(maxDuration);
		}
		Boolean matchCauses = values.get(RetrySetting.MATCH_CAUSES);
		if (matchCauses != null) {
			builder.matchCauses(matchCauses);
		}
		List<Class<? extends Throwable>> retryExceptions = values.getTypes(RetrySetting.RETRY_EXCEPTIONS);
		if (retryExceptions != null) {
			builder.retryExceptions(retryExceptions);
		}
		List<Class<? extends Throwable>> ignoreExceptions = values.getTypes(RetrySetting.IGNORE_EXCEPTIONS);
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
