package dev.resilience.spring.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Retry settings bound from {@code resilience.retries.*}.
 * <p>
 * For one retry instance the settings are resolved from weakest to strongest: the built-in
 * defaults of {@code RetryConfig}, {@code resilience.retries.defaults.*}, the attributes of
 * {@code @Retryable}, and {@code resilience.retries.instances.<name>.*}. Durations without a unit
 * are read as milliseconds.
 * <p>
 * This class is a mutable JavaBean for the binder and is not thread-safe. It is read only after
 * binding has finished.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("resilience.retries")
public class RetryProperties {

	/**
	 * Settings shared by every retry instance, overridden by annotation attributes and instances.
	 */
	private final Defaults defaults = new Defaults();

	/**
	 * Settings per retry instance name, overriding annotation attributes and defaults.
	 */
	private final Map<String, Instance> instances = new LinkedHashMap<>();

	public Defaults getDefaults() {
		return this.defaults;
	}

	public Map<String, Instance> getInstances() {
		return this.instances;
	}

	/**
	 * Settings shared by every retry instance. The initial values are the built-in defaults.
	 */
	public static class Defaults {

		/**
		 * Maximum number of attempts, the first call included.
		 */
		private Integer maxAttempts = 3;

		/**
		 * Wait before the second attempt.
		 */
		private Duration waitDuration = Duration.ofMillis(500);

		/**
		 * Factor applied to the wait after each failed attempt. 1 keeps the wait fixed.
		 */
		private Double multiplier = 1.0;

		/**
		 * Upper bound for the wait between attempts when the multiplier is above 1. When unset,
		 * the wait is not capped.
		 */
		private Duration maxWaitDuration;

		/**
		 * Exceptions, subclasses included, that are retried. Empty retries every exception that is
		 * not ignored.
		 */
		private List<Class<? extends Throwable>> retryExceptions = new ArrayList<>();

		/**
		 * Exceptions, subclasses included, that are never retried. They reach the caller
		 * unchanged, without a fallback, and take precedence over retry-exceptions.
		 */
		private List<Class<? extends Throwable>> ignoreExceptions = new ArrayList<>();

		public Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getWaitDuration() {
			return this.waitDuration;
		}

		public void setWaitDuration(Duration waitDuration) {
			this.waitDuration = waitDuration;
		}

		public Double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(Double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxWaitDuration() {
			return this.maxWaitDuration;
		}

		public void setMaxWaitDuration(Duration maxWaitDuration) {
			this.maxWaitDuration = maxWaitDuration;
		}

		public List<Class<? extends Throwable>> getRetryExceptions() {
			return this.retryExceptions;
		}

		public void setRetryExceptions(List<Class<? extends Throwable>> retryExceptions) {
			this.retryExceptions = retryExceptions;
		}

		public List<Class<? extends Throwable>> getIgnoreExceptions() {
			return this.ignoreExceptions;
		}

		public void setIgnoreExceptions(List<Class<? extends Throwable>> ignoreExceptions) {
			this.ignoreExceptions = ignoreExceptions;
		}

	}

	/**
	 * Settings of one retry instance. A {@code null} value is unset and leaves the weaker sources
	 * in effect.
	 */
	public static class Instance {

		/**
		 * Maximum number of attempts, the first call included.
		 */
		private Integer maxAttempts;

		/**
		 * Wait before the second attempt.
		 */
		private Duration waitDuration;

		/**
		 * Factor applied to the wait after each failed attempt. 1 keeps the wait fixed.
		 */
		private Double multiplier;

		/**
		 * Upper bound for the wait between attempts when the multiplier is above 1.
		 */
		private Duration maxWaitDuration;

		/**
		 * Exceptions, subclasses included, that are retried. Empty retries every exception that is
		 * not ignored.
		 */
		private List<Class<? extends Throwable>> retryExceptions;

		/**
		 * Exceptions, subclasses included, that are never retried.
		 */
		private List<Class<? extends Throwable>> ignoreExceptions;

		public Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getWaitDuration() {
			return this.waitDuration;
		}

		public void setWaitDuration(Duration waitDuration) {
			this.waitDuration = waitDuration;
		}

		public Double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(Double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxWaitDuration() {
			return this.maxWaitDuration;
		}

		public void setMaxWaitDuration(Duration maxWaitDuration) {
			this.maxWaitDuration = maxWaitDuration;
		}

		public List<Class<? extends Throwable>> getRetryExceptions() {
			return this.retryExceptions;
		}

		public void setRetryExceptions(List<Class<? extends Throwable>> retryExceptions) {
			this.retryExceptions = retryExceptions;
		}

		public List<Class<? extends Throwable>> getIgnoreExceptions() {
			return this.ignoreExceptions;
		}

		public void setIgnoreExceptions(List<Class<? extends Throwable>> ignoreExceptions) {
			this.ignoreExceptions = ignoreExceptions;
		}

	}

}
