package dev.resilience.spring.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Circuit breaker settings bound from {@code resilience.breakers.*}.
 * <p>
 * For one breaker the settings are resolved from weakest to strongest: the built-in defaults of
 * {@code CircuitBreakerConfig}, {@code resilience.breakers.defaults.*}, the attributes of
 * {@code @CircuitGuarded}, and {@code resilience.breakers.instances.<name>.*}. Durations without a
 * unit are read as milliseconds.
 * <p>
 * This class is a mutable JavaBean for the binder and is not thread-safe. It is read only after
 * binding has finished.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("resilience.breakers")
public class BreakerProperties {

	/**
	 * Settings shared by every circuit breaker, overridden by annotation attributes and instances.
	 */
	private final Defaults defaults = new Defaults();

	/**
	 * Settings per circuit breaker name, overriding annotation attributes and defaults.
	 */
	private final Map<String, Instance> instances = new LinkedHashMap<>();

	public Defaults getDefaults() {
		return this.defaults;
	}

	public Map<String, Instance> getInstances() {
		return this.instances;
	}

	/**
	 * Settings shared by every circuit breaker. The initial values are the built-in defaults.
	 */
	public static class Defaults {

		/**
		 * Failure rate in percent, greater than 0 and at most 100, at or above which a breaker
		 * opens.
		 */
		private Float failureRateThreshold = 50f;

		/**
		 * Number of calls in the sliding window.
		 */
		private Integer slidingWindowSize = 100;

		/**
		 * Number of calls the window must hold before a failure rate is computed. When unset, 100,
		 * or the sliding window size when that is smaller.
		 */
		private Integer minimumNumberOfCalls;

		/**
		 * Time a breaker stays open before it lets trial calls through.
		 */
		private Duration waitDurationInOpenState = Duration.ofSeconds(60);

		/**
		 * Number of trial calls permitted in the half-open state.
		 */
		private Integer permittedNumberOfCallsInHalfOpenState = 10;

		/**
		 * Exceptions, subclasses included, recorded as failures. Empty records every exception
		 * that is not ignored.
		 */
		private List<Class<? extends Throwable>> recordExceptions = new ArrayList<>();

		/**
		 * Exceptions, subclasses included, recorded neither as success nor as failure. They reach
		 * the caller unchanged, without a fallback.
		 */
		private List<Class<? extends Throwable>> ignoreExceptions = new ArrayList<>();

		public Float getFailureRateThreshold() {
			return this.failureRateThreshold;
		}

		public void setFailureRateThreshold(Float failureRateThreshold) {
			this.failureRateThreshold = failureRateThreshold;
		}

		public Integer getSlidingWindowSize() {
			return this.slidingWindowSize;
		}

		public void setSlidingWindowSize(Integer slidingWindowSize) {
			this.slidingWindowSize = slidingWindowSize;
		}

		public Integer getMinimumNumberOfCalls() {
			return this.minimumNumberOfCalls;
		}

		public void setMinimumNumberOfCalls(Integer minimumNumberOfCalls) {
			this.minimumNumberOfCalls = minimumNumberOfCalls;
		}

		public Duration getWaitDurationInOpenState() {
			return this.waitDurationInOpenState;
		}

		public void setWaitDurationInOpenState(Duration waitDurationInOpenState) {
			this.waitDurationInOpenState = waitDurationInOpenState;
		}

		public Integer getPermittedNumberOfCallsInHalfOpenState() {
			return this.permittedNumberOfCallsInHalfOpenState;
		}

		public void setPermittedNumberOfCallsInHalfOpenState(Integer permittedNumberOfCallsInHalfOpenState) {
			this.permittedNumberOfCallsInHalfOpenState = permittedNumberOfCallsInHalfOpenState;
		}

		public List<Class<? extends Throwable>> getRecordExceptions() {
			return this.recordExceptions;
		}

		public void setRecordExceptions(List<Class<? extends Throwable>> recordExceptions) {
			this.recordExceptions = recordExceptions;
		}

		public List<Class<? extends Throwable>> getIgnoreExceptions() {
			return this.ignoreExceptions;
		}

		public void setIgnoreExceptions(List<Class<? extends Throwable>> ignoreExceptions) {
			this.ignoreExceptions = ignoreExceptions;
		}

	}

	/**
	 * Settings of one circuit breaker. A {@code null} value is unset and leaves the weaker
	 * sources in effect.
	 */
	public static class Instance {

		/**
		 * Failure rate in percent, greater than 0 and at most 100, at or above which the breaker
		 * opens.
		 */
		private Float failureRateThreshold;

		/**
		 * Number of calls in the sliding window.
		 */
		private Integer slidingWindowSize;

		/**
		 * Number of calls the window must hold before a failure rate is computed.
		 */
		private Integer minimumNumberOfCalls;

		/**
		 * Time the breaker stays open before it lets trial calls through.
		 */
		private Duration waitDurationInOpenState;

		/**
		 * Number of trial calls permitted in the half-open state.
		 */
		private Integer permittedNumberOfCallsInHalfOpenState;

		/**
		 * Exceptions, subclasses included, recorded as failures. Empty records every exception
		 * that is not ignored.
		 */
		private List<Class<? extends Throwable>> recordExceptions;

		/**
		 * Exceptions, subclasses included, recorded neither as success nor as failure.
		 */
		private List<Class<? extends Throwable>> ignoreExceptions;

		public Float getFailureRateThreshold() {
			return this.failureRateThreshold;
		}

		public void setFailureRateThreshold(Float failureRateThreshold) {
			this.failureRateThreshold = failureRateThreshold;
		}

		public Integer getSlidingWindowSize() {
			return this.slidingWindowSize;
		}

		public void setSlidingWindowSize(Integer slidingWindowSize) {
			this.slidingWindowSize = slidingWindowSize;
		}

		public Integer getMinimumNumberOfCalls() {
			return this.minimumNumberOfCalls;
		}

		public void setMinimumNumberOfCalls(Integer minimumNumberOfCalls) {
			this.minimumNumberOfCalls = minimumNumberOfCalls;
		}

		public Duration getWaitDurationInOpenState() {
			return this.waitDurationInOpenState;
		}

		public void setWaitDurationInOpenState(Duration waitDurationInOpenState) {
			this.waitDurationInOpenState = waitDurationInOpenState;
		}

		public Integer getPermittedNumberOfCallsInHalfOpenState() {
			return this.permittedNumberOfCallsInHalfOpenState;
		}

		public void setPermittedNumberOfCallsInHalfOpenState(Integer permittedNumberOfCallsInHalfOpenState) {
			this.permittedNumberOfCallsInHalfOpenState = permittedNumberOfCallsInHalfOpenState;
		}

		public List<Class<? extends Throwable>> getRecordExceptions() {
			return this.recordExceptions;
		}

		public void setRecordExceptions(List<Class<? extends Throwable>> recordExceptions) {
			this.recordExceptions = recordExceptions;
		}

		public List<Class<? extends Throwable>> getIgnoreExceptions() {
			return this.ignoreExceptions;
		}

		public void setIgnoreExceptions(List<Class<? extends Throwable>> ignoreExceptions) {
			this.ignoreExceptions = ignoreExceptions;
		}

	}

}
