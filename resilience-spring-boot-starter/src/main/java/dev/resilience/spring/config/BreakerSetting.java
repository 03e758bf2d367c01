package dev.resilience.spring.config;

import dev.resilience.core.breaker.CircuitBreakerConfig;

/**
 * The circuit breaker settings that properties and {@code @CircuitGuarded} can set.
 */
enum BreakerSetting implements Setting {

	SLIDING_WINDOW_TYPE("slidingWindowType", "sliding-window-type", "count-based or time-based"),

	SLIDING_WINDOW_SIZE("slidingWindowSize", "sliding-window-size",
			"a number of calls from 1 to " + CircuitBreakerConfig.MAX_SLIDING_WINDOW_SIZE + ", such as 100"),

	SLIDING_WINDOW_DURATION("slidingWindowDuration", "sliding-window-duration",
			"a whole number of seconds from 1s to 1 day, such as 60s"),

	MINIMUM_NUMBER_OF_CALLS("minimumNumberOfCalls", "minimum-number-of-calls",
			"a number of calls from 1 up to the sliding window size"),

	FAILURE_RATE_THRESHOLD("failureRateThreshold", "failure-rate-threshold",
			"a percentage greater than 0 and at most 100, such as 50"),

	SLOW_CALL_RATE_THRESHOLD("slowCallRateThreshold", "slow-call-rate-threshold",
			"a percentage greater than 0 and at most 100, such as 80"),

	SLOW_CALL_DURATION_THRESHOLD("slowCallDurationThreshold", "slow-call-duration-threshold",
			"a positive duration, such as 2s"),

	WAIT_DURATION_IN_OPEN_STATE("waitDurationInOpenState", "wait-duration-in-open-state",
			"a positive duration, such as 60s"),

	WAIT_DURATION_IN_OPEN_STATE_MULTIPLIER("waitDurationInOpenStateMultiplier",
			"wait-duration-in-open-state-multiplier", "a finite number of at least 1, such as 2"),

	MAX_WAIT_DURATION_IN_OPEN_STATE("maxWaitDurationInOpenState", "max-wait-duration-in-open-state",
			"a duration no shorter than wait-duration-in-open-state, such as 10m"),

	WAIT_DURATION_IN_OPEN_STATE_JITTER("waitDurationInOpenStateJitter", "wait-duration-in-open-state-jitter",
			"a fraction from 0 up to but excluding 1, such as 0.2"),

	AUTOMATIC_TRANSITION_FROM_OPEN_TO_HALF_OPEN("automaticTransitionFromOpenToHalfOpen",
			"automatic-transition-from-open-to-half-open", "true or false"),

	PERMITTED_NUMBER_OF_CALLS_IN_HALF_OPEN_STATE("permittedNumberOfCallsInHalfOpenState",
			"permitted-number-of-calls-in-half-open-state",
			"a number of calls from 1 to " + CircuitBreakerConfig.MAX_PERMITTED_NUMBER_OF_CALLS_IN_HALF_OPEN_STATE
					+ ", such as 10"),

	MAX_WAIT_DURATION_IN_HALF_OPEN_STATE("maxWaitDurationInHalfOpenState", "max-wait-duration-in-half-open-state",
			"0 for no limit or a positive duration, such as 30s"),

	RECORD_EXCEPTIONS("recordExceptions", "record-exceptions",
			"fully qualified names of Throwable subclasses on the classpath, such as java.io.IOException"),

	IGNORE_EXCEPTIONS("ignoreExceptions", "ignore-exceptions",
			"fully qualified names of Throwable subclasses on the classpath, such as java.io.IOException");

	private final String attributeName;

	private final String propertyKey;

	private final String acceptedValue;

	BreakerSetting(String attributeName, String propertyKey, String acceptedValue) {
		this.attributeName = attributeName;
		this.propertyKey = propertyKey;
		this.acceptedValue = acceptedValue;
	}

	@Override
	public String attributeName() {
		return this.attributeName;
	}

	@Override
	public String propertyKey() {
		return this.propertyKey;
	}

	@Override
	public String acceptedValue() {
		return this.acceptedValue;
	}

}
