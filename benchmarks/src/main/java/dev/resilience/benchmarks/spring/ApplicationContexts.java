package dev.resilience.benchmarks.spring;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the small non-web applications of {@link AnnotatedCallBenchmark}. Each application keeps
 * Spring Boot's auto-configuration but excludes every auto-configuration of the libraries it does
 * not benchmark, so that two libraries never advise the same context.
 */
final class ApplicationContexts {

	/** Package of our starter's auto-configurations. */
	static final String OURS = "dev.resilience.spring.";

	/** Package of Resilience4j's Spring Boot auto-configurations. */
	static final String RESILIENCE4J = "io.github.resilience4j.";

	private ApplicationContexts() {
	}

	/**
	 * Starts an application with the auto-configurations from the given packages excluded.
	 * @param application the configuration class of the application
	 * @param excludedPackages package prefixes whose auto-configurations are excluded
	 * @param properties more properties in {@code key=value} form
	 * @return the running context
	 */
	static ConfigurableApplicationContext start(Class<?> application, List<String> excludedPackages,
			String... properties) {
		List<String> excluded = new ArrayList<>();
		for (String candidate : ImportCandidates.load(AutoConfiguration.class, application.getClassLoader())) {
			if (excludedPackages.stream().anyMatch(candidate::startsWith)) {
				excluded.add(candidate);
			}
		}
		return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "logging.level.root=warn",
					"spring.autoconfigure.exclude=" + String.join(",", excluded))
			.properties(properties)
			.run();
	}

	/**
	 * Checks that a context contains no bean of the named type, which shows that the library it
	 * belongs to was kept out.
	 * @throws IllegalStateException if the context contains such a bean
	 */
	static void checkAbsent(ConfigurableApplicationContext context, String typeName) {
		Class<?> type;
		try {
			type = Class.forName(typeName, false, context.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException("Class " + typeName + " is missing from the benchmark class path", ex);
		}
		String[] names = context.getBeanNamesForType(type);
		if (names.length > 0) {
			throw new IllegalStateException("The benchmark context must not contain a " + typeName
					+ ", but it contains " + String.join(", ", names) + "; check the auto-configuration exclusions");
		}
	}

}
