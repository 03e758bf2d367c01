package dev.resilience.spring.health.boot3;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.spring.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.spring.health.BreakersHealthAutoConfiguration;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the Spring Boot 3.5 health indicator against the real Spring Boot 3.5 health types.
 * <p>
 * The build copies the Spring Boot 3.5 actuator jar to {@code target/boot3-classpath}. A class
 * loader hides Spring Boot 4's health package and loads the 3.5 health types and this package
 * from that jar and the compiled classes. So the application context finds only Spring Boot 3.5's
 * health types, as in a Spring Boot 3.5 application.
 */
class Boot3BreakersHealthTests {

	private static final Path BOOT3_ACTUATOR = Path.of("target", "boot3-classpath", "spring-boot-actuator-boot3.jar");

	@Test
	void boot3TypesGetBoot3Indicator() throws Exception {
		try (Boot3ClassLoader classLoader = new Boot3ClassLoader()) {
			Class<?> autoConfiguration = classLoader
				.loadClass("dev.resilience.spring.health.boot3.Boot3BreakersHealthAutoConfiguration");
			assertThat(autoConfiguration.getClassLoader()).isSameAs(classLoader);
			runner(classLoader, autoConfiguration).withPropertyValues("management.health.breakers.enabled=true",
						"management.health.breakers.include=payments")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					Object indicator = context.getBean("breakersHealthIndicator");
					assertThat(indicator.getClass().getName())
						.isEqualTo("dev.resilience.spring.health.boot3.Boot3BreakersHealthIndicator");
					assertThat(classLoader.loadClass("org.springframework.boot.actuate.health.HealthIndicator"))
						.isAssignableFrom(indicator.getClass());
					context.getBean(CircuitBreakerRegistry.class).circuitBreaker("payments").transitionToForcedOpen();
					Object health = invoke(indicator, "health");
					assertThat(invoke(invoke(health, "getStatus"), "getCode")).isEqualTo("CIRCUIT_OPEN");
					@SuppressWarnings("unchecked")
					Map<String, Object> details = (Map<String, Object>) invoke(health, "getDetails");
					assertThat(details).containsOnlyKeys("payments");
					assertThat(details.get("payments")).asInstanceOf(InstanceOfAssertFactories.MAP)
						.containsEntry("state", "FORCED_OPEN");
				});
		}
	}

	@Test
	void boot3IndicatorOffByDefault() throws Exception {
		try (Boot3ClassLoader classLoader = new Boot3ClassLoader()) {
			Class<?> autoConfiguration = classLoader
				.loadClass("dev.resilience.spring.health.boot3.Boot3BreakersHealthAutoConfiguration");
			runner(classLoader, autoConfiguration).run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("breakersHealthIndicator"));
		}
	}

	/**
	 * Returns a runner whose auto-configurations are resolved through the given class loader.
	 * Collecting the auto-configurations loads them again by name through the thread's context
	 * class loader (seen with Spring Boot 4.0.7), so it is set for that step.
	 */
	private static ApplicationContextRunner runner(ClassLoader classLoader, Class<?> autoConfiguration) {
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(classLoader);
		try {
			return new ApplicationContextRunner().withClassLoader(classLoader)
				.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
						BreakersHealthAutoConfiguration.class, autoConfiguration));
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

	private static Object invoke(Object target, String methodName) throws Exception {
		Method method = target.getClass().getMethod(methodName);
		return method.invoke(target);
	}

	/**
	 * Loads Spring Boot 3.5's health types and the Spring Boot 3.5 indicator itself, and hides
	 * Spring Boot 4's health types. Everything else comes from the test class path.
	 */
	private static final class Boot3ClassLoader extends URLClassLoader {

		Boot3ClassLoader() throws Exception {
			super(new URL[] { existing(BOOT3_ACTUATOR).toUri().toURL(), classesDirectory().toUri().toURL() },
					Boot3BreakersHealthTests.class.getClassLoader());
		}

		private static Path existing(Path path) {
			assertThat(path).as("Spring Boot 3.5 actuator jar copied by the build").exists();
			return path;
		}

		private static Path classesDirectory() throws Exception {
			Path classes = Path.of(BreakersHealthAutoConfiguration.class.getProtectionDomain()
				.getCodeSource()
				.getLocation()
				.toURI());
			assertThat(Files.exists(classes.resolve("dev/resilience/spring/health/boot3/Boot3BreakersHealthIndicator.class")))
				.as("Spring Boot 3.5 indicator compiled by the build")
				.isTrue();
			return classes;
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			if (name.startsWith("org.springframework.boot.health.")) {
				throw new ClassNotFoundException(name + " is hidden to stand in for Spring Boot 3.5");
			}
			if (name.startsWith("org.springframework.boot.actuate.health.")
					|| name.startsWith("dev.resilience.spring.health.boot3.")) {
				synchronized (getClassLoadingLock(name)) {
					Class<?> loaded = findLoadedClass(name);
					if (loaded == null) {
						loaded = findClass(name);
					}
					if (resolve) {
						resolveClass(loaded);
					}
					return loaded;
				}
			}
			return super.loadClass(name, resolve);
		}

	}

}
