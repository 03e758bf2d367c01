package dev.resilience.spring.config;

/**
 * The retry settings that properties and {@code @Retryable} can set.
 */
enum RetrySetting implements Setting {

	MAX_ATTEMPTS("maxAttempts", "max-attempts", "a number of attempts of at least 1, such as 3"),

	WAIT_DURATION("waitDuration", "wait-duration", "a duration from 0 to 1 day, such as 500ms"),

	MULTIPLIER("multiplier", "multiplier", "a finite number of at least 1, such as 2"),

	MAX_WAIT_DURATION("maxWaitDuration", "max-wait-duration",
			"a duration no shorter than wait-duration and at most 1 day, such as 10s"),

	RETRY_EXCEPTIONS("retryExceptions", "retry-exceptions",
			"fully qualified names of Throwable subclasses on the classpath, such as java.io.IOException"),

	IGNORE_EXCEPTIONS("ignoreExceptions", "ignore-exceptions",
			"fully qualified names of Throwable subclasses on the classpath, such as java.io.IOException");

	private final String attributeName;

	private final String propertyKey;

	private final String acceptedValue;

	RetrySetting(String attributeName, String propertyKey, String acceptedValue) {
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
