package dev.resilience.spring.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.springframework.util.StringUtils;

/**
 * Follows the {@code base-config} references from a group of settings through the templates under
 * {@code <group>.configs}, and returns the groups in the order in which their settings apply.
 * <p>
 * Stateless and thread-safe.
 */
final class BaseConfigChain {

	private BaseConfigChain() {
	}

	/**
	 * Returns the settings groups of an instance or template, weakest first: the most distant
	 * template, then each nearer template, then the group itself.
	 * @param <T> the type of a settings group
	 * @param groupPrefix the prefix of the settings, such as {@code resilience.breakers}
	 * @param ownPrefix the prefix of the group itself, such as
	 * {@code resilience.breakers.instances.pricing}
	 * @param ownTemplateName the template name when the group itself is a template, so that a
	 * reference back to it counts as a cycle; {@code null} for an instance
	 * @param own the group itself
	 * @param templates the templates under {@code <group>.configs}, by name
	 * @param baseConfig returns the {@code base-config} of a group
	 * @return the groups with their property prefixes, weakest first
	 * @throws InvalidResiliencePropertyException if a {@code base-config} names no template, or
	 * the references form a cycle
	 */
	static <T> List<Layer<T>> layers(String groupPrefix, String ownPrefix, String ownTemplateName, T own,
			Map<String, T> templates, Function<T, String> baseConfig) {
		String configsPrefix = groupPrefix + ".configs";
		List<Layer<T>> layers = new ArrayList<>();
		layers.add(new Layer<>(ownPrefix, own));

		Set<String> visited = new LinkedHashSet<>();
		if (ownTemplateName != null) {
			visited.add(ownTemplateName);
		}
		String currentPrefix = ownPrefix;
		T current = own;
		String base = baseConfig.apply(current);
		while (StringUtils.hasText(base)) {
			String key = currentPrefix + ".base-config";
			T template = templates.get(base);
			if (template == null) {
				throw unknownTemplate(key, base, configsPrefix, templates.keySet());
			}
			if (!visited.add(base)) {
				throw cycle(key, base, configsPrefix, visited);
			}
			currentPrefix = InstanceNames.prefix(configsPrefix, base);
			current = template;
			layers.add(new Layer<>(currentPrefix, current));
			base = baseConfig.apply(current);
		}

		Collections.reverse(layers);
		return layers;
	}

	private static InvalidResiliencePropertyException unknownTemplate(String key, String base, String configsPrefix,
			Set<String> templateNames) {
		String defined = templateNames.isEmpty() ? "none is defined" : "defined: " + String.join(", ", templateNames);
		return new InvalidResiliencePropertyException(key, base,
				"no template named '" + base + "' exists under " + configsPrefix + " (" + defined + ")",
				"the name of a template under " + configsPrefix + " (" + defined + ")", null, null);
	}

	private static InvalidResiliencePropertyException cycle(String key, String base, String configsPrefix,
			Set<String> visited) {
		List<String> path = new ArrayList<>(visited);
		path.add(base);
		int start = path.indexOf(base);
		String cycle = String.join(" -> ", path.subList(start, path.size()));
		String closingTemplate = path.get(path.size() - 2);
		return new InvalidResiliencePropertyException(key, base,
				"the templates under " + configsPrefix + " inherit from each other in a cycle (" + cycle
						+ "), so their settings have no root",
				"the name of a template that does not lead back to '" + closingTemplate + "' through its own base-config",
				null, null);
	}

	/**
	 * One settings group and the prefix of its properties.
	 *
	 * @param <T> the type of a settings group
	 * @param prefix the property prefix, such as {@code resilience.breakers.configs.slow}
	 * @param settings the settings
	 */
	record Layer<T>(String prefix, T settings) {
	}

}
