package dev.resilience.core;

/**
 * Thrown by a configuration builder when a setting has a value that breaks its rule.
 *
 * <p>The message names the setting, the rule and the rejected value. {@link #getSetting()} and
 * {@link #getValue()} return the setting and the value as data, so that a caller that binds
 * settings from another source, such as a Spring Boot starter, can name the property that supplied
 * the value without parsing the message.
 *
 * <p>The setting and the value are fixed at construction, so an instance may be read from any
 * thread once it has been thrown.
 */
public class InvalidConfigException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String setting;

	private final transient Object value;

	/**
	 * Creates an exception.
	 * @param setting the name of the rejected setting as the builder spells it, such as
	 * {@code failureRateThreshold}
	 * @param value the rejected value, or {@code null} when the value is missing
	 * @param message the message, which names the setting, the rule and the value
	 */
	public InvalidConfigException(String setting, Object value, String message) {
		super(message);
		this.setting = setting;
		this.value = value;
	}

	/**
	 * Returns the name of the rejected setting, spelled like the builder method that sets it. When
	 * a rule relates two settings, such as a minimum number of calls above the window size, it is
	 * the setting whose value the rule tests, which the message names first.
	 * @return the setting name, such as {@code failureRateThreshold}
	 */
	public String getSetting() {
		return this.setting;
	}

	/**
	 * Returns the rejected value.
	 * @return the value, or {@code null} when the setting was missing; {@code null} also after
	 * deserialization, because the value is not serialized
	 */
	public Object getValue() {
		return this.value;
	}

}
