package dev.resilience.spring.config;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;

/**
 * Explains a startup failure caused by an invalid resilience setting: an
 * {@link InvalidResiliencePropertyException}, an exception class under {@code resilience.*} that is
 * not on the classpath, or a retry or breaker property whose text cannot be converted, such as
 * {@code wait-duration=soon}. The description names the property, the value and the rule, and the
 * action names the value to set.
 * <p>
 * It is ordered before Spring Boot's own analyzers, so it explains these failures instead of the
 * generic bind failure. Other bind failures are left to Spring Boot. This class is stateless and
 * thread-safe.
 *
 * @since 0.1.0
 */
public class InvalidResiliencePropertyFailureAnalyzer implements FailureAnalyzer, Ordered {

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		InvalidResiliencePropertyException invalid = findCause(failure, InvalidResiliencePropertyException.class);
		if (invalid != null) {
			return analyzeInvalidValue(invalid);
		}
		BindException bindFailure = findCause(failure, BindException.class);
		if (bindFailure != null && bindFailure.getName().toString().startsWith("resilience.")) {
			ClassNotFoundException missingClass = findCause(bindFailure, ClassNotFoundException.class);
			if (missingClass != null) {
				return analyzeMissingClass(bindFailure.getName().toString(), missingClass.getMessage(), bindFailure);
			}
			Setting setting = findSetting(bindFailure.getName());
			if (setting != null) {
				return analyzeUnconvertibleValue(bindFailure, setting);
			}
		}
		return null;
	}

	@Override
	public int getOrder() {
		return 0;
	}

	private FailureAnalysis analyzeInvalidValue(InvalidResiliencePropertyException invalid) {
		StringBuilder description = new StringBuilder();
		if (invalid.getValue() != null) {
			description.append("Invalid value '").append(invalid.getValue()).append("' for property '");
		}
		else {
			description.append("Invalid settings under '");
		}
		description.append(invalid.getPropertyName()).append("'.");
		if (invalid.getOrigin() != null) {
			description.append(" The value comes from ").append(invalid.getOrigin()).append('.');
		}
		description.append(System.lineSeparator()).append(System.lineSeparator());
		description.append("Reason: ").append(invalid.getReason());

		String accepted = (invalid.getAcceptedValue() != null) ? " to " + invalid.getAcceptedValue() : "";
		String action;
		if (invalid.getOrigin() != null) {
			action = "Change " + invalid.getOrigin() + accepted + ", or override it with the property '"
					+ invalid.getPropertyName() + "'.";
		}
		else if (invalid.getValue() != null) {
			action = "Set '" + invalid.getPropertyName() + "'" + accepted + ", or remove it to use the default.";
		}
		else {
			action = "Update the properties under '" + invalid.getPropertyName() + "' so that they follow the rule above.";
		}
		return new FailureAnalysis(description.toString(), action, invalid);
	}

	private FailureAnalysis analyzeMissingClass(String propertyName, String className, BindException cause) {
		String description = "Invalid value '" + className + "' for property '" + propertyName + "'."
				+ System.lineSeparator() + System.lineSeparator() + "Reason: the class " + className
				+ " was not found on the classpath.";
		String action = "Set '" + propertyName + "' to fully qualified names of Throwable subclasses on the "
				+ "classpath, separated by commas, such as java.io.IOException. Check the spelling of " + className
				+ " and that the library that contains it is a dependency.";
		return new FailureAnalysis(description, action, cause);
	}

	private FailureAnalysis analyzeUnconvertibleValue(BindException bindFailure, Setting setting) {
		String propertyName = bindFailure.getName().toString();
		ConfigurationProperty property = bindFailure.getProperty();
		Object value = (property != null) ? property.getValue() : null;
		Throwable cause = (bindFailure.getCause() != null) ? bindFailure.getCause() : bindFailure;
		Throwable rootCause = cause;
		while (rootCause.getCause() != null && rootCause.getCause() != rootCause) {
			rootCause = rootCause.getCause();
		}

		StringBuilder description = new StringBuilder("Invalid value '").append(value)
			.append("' for property '")
			.append(propertyName)
			.append("'.");
		if (property != null && property.getOrigin() != null) {
			description.append(" It comes from ").append(property.getOrigin()).append('.');
		}
		description.append(System.lineSeparator()).append(System.lineSeparator());
		description.append("Reason: the value could not be converted: ").append(rootCause.getMessage());
		String action = "Set '" + propertyName + "' to " + setting.acceptedValue() + ", or remove it to use the default.";
		return new FailureAnalysis(description.toString(), action, bindFailure);
	}

	/**
	 * Returns the setting that a property below {@code resilience.retries} or
	 * {@code resilience.breakers} sets, or {@code null} for other properties.
	 */
	private static Setting findSetting(ConfigurationPropertyName name) {
		if (name.getNumberOfElements() < 4) {
			return null;
		}
		String group = name.getElement(1, ConfigurationPropertyName.Form.DASHED);
		String key = name.getLastElement(ConfigurationPropertyName.Form.DASHED);
		Setting[] settings = switch (group) {
			case "retries" -> RetrySetting.values();
			case "breakers" -> BreakerSetting.values();
			default -> new Setting[0];
		};
		for (Setting setting : settings) {
			if (setting.propertyKey().equals(key)) {
				return setting;
			}
		}
		return null;
	}

	private static <E extends Throwable> E findCause(Throwable failure, Class<E> type) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return null;
	}

}
