package dev.resilience.spring.config;

import java.util.regex.Pattern;

/**
 * Builds property prefixes for instance names.
 */
final class InstanceNames {

	private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9-]+");

	private InstanceNames() {
	}

	/**
	 * Returns the property prefix of one instance. Names with characters other than letters,
	 * digits and {@code -}, such as the dot in the derived {@code QuoteService.quote}, are put in
	 * brackets, which is how they must be written in properties to keep those characters.
	 * @param groupPrefix the prefix of the map, such as {@code resilience.breakers.instances}
	 * @param name the instance name
	 * @return the prefix, such as {@code resilience.breakers.instances.[QuoteService.quote]}
	 */
	static String prefix(String groupPrefix, String name) {
		return PLAIN_KEY.matcher(name).matches() ? groupPrefix + "." + name : groupPrefix + ".[" + name + "]";
	}

}
