package dev.resilience.spring.actuate;

import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.spring.autoconfigure.ResilienceAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BreakersEndpointAutoConfiguration}.
 */
class BreakersEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ResilienceAutoConfiguration.class, BreakersEndpointAutoConfiguration.class));

	@Test
	void runWhenExposedShouldCreateEndpoint() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=breakers")
			.run((context) -> assertThat(context).hasSingleBean(BreakersEndpoint.class));
	}

	@Test
	void runWhenNotExposedShouldNotCreateEndpoint() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(CircuitBreakerRegistry.class)
			.doesNotHaveBean(BreakersEndpoint.class));
	}

	@Test
	void runWithoutActuatorShouldStartWithoutEndpoint() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=breakers")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(CircuitBreakerRegistry.class)
				.doesNotHaveBean(BreakersEndpoint.class));
	}

	@Test
	void runWithoutBreakerRegistryShouldNotCreateEndpoint() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=breakers",
				"resilience.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BreakersEndpoint.class));
	}

	@Test
	void runWhenUserDefinesEndpointShouldUseIt() {
		BreakersEndpoint endpoint = new BreakersEndpoint(CircuitBreakerRegistry.ofDefaults());
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=breakers")
			.withBean(BreakersEndpoint.class, () -> endpoint)
			.run((context) -> assertThat(context).getBean(BreakersEndpoint.class).isSameAs(endpoint));
	}

}
