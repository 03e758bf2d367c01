package dev.resilience.spring.config;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.resilience.core.InvalidConfigException;

import org.springframework.boot.convert.DurationStyle;

/**
 * The values of one instance's settings, each with the source it came from. Sources are applied
 * from weakest to strongest, so a later {@link #put} replaces an earlier one.
 * <p>
 * Not thread-safe: one instance serves one resolution.
 *
 * @param <S> the setting type
 */
final class SettingValues<S extends Enum<S> & Setting> {

	private final Class<S> settingType;

	private final String instancePrefix;

	private final Map<S, Entry> entries;

	/**
	 * Creates empty values.
	 * @param settingType the setting enum
	 * @param instancePrefix the property prefix of the instance, which names the property that
	 * overrides an annotation attribute
	 */
	SettingValues(Class<S> settingType, String instancePrefix) {
		this.settingType = settingType;
		this.instancePrefix = instancePrefix;
		this.entries = new EnumMap<>(settingType);
	}

	/**
	 * Sets a value unless it is {@code null} or an empty collection, which mean "unset".
	 * @param setting the setting
	 * @param value the value, or {@code null}
	 * @param source where the value came from
	 */
	void put(S setting, Object value, SettingSource source) {
		if (value == null || (value instanceof Collection<?> collection && collection.isEmpty())) {
			return;
		}
		this.entries.put(setting, new Entry(value, source));
	}

	/**
	 * Sets a list of exception types, which may be empty to override a weaker source with "every
	 * exception".
	 * @param setting the setting
	 * @param types the types, or {@code null} for unset
	 * @param source where the types came from
	 */
	void putTypes(S setting, List<Class<? extends Throwable>> types, SettingSource source) {
		if (types == null) {
			return;
		}
		for (int i = 0; i < types.size(); i++) {
			if (types.get(i) == null) {
				// The binder turns an empty item ("a,,b" or a trailing comma) into null.
				throw invalid(setting, new Entry(types, source), "[" + i + "]", "",
						"the list has an empty item, usually from a doubled or trailing comma; remove it", null);
			}
		}
		this.entries.put(setting, new Entry(List.copyOf(types), source));
	}

	@SuppressWarnings("unchecked")
	<T> T get(S setting) {
		Entry entry = this.entries.get(setting);
		return (entry != null) ? (T) entry.value() : null;
	}

	/**
	 * Returns the exception types of a setting, checked to be {@link Throwable} subclasses. The
	 * check is needed because the binder fills {@code List<Class<? extends Throwable>>} through
	 * erasure and accepts any class.
	 * @param setting the setting
	 * @return the types, or {@code null} when unset
	 * @throws InvalidResiliencePropertyException if a class is not a {@link Throwable}
	 */
	List<Class<? extends Throwable>> getTypes(S setting) {
		Entry entry = this.entries.get(setting);
		if (entry == null) {
			return null;
		}
		List<?> types = (List<?>) entry.value();
		for (int i = 0; i < types.size(); i++) {
			Class<?> type = (Class<?>) types.get(i);
			if (!Throwable.class.isAssignableFrom(type)) {
				throw invalid(setting, entry, "[" + i + "]", type.getName(),
						"the class " + type.getName() + " is not a subclass of java.lang.Throwable", null);
			}
		}
		return get(setting);
	}

	/**
	 * Parses a duration written in an annotation attribute, in Spring Boot's formats ({@code 500ms},
	 * {@code 2s}, {@code PT1M}); a number without unit is milliseconds.
	 * @param setting the setting
	 * @param text the text
	 * @param source where the text came from
	 * @return the duration
	 * @throws InvalidResiliencePropertyException if the text is not a duration
	 */
	Duration parseDuration(S setting, String text, SettingSource source) {
		try {
			return DurationStyle.detectAndParse(text);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(setting, new Entry(text, source), "", text, ex.getMessage(), ex);
		}
	}

	/**
	 * Translates a validation failure of a core builder into an exception that names the source of
	 * the rejected value. The builders throw {@link InvalidConfigException}, which names the
	 * setting. When no source here set that setting, the value came from the base configuration,
	 * and the instance property that would override it is reported.
	 * @param failure the builder's exception
	 * @return the exception to throw
	 */
	InvalidResiliencePropertyException invalid(IllegalArgumentException failure) {
		String message = String.valueOf(failure.getMessage());
		if (failure instanceof InvalidConfigException invalidConfig) {
			S setting = findSetting(invalidConfig.getSetting());
			if (setting != null) {
				Entry entry = this.entries.get(setting);
				if (entry != null) {
					return invalid(setting, entry, "", format(entry.value()), message, failure);
				}
				return new InvalidResiliencePropertyException(this.instancePrefix + "." + setting.propertyKey(),
						format(invalidConfig.getValue()), message, setting.acceptedValue(), null, failure);
			}
		}
		return new InvalidResiliencePropertyException(this.instancePrefix, null, message, null, null, failure);
	}

	private S findSetting(String attributeName) {
		for (S setting : this.settingType.getEnumConstants()) {
			if (setting.attributeName().equals(attributeName)) {
				return setting;
			}
		}
		return null;
	}

	private InvalidResiliencePropertyException invalid(S setting, Entry entry, String index, String value,
			String reason, Throwable cause) {
		String propertyName;
		String origin = null;
		if (entry.source().isAnnotation()) {
			propertyName = this.instancePrefix + "." + setting.propertyKey() + index;
			origin = entry.source().describe(setting);
		}
		else {
			propertyName = entry.source().describe(setting) + index;
		}
		return new InvalidResiliencePropertyException(propertyName, value, reason, setting.acceptedValue(), origin,
				cause);
	}

	private static String format(Object value) {
		if (value instanceof List<?> list) {
			return String.join(",", list.stream().map(SettingValues::format).toList());
		}
		if (value instanceof Class<?> type) {
			return type.getName();
		}
		return String.valueOf(value);
	}

	private record Entry(Object value, SettingSource source) {
	}

}
