package dev.resilience.sample.web;

/**
 * Exception thrown when a request carries a value that breaks a rule. The response is HTTP 400.
 *
 * <p>The message names the field, the rule and the rejected value, and suggests a valid value.
 */
public class InvalidRequestValueException extends RuntimeException {

	private final String field;

	private final Object rejectedValue;

	/**
	 * Creates an exception for one invalid value.
	 * @param field the name of the field or path variable, as the client sent it
	 * @param rejectedValue the value that was rejected, may be {@code null}
	 * @param message the full message: field, rule, rejected value and a valid example
	 */
	public InvalidRequestValueException(String field, Object rejectedValue, String message) {
		super(message);
		this.field = field;
		this.rejectedValue = rejectedValue;
	}

	/**
	 * Returns the name of the invalid field.
	 * @return the field name
	 */
	public String getField() {
		return this.field;
	}

	/**
	 * Returns the rejected value.
	 * @return the value, or {@code null} if the client sent none
	 */
	public Object getRejectedValue() {
		return this.rejectedValue;
	}

}
