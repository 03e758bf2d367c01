package dev.resilience.spring.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.resilience.core.breaker.SlidingWindowType;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * Circuit breaker settings bound from {@code resilience.breakers.*}.
 * <p>
 * Settings come in three groups: {@code defaults} for every breaker, named templates under
 * {@code configs.<template>}, and {@code instances.<name>} for one breaker. A template or an
 * instance may name a template in {@code base-config} and inherits every setting it leaves unset
 * from that template, through any number of levels. For one breaker the settings are resolved
 * from weakest to strongest: the built-in defaults of {@code CircuitBreakerConfig},
 * {@code defaults}, the attributes of {@code @CircuitGuarded}, the templates of the instance from
 * the most distant to the nearest, and the instance itself. A list replaces the list of a weaker
 * source instead of adding to it.
 * <p>
 * Durations accept {@code 500ms}, {@code 2s} and {@code PT0.5S}. A number without unit is seconds
 * for {@code sliding-window-duration} and milliseconds for every other duration.
 * <p>
 * This class is a mutable JavaBean for the binder and is not thread-safe. It is read only after
 * binding has finished.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("resilience.breakers")
public class BreakerProperties {

	/**
	 * Settings shared by every circuit breaker, overridden by annotation attributes, templates and
	 * instances.
	 */
	private final Defaults defaults = new Defaults();

	/**
	 * Named templates of settings that instances and other templates inherit through base-config.
	 */
	private final Map<String, Instance> configs = new LinkedHashMap<>();

	/**
	 * Settings per circuit breaker name, overriding annotation attributes and defaults.
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
	 * The settings that every group can set, read by {@link BreakerConfigResolver}. A {@code null}
	 * value is unset.
	 */
	interface Settings {

		SlidingWindowType getSlidingWindowType();

		Integer getSlidingWindowSize();

		Duration getSlidingWindowDuration();

		Integer getMinimumNumberOfCalls();

		Float getFailureRateThreshold();

		Float getSlowCallRateThreshold();

		Duration getSlowCallDurationThreshold();

		Duration getWaitDurationInOpenState();

		Double getWaitDurationInOpenStateMultiplier();

		Duration getMaxWaitDurationInOpenState();

		Double getWaitDurationInOpenStateJitter();

		Boolean getAutomaticTransitionFromOpenToHalfOpen();

		Integer getPermittedNumberOfCallsInHalfOpenState();

		Duration getMaxWaitDurationInHalfOpenState();

		List<Class<? extends Throwable>> getRecordExceptions();

		List<Class<? extends Throwable>> getIgnoreExceptions();

	}

	/**
	 * Settings shared by every circuit breaker. The initial values are the built-in defaults.
	 */
	public static class Defaults implements Settings {

		/**
		 * Kind of sliding window: count-based keeps the last sliding-window-size calls, and time-based
		 * keeps the calls that ended during the last sliding-window-duration.
		 */
		private SlidingWindowType slidingWindowType = SlidingWindowType.COUNT_BASED;

		/**
		 * Number of calls in a count-based sliding window, from 1 to 524288.
		 */
		private Integer slidingWindowSize = 100;

		/**
		 * Span of a time-based sliding window, a whole number of seconds from 1s to 1 day. A number
		 * without unit is seconds.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration slidingWindowDuration = Duration.ofSeconds(60);

		/**
		 * Number of calls the window must hold before a failure rate or slow-call rate is computed. When
		 * no source sets it, it is 100, or the sliding window size when a count-based window is smaller.
		 */
		private Integer minimumNumberOfCalls;

		/**
		 * Failure rate in percent, greater than 0 and at most 100, at or above which the breaker opens.
		 */
		private Float failureRateThreshold = 50f;

		/**
		 * Slow-call rate in percent, greater than 0 and at most 100, at or above which the breaker opens.
		 */
		private Float slowCallRateThreshold = 100f;

		/**
		 * Duration above which a call counts as slow. A number without unit is milliseconds.
		 */
		@DurationUnit(ChronoUnit.MILLIS)
		private Duration slowCallDurationThreshold = Duration.ofSeconds(60);

		/**
		 * Time the breaker stays open before it lets trial calls through. A number without unit is
		 * milliseconds.
		 */
		@DurationUnit(ChronoUnit.MILLIS)
		private Duration waitDurationInOpenState = Duration.ofSeconds(60);

		/**
		 * Factor, at least 1, applied to the open wait each time the breaker reopens from half-open. 1
		 * keeps the wait constant.
		 */
		private Double waitDurationInOpenStateMultiplier = 1.0;

		/**
		 * Upper bound for the open wait as the multiplier makes it grow, no shorter than wait-duration-
		 * in-open-state. When unset, the wait is not capped. A number without unit is milliseconds.
		 */
		@DurationUnit(ChronoUnit.MILLIS)
		private Duration maxWaitDurationInOpenState;

		/**
		 * Fraction, from 0 up to but excluding 1, by which each open wait is spread at random. 0.2
		 * spreads it over plus or minus 20 percent.
		 */
		private Double waitDurationInOpenStateJitter = 0.0;

		/**
		 * Whether a scheduled task moves the breaker to half-open as soon as the open wait has passed,
		 * instead of the first call after it.
		 */
		private Boolean automaticTransitionFromOpenToHalfOpen = false;

		/**
		 * Number of trial calls permitted in the half-open state, from 1 to 65535.
		 */
		private Integer permittedNumberOfCallsInHalfOpenState = 10;

		/**
		 * Maximum time the breaker stays half-open before it opens again. 0 means no limit. A number
		 * without unit is milliseconds.
		 */
		@DurationUnit(ChronoUnit.MILLIS)
		private Duration maxWaitDurationInHalfOpenState = Duration.ZERO;

		/**
		 * Exceptions, subclasses included, recorded as failures, as fully qualified class names. Empty
		 * records every exception that is not ignored.
		 */
		private List<Class<? extends Throwable>> recordExceptions = new ArrayList<>();

		/**
		 * Exceptions, subclasses included, recorded neither as success nor as failure, as fully qualified
		 * class names. They reach the caller unchanged, without a fallback.
		 */
		private List<Class<? extends Throwable>> ignoreExceptions = new ArrayList<>();

		@Override
		public SlidingWindowType getSlidingWindowType() {
			return this.slidingWindowType;
		}

		public void setSlidingWindowType(SlidingWindowType slidingWindowType) {
			this.slidingWindowType = slidingWindowType;
		}

		@Override
		public Integer getSlidingWindowSize() {
			return this.slidingWindowSize;
		}

		public void setSlidingWindowSize(Integer slidingWindowSize) {
			this.slidingWindowSize = slidingWindowSize;
		}

		@Override
		public Duration getSlidingWindowDuration() {
			return this.slidingWindowDuration;
		}

		public void setSlidingWindowDuration(Duration slidingWindowDuration) {
			this.slidingWindowDuration = slidingWindowDuration;
		}

		@Override
		public Integer getMinimumNumberOfCalls() {
			return this.minimumNumberOfCalls;
		}

		public void setMinimumNumberOfCalls(Integer minimumNumberOfCalls) {
			this.minimumNumberOfCalls = minimumNumberOfCalls;
		}

		@Override
		public Float getFailureRateThreshold() {
			return this.failureRateThreshold;
		}

		public void setFailureRateThreshold(Float failureRateThreshold) {
			this.failureRateThreshold = failureRateThreshold;
		}

		@Override
		public Float getSlowCallRateThreshold() {
			return this.slowCallRateThreshold;
		}

		public void setSlowCallRateThreshold(Float slowCallRateThreshold) {
			this.slowCallRateThreshold = slowCallRateThreshold;
		}

		@Override
		public Duration getSlowCallDurationThreshold() {
			return this.slowCallDurationThreshold;
		}

		public void setSlowCallDurationThreshold(Duration slowCallDurationThreshold) {
			this.slowCallDurationThreshold = slowCallDurationThreshold;
		}

		@Override
		public Duration getWaitDurationInOpenState() {
			return this.waitDurationInOpenState;
		}

		public void setWaitDurationInOpenState(Duration waitDurationInOpenState) {
			this.waitDurationInOpenState = waitDurationInOpenState;
		}

		@Override
		public Double getWaitDurationInOpenStateMultiplier() {
			return this.waitDurationInOpenStateMultiplier;
		}

		public void setWaitDurationInOpenStateMultiplier(Double waitDurationInOpenStateMultiplier) {
			this.waitDurationInOpenStateMultiplier = waitDurationInOpenStateMultiplier;
		}

		@Override
		public Duration getMaxWaitDurationInOpenState() {
			return this.maxWaitDurationInOpenState;
		}

		public void setMaxWaitDurationInOpenState(Duration maxWaitDurationInOpenState) {
			this.maxWaitDurationInOpenState = maxWaitDurationInOpenState;
		}

		@Override
		public Double getWaitDurationInOpenStateJitter() {
			return this.waitDurationInOpenStateJitter;
		}

		public void setWaitDurationInOpenStateJitter(Double waitDurationInOpenStateJitter) {
			this.waitDurationInOpenStateJitter = waitDurationInOpenStateJitter;
		}

		@Override
		public Boolean getAutomaticTransitionFromOpenToHalfOpen() {
			return this.automaticTransitionFromOpenToHalfOpen;
		}

		public void setAutomaticTransitionFromOpenToHalfOpen(Boolean automaticTransitionFromOpenToHalfOpen) {
			this.automaticTransitionFromOpenToHalfOpen = automaticTransitionFromOpenToHalfOpen;
		}

		@Override
		public Integer getPermittedNumberOfCallsInHalfOpenState() {
			return this.permittedNumberOfCallsInHalfOpenState;
		}

		public void setPermittedNumberOfCallsInHalfOpenState(Integer permittedNumberOfCallsInHalfOpenState) {
			this.permittedNumberOfCallsInHalfOpenState = permittedNumberOfCallsInHalfOpenState;
		}

		@Override
		public Duration getMaxWaitDurationInHalfOpenState() {
			return this.maxWaitDurationInHalfOpenState;
		}

		public void setMaxWaitDurationInHalfOpenState(Duration maxWaitDurationInHalfOpenState) {
			this.maxWaitDurationInHalfOpenState = maxWaitDurationInHalfOpenState;
		}

		@Override
		public List<Class<? extends Throwable>> getRecordExceptions() {
			return this.recordExceptions;
		}

		public void setRecordExceptions(List<Class<? extends Throwable>> recordExceptions) {
			this.recordExceptions = recordExceptions;
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
	 * Settings of one circuit breaker or of one template. A {@code null} value is unset and leaves
	 * the weaker sources in effect.
	 */
	public static class Instance implements Settings {

		/**
		 * Name of a template under resilience.breakers.configs whose settings this group inherits.
		 * Settings set here win over the template's.
		 */
		private String baseConfig;

		/**
		 * Kind of sliding window: count-based keeps the last sliding-window-size calls, and time-based
		 * keeps the calls that ended during the last sliding-window-duration.
		 */
		private SlidingWindowType slidingWindowType;

		/**
		 * Number of calls in a count-based sliding window, from 1 to 524288.
		 */
		private Integer slidingWindowSize;

		/**
		 * Span of a time-based sliding window, a whole number of seconds from 1s to 1 day. A number
		 * without unit is seconds.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration slidingWindowDuration;

		/**
		 * Number of calls the window must hold before a failure rate or slow-call rate is computed. When
		 * no source sets it, it is 100, or the sliding window size when a count-based window is smaller.
		 */
		private Integer minimumNumberOfCalls;

		/**
		 * Failure rate in percent, greater than 0 and at most 100, at or above which the breaker opens.
		 */
		private Float failureRateThreshold;

		/**
		 * Slow-call rate in percent, greater than 0 and at most 100, at or above which the breaker opens.
		 */
		private Float slowCallRateThreshold;

		/**
		 * Duration above which a call counts as slow. A number without unit is milliseconds.
		 */
		@DurationUnit(ChronoUnit.MILLIS)
		private Duration slowCallDurationThreshold;

		/**
		 * Time the breaker stays open before it lets trial calls through. A number without unit is
		 * milliseconds.
		 */
		@DurationUnit(ChronoUnit.MILLIS)
		private Duration waitDurationInOpenState;

		/**
		 * Factor, at least 1, applied to the open wait each time the breaker reopens from half-open. 1
		 * keeps the wait constant.
		 */
		private Double waitDurationInOpenStateMultiplier;

		/**
		 * Upper bound for the open wait as the multiplier makes it grow, no shorter than wait-duration-
		 * in-open-state. When unset, the wait is not capped. A number without unit is milliseconds.
		 */
		@DurationUnit(ChronoUnit.MILLIS)
		private Duration maxWaitDurationInOpenState;

		/**
		 * Fraction, from 0 up to but excluding 1, by which each open wait is spread at random. 0.2
		 * spreads it over plus or minus 20 percent.
		 */
		private Double waitDurationInOpenStateJitter;

		/**
		 * Whether a scheduled task moves the breaker to half-open as soon as the open wait has passed,
		 * instead of the first call after it.
		 */
		private Boolean automaticTransitionFromOpenToHalfOpen;

		/**
		 * Number of trial calls permitted in the half-open state, from 1 to 65535.
		 */
		private Integer permittedNumberOfCallsInHalfOpenState;

		/**
		 * Maximum time the breaker stays half-open before it opens again. 0 means no limit. A number
		 * without unit is milliseconds.
		 */
		@DurationUnit(ChronoUnit.MILLIS)
		private Duration maxWaitDurationInHalfOpenState;

		/**
		 * Exceptions, subclasses included, recorded as failures, as fully qualified class names. Empty
		 * records every exception that is not ignored.
		 */
		private List<Class<? extends Throwable>> recordExceptions;

		/**
		 * Exceptions, subclasses included, recorded neither as success nor as failure, as fully qualified
		 * class names. They reach the caller unchanged, without a fallback.
		 */
		private List<Class<? extends Throwable>> ignoreExceptions;

		public String getBaseConfig() {
			return this.baseConfig;
		}

		public void setBaseConfig(String baseConfig) {
			this.baseConfig = baseConfig;
		}

		@Override
		public SlidingWindowType getSlidingWindowType() {
			return this.slidingWindowType;
		}

		public void setSlidingWindowType(SlidingWindowType slidingWindowType) {
			this.slidingWindowType = slidingWindowType;
		}

		@Override
		public Integer getSlidingWindowSize() {
			return this.slidingWindowSize;
		}

		public void setSlidingWindowSize(Integer slidingWindowSize) {
			this.slidingWindowSize = slidingWindowSize;
		}

		@Override
		public Duration getSlidingWindowDuration() {
			return this.slidingWindowDuration;
		}

		public void setSlidingWindowDuration(Duration slidingWindowDuration) {
			this.slidingWindowDuration = slidingWindowDuration;
		}

		@Override
		public Integer getMinimumNumberOfCalls() {
			return this.minimumNumberOfCalls;
		}

		public void setMinimumNumberOfCalls(Integer minimumNumberOfCalls) {
			this.minimumNumberOfCalls = minimumNumberOfCalls;
		}

		@Override
		public Float getFailureRateThreshold() {
			return this.failureRateThreshold;
		}

		public void setFailureRateThreshold(Float failureRateThreshold) {
			this.failureRateThreshold = failureRateThreshold;
		}

		@Override
		public Float getSlowCallRateThreshold() {
			return this.slowCallRateThreshold;
		}

		public void setSlowCallRateThreshold(Float slowCallRateThreshold) {
			this.slowCallRateThreshold = slowCallRateThreshold;
		}

		@Override
		public Duration getSlowCallDurationThreshold() {
			return this.slowCallDurationThreshold;
		}

		public void setSlowCallDurationThreshold(Duration slowCallDurationThreshold) {
			this.slowCallDurationThreshold = slowCallDurationThreshold;
		}

		@Override
		public Duration getWaitDurationInOpenState() {
			return this.waitDurationInOpenState;
		}

		public void setWaitDurationInOpenState(Duration waitDurationInOpenState) {
			this.waitDurationInOpenState = waitDurationInOpenState;
		}

		@Override
		public Double getWaitDurationInOpenStateMultiplier() {
			return this.waitDurationInOpenStateMultiplier;
		}

		public void setWaitDurationInOpenStateMultiplier(Double waitDurationInOpenStateMultiplier) {
			this.waitDurationInOpenStateMultiplier = waitDurationInOpenStateMultiplier;
		}

		@Override
		public Duration getMaxWaitDurationInOpenState() {
			return this.maxWaitDurationInOpenState;
		}

		public void setMaxWaitDurationInOpenState(Duration maxWaitDurationInOpenState) {
			this.maxWaitDurationInOpenState = maxWaitDurationInOpenState;
		}

		@Override
		public Double getWaitDurationInOpenStateJitter() {
			return this.waitDurationInOpenStateJitter;
		}

		public void setWaitDurationInOpenStateJitter(Double waitDurationInOpenStateJitter) {
			this.waitDurationInOpenStateJitter = waitDurationInOpenStateJitter;
		}

		@Override
		public Boolean getAutomaticTransitionFromOpenToHalfOpen() {
			return this.automaticTransitionFromOpenToHalfOpen;
		}

		public void setAutomaticTransitionFromOpenToHalfOpen(Boolean automaticTransitionFromOpenToHalfOpen) {
			this.automaticTransitionFromOpenToHalfOpen = automaticTransitionFromOpenToHalfOpen;
		}

		@Override
		public Integer getPermittedNumberOfCallsInHalfOpenState() {
			return this.permittedNumberOfCallsInHalfOpenState;
		}

		public void setPermittedNumberOfCallsInHalfOpenState(Integer permittedNumberOfCallsInHalfOpenState) {
			this.permittedNumberOfCallsInHalfOpenState = permittedNumberOfCallsInHalfOpenState;
		}

		@Override
		public Duration getMaxWaitDurationInHalfOpenState() {
			return this.maxWaitDurationInHalfOpenState;
		}

		public void setMaxWaitDurationInHalfOpenState(Duration maxWaitDurationInHalfOpenState) {
			this.maxWaitDurationInHalfOpenState = maxWaitDurationInHalfOpenState;
		}

		@Override
		public List<Class<? extends Throwable>> getRecordExceptions() {
			return this.recordExceptions;
		}

		public void setRecordExceptions(List<Class<? extends Throwable>> recordExceptions) {
			this.recordExceptions = recordExceptions;
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
