package dev.resilience.spring.config;

/**
 * The circuit breaker settings that properties and {@code @CircuitGuarded} can set.
 */
enum BreakerSetting implements Setting {

	FAILURE_RATE_THRESHOLD("failureRateThreshold", "failure-rate-threshold",
			"a percentage greater than 0 and at most 100, such as 50"),

	SLIDING_WINDOW_SIZE("slidingWindowSize", "sliding-window-size", "a number of calls from 1 to 1048575, such as 100"),

	MINIMUM_NUMBER_OF_CALLS("minimumNumberOfCalls", "minimum-number-of-calls",
			"a number of calls from 1 up to the sliding window size"),

	WAIT_DURATION_IN_OPEN_STATE("waitDurationInOpenState", "wait-duration-in-open-state",
			"a positive duration, such as 60s"),

	PERMITTED_NUMBER_OF_CALLS_IN_HALF_OPEN_STATE("permittedNumberOfCallsInHalfOpenState",
			"permitted-number-of-calls-in-half-open-state", "a number of calls from 1 to 65535, such as 10"),

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
