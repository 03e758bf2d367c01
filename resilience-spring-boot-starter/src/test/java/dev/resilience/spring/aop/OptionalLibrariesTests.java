package dev.resilience.spring.aop;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that the advice runs synchronous and {@code CompletableFuture} methods when the optional
 * libraries are missing: Reactor (and Reactive Streams), context-propagation and
 * micrometer-observation. The starter and its required dependencies are loaded again in a class
 * loader built from the test class path without those jars.
 */
class OptionalLibrariesTests {

	private static final List<String> OPTIONAL_JARS = List.of("reactor-core-", "reactive-streams-",
			"context-propagation-", "micrometer-observation-");

	@Test
	void adviceRunsWithoutOptionalLibraries() throws Exception {
		try (URLClassLoader isolated = new URLClassLoader(classPathWithoutOptionalJars(),
				ClassLoader.getPlatformClassLoader())) {
			assertThatExceptionOfType(ClassNotFoundException.class)
				.isThrownBy(() -> isolated.loadClass("reactor.core.publisher.Mono"));
			assertThatExceptionOfType(ClassNotFoundException.class)
				.isThrownBy(() -> isolated.loadClass("io.micrometer.context.ContextSnapshotFactory"));
			assertThatExceptionOfType(ClassNotFoundException.class)
				.isThrownBy(() -> isolated.loadClass("io.micrometer.observation.ObservationRegistry"));

			Class<?> calls = isolated.loadClass(WithoutOptionalLibraries.class.getName());
			assertThat(calls.getClassLoader()).isSameAs(isolated);
			Object results = calls.getMethod("run").invoke(null);

			assertThat(results).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
				.containsExactly("synchronous after 3", "asynchronous after 3", "context capture supported: false");
		}
	}

	/**
	 * Returns the test class path without the optional jars. Surefire may pass the class path in the
	 * manifest of a booter jar, so manifest class paths are expanded.
	 */
	private static URL[] classPathWithoutOptionalJars() throws IOException {
		List<URL> urls = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			File file = new File(entry);
			urls.add(file.toURI().toURL());
			if (file.isFile() && entry.endsWith(".jar")) {
				try (JarFile jar = new JarFile(file)) {
					Manifest manifest = jar.getManifest();
					String manifestClassPath = (manifest != null)
							? manifest.getMainAttributes().getValue("Class-Path") : null;
					if (manifestClassPath != null) {
						for (String relative : manifestClassPath.trim().split("\\s+")) {
							urls.add(new URL(file.toURI().toURL(), relative));
						}
					}
				}
			}
		}
		urls.removeIf((url) -> OPTIONAL_JARS.stream().anyMatch((name) -> url.getPath().contains("/" + name)));
		return urls.toArray(new URL[0]);
	}

}
