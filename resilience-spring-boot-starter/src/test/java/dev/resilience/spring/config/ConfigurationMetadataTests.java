package dev.resilience.spring.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.json.JsonParserFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the configuration metadata that the configuration processor generates from the properties
 * classes and merges with {@code additional-spring-configuration-metadata.json}, as IDEs read it
 * from the classpath.
 */
class ConfigurationMetadataTests {

	private static final Map<String, Map<String, Object>> properties = new LinkedHashMap<>();

	private static final Map<String, Map<String, Object>> hints = new LinkedHashMap<>();

	/**
	 * Reads the metadata file of this module: the one next to the properties classes, not the files
	 * of Spring Boot's jars, which are on the classpath too.
	 */
	@BeforeAll
	@SuppressWarnings("unchecked")
	static void readMetadata() throws IOException {
		URL location = BreakerProperties.class.getProtectionDomain().getCodeSource().getLocation();
		Enumeration<URL> resources = ConfigurationMetadataTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json");
		URL resource = null;
		while (resources.hasMoreElements()) {
			URL candidate = resources.nextElement();
			if (candidate.toString().startsWith(location.toString())) {
				resource = candidate;
			}
		}
		assertThat(resource).as("metadata next to " + location).isNotNull();

		Map<String, Object> metadata;
		try (InputStream input = resource.openStream()) {
			metadata = JsonParserFactory.getJsonParser().parseMap(new String(input.readAllBytes(), StandardCharsets.UTF_8));
		}
		for (Object property : (List<Object>) metadata.get("properties")) {
			Map<String, Object> entry = (Map<String, Object>) property;
			properties.put((String) entry.get("name"), entry);
		}
		for (Object hint : (List<Object>) metadata.get("hints")) {
			Map<String, Object> entry = (Map<String, Object>) hint;
			hints.put((String) entry.get("name"), entry);
		}
	}

	@Test
	void retryDefaultsHaveDescriptionsAndDefaults() {
		assertProperty("resilience.retries.defaults.max-attempts", "java.lang.Integer", 3);
		assertProperty("resilience.retries.defaults.wait-duration", "java.time.Duration", "500ms");
		assertProperty("resilience.retries.defaults.multiplier", "java.lang.Double", 1);
		assertProperty("resilience.retries.defaults.max-duration", "java.time.Duration", 0);
		assertProperty("resilience.retries.defaults.match-causes", "java.lang.Boolean", false);
	}

	@Test
	void breakerDefaultsHaveDescriptionsAndDefaults() {
		assertProperty("resilience.breakers.defaults.failure-rate-threshold", "java.lang.Float", 50);
		assertProperty("resilience.breakers.defaults.sliding-window-size", "java.lang.Integer", 100);
		assertProperty("resilience.breakers.defaults.wait-duration-in-open-state", "java.time.Duration", "60s");
		assertProperty("resilience.breakers.defaults.sliding-window-duration", "java.time.Duration", "60s");
		assertProperty("resilience.breakers.defaults.permitted-number-of-calls-in-half-open-state",
				"java.lang.Integer", 10);
	}

	@Test
	void enumDefaultsInKebabCase() {
		assertProperty("resilience.breakers.defaults.sliding-window-type",
				"dev.resilience.core.breaker.SlidingWindowType", "count-based");
		assertProperty("resilience.retries.defaults.jitter", "dev.resilience.core.retry.Jitter", "none");
	}

	@Test
	void groupsListedForTemplatesAndInstances() {
		assertThat(properties).containsKeys("resilience.breakers.configs", "resilience.breakers.instances",
				"resilience.retries.configs", "resilience.retries.instances", "resilience.enabled",
				"resilience.aspect.order");
		assertProperty("resilience.aspect.order", "java.lang.Integer", 2147483637);
		assertThat((String) properties.get("resilience.breakers.configs").get("description")).contains("base-config");
	}

	@Test
	void enumValuesHaveHints() {
		assertThat(hintValues("resilience.breakers.defaults.sliding-window-type")).containsExactly("count-based",
				"time-based");
		assertThat(hintValues("resilience.retries.defaults.jitter")).containsExactly("none", "full", "equal",
				"decorrelated");
	}

	@SuppressWarnings("unchecked")
	private static List<Object> hintValues(String name) {
		assertThat(hints).containsKey(name);
		List<Object> values = new ArrayList<>();
		for (Object value : (List<Object>) hints.get(name).get("values")) {
			Map<String, Object> entry = (Map<String, Object>) value;
			assertThat((String) entry.get("description")).isNotBlank();
			values.add(entry.get("value"));
		}
		return values;
	}

	private static void assertProperty(String name, String type, Object defaultValue) {
		assertThat(properties).containsKey(name);
		Map<String, Object> property = properties.get(name);
		assertThat(property).containsEntry("type", type);
		assertThat((String) property.get("description")).isNotBlank().endsWith(".");
		Object actualDefault = property.get("defaultValue");
		if (defaultValue instanceof Number number) {
			assertThat(actualDefault).isInstanceOf(Number.class);
			assertThat(((Number) actualDefault).doubleValue()).isEqualTo(number.doubleValue());
		}
		else {
			assertThat(actualDefault).isEqualTo(defaultValue);
		}
	}

}
