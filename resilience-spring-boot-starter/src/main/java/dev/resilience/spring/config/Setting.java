package dev.resilience.spring.config;

/**
 * One setting of a retry instance or circuit breaker, known by three names: the attribute name,
 * which is also the name the core builders use in their validation messages, the kebab-case
 * property key, and a description of an accepted value for error messages.
 */
interface Setting {

	/**
	 * Returns the camel-case name used by the annotation attribute and the core builder.
	 * @return the attribute name, such as {@code failureRateThreshold}
	 */
	String attributeName();

	/**
	 * Returns the kebab-case key below {@code defaults} or {@code instances.<name>}.
	 * @return the property key, such as {@code failure-rate-threshold}
	 */
	String propertyKey();

	/**
	 * Returns a description of an accepted value.
	 * @return the accepted values, such as {@code "a percentage greater than 0 and at most 100"}
	 */
	String acceptedValue();

}
