package dev.resilience.spring.config;

/**
 * One setting of a retry instance or circuit breaker. It has an attribute name, which the core
 * builders also use in their validation messages, a kebab-case property key, and a description
 * of accepted values for error messages.
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
