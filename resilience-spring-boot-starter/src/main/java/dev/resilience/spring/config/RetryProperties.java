package dev.resilience.spring.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.resilience.core.retry.Jitter;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * Retry settings bound from {@code resilience.retries.*}.
 * <p>
 * Settings come in three groups: {@code defaults} for every retry instance, named templates under
 * {@code configs.<template>}, and {@code instances.<name>} for one retry instance. A template or an
 * instance may name a template in {@code base-config} and inherits every setting it leaves unset
 * from that template, through any number of levels. For one retry instance the settings are
 * resolved from weakest to strongest: the built-in defaults of {@code RetryConfig},
 * {@code defaults}, the attributes of {@code @Retryable}, the templates of the instance from the
 * most distant to the nearest, and the instance itself. A list replaces the list of a weaker source
 * instead of adding to it.
 * <p>
 * Durations accept {@code 500ms}, {@code 2s} and {@code PT0.5S}. A number without unit is
 * milliseconds.
 * <p>
 * This class is a mutable JavaBean for the binder and is not thread-safe. It is read only after
 * binding has finished.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("resilience.retries")
public class RetryProperties {

	/**
	 * Settings shared by every retry instance, overridden by annotation attributes, templates and
	 * instances.
	 */
	private final Defaults defaults = new Defaults();

	/**
	 * Named templates of settings that instances and other templates inherit through base-config.
	 */
	private final Map<String, Instance> configs = new LinkedHashMap<>();

	/**
	 * Settings per retry instance name, overriding annotation attributes and defaults.
	 */
	private final Map<String, Instance> instances = new LinkedHashMap<>();

	public Defaults getDefaults() {
		return this.defaults;
	}

	public Map<String, Instance> getConfigs() {
		return this.configs;
	}

	public Map<String, Instance> getInstances() {
		return this.instances;
	}

	/**
	 * The settings that every group can set, read by {@link RetryConfigResolver}. A {@code null}
	 * value is unset.
	 */
	interface Settings {

		Integer getMaxAttempts();

		Duration getWaitDuration();

		Double getMultiplier();

		Duration getMaxWaitDuration();

		Jitter getJitter();

		Duration getMaxDuration();

		Boolean getMatchCauses();

		List<Class<? extends Throwable>> getRetryExceptions();

		List<Class<? extends Throwable>> getIgnoreExceptions();

	}

	/**
	 * Settings shared by every retry instance. The initial values are the built-in defaults.
	 */
	public static class Defaults implements Settings {

		/**
		 * Maximum number of attempts, the first call included, at least 1. 1 turns retrying off.
		 */
		private Integer maxAttempts = 3;

		/**
		 * Wait before the second attempt, from 0 to 1 day. A number without unit is milliseconds.
		 */
		@DurationUnit(ChronoUnit.MILLIS)
		private Duration waitDuration = Duration.ofMillis(500);

		/**
		 * Factor, at least 1, applied to the wait after each failed attempt. 1 keeps the wait fixed.
		 */
		private Double multiplier = 1.0;

		/**
		 * Upper bound for the wait as the multiplier makes it grow, from wait-duration to 1 day. When
		 * unset, the wait is capped at 1 day. A number without unit is milliseconds.
		 */
		@DurationUnit(ChronoUnit.MILLIS)
		private Duration maxWaitDuration;

		/**
		 * Random spread of each wait: none, full (0 to the wait), equal (half the wait to the wait) or
		 * decorrelated (the first wait to three times the previous wait).
		 */
		private Jitter jitter = Jitter.NONE;

		/**
		 * Overall deadline of one call with all its attempts, measured from the start of the first
		 * attempt. No retry starts whose wait would end after it. 0 means no deadline. A number without
		 * unit is milliseconds.
		 */
		@DurationUnit(ChronoUnit.MILLIS)
		private Duration maxDuration = Duration.ZERO;

		/**
		 * Whether retry-exceptions and ignore-exceptions also match the causes of an exception, not only
		 * the exception itself.
		 */
		private Boolean matchCauses = false;

		/**
		 * Exceptions, subclasses included, that are retried, as fully qualified class names. Empty
		 * retries every exception that is not ignored.
		 */
		private List<Class<? extends Throwable>> retryExceptions = new ArrayList<>();

		/**
		 * Exceptions, subclasses included, that are never retried, as fully qualified class names. They
		 * reach the caller unchanged, without a fallback, and take precedence over retry-exceptions.
		 */
		private List<Class<? extends Throwable>> ignoreExceptions = new ArrayList<>();

		@Override
		public Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		@Override
		public Duration getWaitDuration() {
			return this.waitDuration;
		}

		public void setWaitDuration(Duration waitDuration) {
			this.waitDuration = waitDuration;
		}

		@Override
		public Double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(Double multiplier) {
			this.multiplier = multiplier;
		}

		@Override
		public Duration getMaxWaitDuration() {
			return this.maxWaitDuration;
		}

		public void setMaxWaitDuration(Duration maxWaitDuration) {
			this.maxWaitDuration = maxWaitDuration;
		}

		@Override
		public Jitter getJitter() {
			return this.jitter;
		}

		public void setJitter(Jitter jitter) {
			this.jitter = jitter;
		}

		@Override
		public Duration getMaxDuration() {
			return this.maxDuration;
		}

		public void setMaxDuration(Duration maxDuration) {
			this.maxDuration = maxDuration;
		}

		@Override
		public Boolean getMatchCauses() {
			return this.matchCauses;
		}

		public void setMatchCauses(Boolean matchCauses) {
			this.matchCauses = matchCauses;
		}

		@Override
		public List<Class<? extends Throwable>> getRetryExceptions() {
			return this.retryExceptions;
		}

		public void setRetryExceptions(List<Class<? extends Throwable>> retryExceptions) {
			this.retryExceptions = retryExceptions;
		}

		@Override
		public List<Class<? extends Throwable>> getIgnoreExceptions() {
			return this.ignoreExceptions;
		}

		public void setIgnoreExceptions(List<Class<? extends Throwable>> ignoreExceptions) {
			this.ignoreExceptions = ignoreExceptions;
		}

	}

	/**
	 * Settings of one retry instance or of one template. A {@code null} value is unset and leaves
	 * the weaker sources in effect.
	 */
	public static class Instance implements Settings {

		/**
		 * Name of a template under resilience.retries.configs whose settings this group inherits.
		 * Settings set here win over the template's.
		 */
		private String baseConfig;

		/**
		 * Maximum number of attempts, the first call included, at least 1. 1 turns retrying off.
		 */
		private Integer maxAttempts;

		/**
		 * Wait before the second attempt, from 0 to 1 day. A number without unit is milliseconds.
		 */
		@DurationUnit(ChronoUnit.MILLIS)
		private Duration waitDuration;

		/**
		 * Factor, at least 1, applied to the wait after each failed attempt. 1 keeps the wait fixed.
		 */
		private Double multiplier;

		/**
		 * Upper bound for the wait as the multiplier makes it grow, from wait-duration to 1 day. When
		 * unset, the wait is capped at 1 day. A number without unit is milliseconds.
		 */
		@DurationUnit(ChronoUnit.MILLIS)
		private Duration maxWaitDuration;

		/**
		 * Random spread of each wait: none, full (0 to the wait), equal (half the wait to the wait) or
		 * decorrelated (the first wait to three times the previous wait).
		 */
		private Jitter jitter;

		/**
		 * Overall deadline of one call with all its attempts, measured from the start of the first
		 * attempt. No retry starts whose wait would end after it. 0 means no deadline. A number without
		 * unit is milliseconds.
		 */
		@DurationUnit(ChronoUnit.MILLIS)
		private Duration maxDuration;

		/**
		 * Whether retry-exceptions and ignore-exceptions also match the causes of an exception, not only
		 * the exception itself.
		 */
		private Boolean matchCauses;

		/**
		 * Exceptions, subclasses included, that are retried, as fully qualified class names. Empty
		 * retries every exception that is not ignored.
		 */
		private List<Class<? extends Throwable>> retryExceptions;

		/**
		 * Exceptions, subclasses included, that are never retried, as fully qualified class names. They
		 * reach the caller unchanged, without a fallback, and take precedence over retry-exceptions.
		 */
		private List<Class<? extends Throwable>> ignoreExceptions;

		public String getBaseConfig() {
			return this.baseConfig;
		}

		public void setBaseConfig(String baseConfig) {
			this.baseConfig = baseConfig;
		}

		@Override
		public Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		@Override
		public Duration getWaitDuration() {
			return this.waitDuration;
		}

		public void setWaitDuration(Duration waitDuration) {
			this.waitDuration = waitDuration;
		}

		@Override
		public Double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(Double multiplier) {
			this.multiplier = multiplier;
		}

		@Override
		public Duration getMaxWaitDuration() {
			return this.maxWaitDuration;
		}

		public void setMaxWaitDuration(Duration maxWaitDuration) {
			this.maxWaitDuration = maxWaitDuration;
		}

		@Override
		public Jitter getJitter() {
			return this.jitter;
		}

		public void setJitter(Jitter jitter) {
			this.jitter = jitter;
		}

		@Override
		public Duration getMaxDuration() {
			return this.maxDuration;
		}

		public void setMaxDuration(Duration maxDuration) {
			this.maxDuration = maxDuration;
		}

		@Override
		public Boolean getMatchCauses() {
			return this.matchCauses;
		}

		public void setMatchCauses(Boolean matchCauses) {
			this.matchCauses = matchCauses;
		}

		@Override
		public List<Class<? extends Throwable>> getRetryExceptions() {
			return this.retryExceptions;
		}

		public void setRetryExceptions(List<Class<? extends Throwable>> retryExceptions) {
			this.retryExceptions = retryExceptions;
		}

		@Override
		public List<Class<? extends Throwable>> getIgnoreExceptions() {
			return this.ignoreExceptions;
		}

		public void setIgnoreExceptions(List<Class<? extends Throwable>> ignoreExceptions) {
			this.ignoreExceptions = ignoreExceptions;
		}

	}

}
