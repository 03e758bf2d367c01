package dev.resilience.spring.actuate;

import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.spring.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.spring.events.BreakerEvent;
import dev.resilience.spring.events.ResilienceEventsAutoConfiguration;
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
	void exposedEndpointReportsRecordedEvents() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(ResilienceEventsAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=breakers")
			.run((context) -> {
				assertThat(context).hasSingleBean(BreakersEndpointWebExtension.class);
				CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).circuitBreaker("payments");
				breaker.transitionToForcedOpen();
				assertThat(context.getBean(BreakersEndpoint.class).breaker("payments").events())
					.extracting(BreakerEvent::toState)
					.containsExactly("FORCED_OPEN");
			});
	}

	@Test
	void zeroBufferSizeReportsNoEvents() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(ResilienceEventsAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=breakers",
					"resilience.breakers.events-buffer-size=0")
			.run((context) -> {
				context.getBean(CircuitBreakerRegistry.class).circuitBreaker("payments").transitionToForcedOpen();
				assertThat(context.getBean(BreakersEndpoint.class).breaker("payments").events()).isEmpty();
			});
	}

	@Test
	void runWithNegativeEventsBufferSizeShouldFail() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(ResilienceEventsAutoConfiguration.class))
			.withPropertyValues("resilience.breakers.events-buffer-size=-1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("resilience.breakers.events-buffer-size must be between 0 and 1000, but was -1; "
						+ "set a number of events per breaker in that range, or 0 to keep none"));
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
