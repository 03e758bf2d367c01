package dev.resilience.spring.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import dev.resilience.core.retry.RetryConfig;
import dev.resilience.spring.annotation.Retryable;

/**
 * Resolves the {@link RetryConfig} of a named retry instance from, weakest to strongest: the base
 * configuration, {@code resilience.retries.defaults.*}, the attributes of a {@link Retryable}
 * annotation, and {@code resilience.retries.instances.<name>.*}.
 * <p>
 * A multiplier of 1 with no maximum wait gives a fixed wait; any other combination gives an
 * exponential backoff that starts at the wait duration.
 * <p>
 * This class is thread-safe as long as the bound properties are not changed.
 *
 * @since 0.1.0
 */
public final class RetryConfigResolver {

	private static final String DEFAULTS_PREFIX = "resilience.retries.defaults";

	private static final String INSTANCES_PREFIX = "resilience.retries.instances";

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
	 * leave unset, including the sleeper, scheduler and jitter
	 */
	public RetryConfigResolver(RetryProperties properties, RetryConfig baseConfig) {
		this.properties = Objects.requireNonNull(properties, "properties must not be null");
		this.baseConfig = Objects.requireNonNull(baseConfig, "baseConfig must not be null");
	}

	/**
	 * Resolves the configuration of a retry instance that has no annotation.
	 * @param name the instance name
	 * @return the configuration
	 * @throws InvalidResiliencePropertyException if a resolved value is invalid
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
	 * @throws InvalidResiliencePropertyException if a resolved value is invalid
	 */
	public RetryConfig resolve(String name, Retryable annotation, String annotatedMethod) {
		String instancePrefix = InstanceNames.prefix(INSTANCES_PREFIX, name);
		SettingValues<RetrySetting> values = new SettingValues<>(RetrySetting.class, instancePrefix);
		putDefaults(values);
		if (annotation != null) {
			putAnnotation(values, annotation, SettingSource.annotation("@Retryable", annotatedMethod));
		}
		RetryProperties.Instance instance = this.properties.getInstances().get(name);
		if (instance != null) {
			putInstance(values, instance, SettingSource.properties(instancePrefix));
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
		putDefaults(values);
		build(values);
	}

	private void putDefaults(SettingValues<RetrySetting> values) {
		RetryProperties.Defaults defaults = this.properties.getDefaults();
		SettingSource source = SettingSource.properties(DEFAULTS_PREFIX);
		values.put(RetrySetting.MAX_ATTEMPTS, defaults.getMaxAttempts(), source);
		values.put(RetrySetting.WAIT_DURATION, defaults.getWaitDuration(), source);
		values.put(RetrySetting.MULTIPLIER, defaults.getMultiplier(), source);
		values.put(RetrySetting.MAX_WAIT_DURATION, defaults.getMaxWaitDuration(), source);
		values.put(RetrySetting.RETRY_EXCEPTIONS, defaults.getRetryExceptions(), source);
		values.put(RetrySetting.IGNORE_EXCEPTIONS, defaults.getIgnoreExceptions(), source);
	}

	private void putAnnotation(SettingValues<RetrySetting> values, Retryable annotation, SettingSource source) {
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

	private void putInstance(SettingValues<RetrySetting> values, RetryProperties.Instance instance,
			SettingSource source) {
		values.put(RetrySetting.MAX_ATTEMPTS, instance.getMaxAttempts(), source);
		values.put(RetrySetting.WAIT_DURATION, instance.getWaitDuration(), source);
		values.put(RetrySetting.MULTIPLIER, instance.getMultiplier(), source);
		values.put(RetrySetting.MAX_WAIT_DURATION, instance.getMaxWaitDuration(), source);
		values.putTypes(RetrySetting.RETRY_EXCEPTIONS, instance.getRetryExceptions(), source);
		values.putTypes(RetrySetting.IGNORE_EXCEPTIONS, instance.getIgnoreExceptions(), source);
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
