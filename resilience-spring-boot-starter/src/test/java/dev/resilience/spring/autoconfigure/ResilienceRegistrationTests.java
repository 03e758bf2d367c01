package dev.resilience.spring.autoconfigure;

import dev.resilience.spring.actuate.BreakersEndpointAutoConfiguration;
import dev.resilience.spring.config.InvalidResiliencePropertyFailureAnalyzer;
import dev.resilience.spring.metrics.ResilienceMetricsAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the auto-configurations and the failure analyzer are registered where Spring Boot
 * looks for them.
 */
class ResilienceRegistrationTests {

	@Test
	void autoConfigurationsListedInImportsFile() {
		assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())).contains(
				ResilienceAutoConfiguration.class.getName(), BreakersEndpointAutoConfiguration.class.getName(),
				ResilienceMetricsAutoConfiguration.class.getName());
	}

	@Test
	void failureAnalyzerListedInSpringFactories() {
		assertThat(SpringFactoriesLoader.loadFactoryNames(FailureAnalyzer.class, getClass().getClassLoader()))
			.contains(InvalidResiliencePropertyFailureAnalyzer.class.getName());
	}

}
