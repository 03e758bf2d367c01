package dev.resilience.spring.config;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;

/**
 * Explains a startup failure caused by an invalid resilience setting: an
 * {@link InvalidResiliencePropertyException}, or an exception class under {@code resilience.*} that
 * is not on the classpath. The description names the property, the value and the rule, and the
 * action names the value to set.
 * <p>
 * It is ordered before Spring Boot's own analyzers, so it explains the missing exception class
 * instead of the generic bind failure. Other bind failures are left to Spring Boot. This class is
 * stateless and thread-safe.
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
