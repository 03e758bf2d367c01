package dev.resilience.spring.config;

/**
 * The source of a setting's value: a property group such as
 * {@code resilience.breakers.instances.backend}, or an annotation on a method.
 *
 * @param propertyPrefix the prefix of the property group, or {@code null} for an annotation
 * @param annotation the annotation's simple name with its {@code @}, or {@code null} for properties
 * @param annotatedMethod the annotated method as {@code SimpleClassName.methodName}, or {@code null}
 */
record SettingSource(String propertyPrefix, String annotation, String annotatedMethod) {

	static SettingSource properties(String propertyPrefix) {
		return new SettingSource(propertyPrefix, null, null);
	}

	static SettingSource annotation(String annotation, String annotatedMethod) {
		return new SettingSource(null, annotation, annotatedMethod);
	}

	boolean isAnnotation() {
		return this.annotation != null;
	}

	/**
	 * Describes the given setting as it appears in this source.
	 * @param setting the setting
	 * @return a property name, or a phrase such as
	 * {@code attribute failureRateThreshold of @CircuitGuarded on QuoteService.quote}
	 */
	String describe(Setting setting) {
		if (isAnnotation()) {
			return "attribute " + setting.attributeName() + " of " + this.annotation + " on " + this.annotatedMethod;
		}
		return this.propertyPrefix + "." + setting.propertyKey();
	}

}
