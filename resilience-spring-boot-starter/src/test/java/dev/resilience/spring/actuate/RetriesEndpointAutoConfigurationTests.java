package dev.resilience.spring.actuate;

import dev.resilience.core.retry.RetryRegistry;
import dev.resilience.spring.autoconfigure.ResilienceAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RetriesEndpointAutoConfiguration}.
 */
class RetriesEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ResilienceAutoConfiguration.class, RetriesEndpointAutoConfiguration.class));

	@Test
	void runWhenExposedShouldCreateEndpoint() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=retries")
			.run((context) -> assertThat(context).hasSingleBean(RetriesEndpoint.class));
	}

	@Test
	void runWhenNotExposedShouldNotCreateEndpoint() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(RetryRegistry.class)
			.doesNotHaveBean(RetriesEndpoint.class));
	}

	@Test
	void runWithoutActuatorShouldStartWithoutEndpoint() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=retries")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RetriesEndpoint.class));
	}

	@Test
	void runWhenDisabledShouldNotCreateEndpoint() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=retries", "resilience.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RetriesEndpoint.class));
	}

	@Test
	void runWhenUserDefinesEndpointShouldUseIt() {
		RetriesEndpoint endpoint = new RetriesEndpoint(RetryRegistry.ofDefaults());
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=retries")
			.withBean(RetriesEndpoint.class, () -> endpoint)
			.run((context) -> assertThat(context).getBean(RetriesEndpoint.class).isSameAs(endpoint));
	}

}
