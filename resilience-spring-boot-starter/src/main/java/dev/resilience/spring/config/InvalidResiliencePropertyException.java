package dev.resilience.spring.config;

/**
 * Thrown when a resilience setting has a value that the core configuration rejects. It names the
 * property, the rejected value and the rule, so that {@link InvalidResiliencePropertyFailureAnalyzer}
 * can explain the failure at startup.
 * <p>
 * When the value came from an annotation attribute, {@link #getOrigin()} names the attribute and
 * {@link #getPropertyName()} names the instance property that would override it.
 *
 * @since 0.1.0
 */
public class InvalidResiliencePropertyException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String propertyName;

	private final String value;

	private final String reason;

	private final String acceptedValue;

	private final String origin;

	/**
	 * Creates an exception.
	 * @param propertyName the full name of the property
	 * @param value the rejected value as text, or {@code null} if no single value is at fault
	 * @param reason the rule that the value breaks
	 * @param acceptedValue a description of accepted values, or {@code null}
	 * @param origin the annotation attribute the value came from, or {@code null} for a property
	 * @param cause the validation failure
	 */
	public InvalidResiliencePropertyException(String propertyName, String value, String reason,
			String acceptedValue, String origin, Throwable cause) {
		super(buildMessage(propertyName, value, reason, origin), cause);
		this.propertyName = propertyName;
		this.value = value;
		this.reason = reason;
		this.acceptedValue = acceptedValue;
		this.origin = origin;
	}

	private static String buildMessage(String propertyName, String value, String reason, String origin) {
		StringBuilder message = new StringBuilder("Invalid value '").append(value).append("' for ");
		message.append((origin != null) ? origin + " (property " + propertyName + ")" : propertyName);
		return message.append(": ").append(reason).toString();
	}

	/**
	 * Returns the full name of the property, such as
	 * {@code resilience.breakers.instances.backend.failure-rate-threshold}.
	 * @return the property name
	 */
	public String getPropertyName() {
		return this.propertyName;
	}

	/**
	 * Returns the rejected value as text.
	 * @return the value, or {@code null} if no single value is at fault
	 */
	public String getValue() {
		return this.value;
	}

	/**
	 * Returns the rule that the value breaks.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * Returns a description of accepted values.
	 * @return the accepted values, or {@code null} when unknown
	 */
	public String getAcceptedValue() {
		return this.acceptedValue;
	}

	/**
	 * Returns the annotation attribute the value came from.
	 * @return a phrase such as {@code attribute maxAttempts of @Retryable on QuoteService.quote},
	 * or {@code null} when the value came from a property
	 */
	public String getOrigin() {
		return this.origin;
	}

}
