package dev.resilience.spring.health;

import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.spring.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.spring.health.boot3.Boot3BreakersHealthAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BreakersHealthAutoConfiguration} on Spring Boot 4, with the Spring Boot 3.5
 * auto-configuration present as it is in the jar.
 */
@ExtendWith(OutputCaptureExtension.class)
class BreakersHealthAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				BreakersHealthAutoConfiguration.class, Boot3BreakersHealthAutoConfiguration.class));

	@Test
	void runByDefaultShouldNotCreateIndicator() {
		this.contextRunner.withPropertyValues("management.health.breakers.include=*")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("breakersHealthIndicator")
				.doesNotHaveBean(HealthIndicator.class));
	}

	@Test
	void runWhenEnabledShouldCreateBoot4Indicator() {
		this.contextRunner
			.withPropertyValues("management.health.breakers.enabled=true", "management.health.breakers.include=payments")
			.run((context) -> {
				assertThat(context).hasSingleBean(BreakersHealthIndicator.class)
					.doesNotHaveBean(Boot3BreakersHealthAutoConfiguration.class);
				assertThat(context.getBean("breakersHealthIndicator")).isInstanceOf(BreakersHealthIndicator.class);
				context.getBean(CircuitBreakerRegistry.class).circuitBreaker("payments").transitionToForcedOpen();
				Health health = context.getBean(BreakersHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(new Status("CIRCUIT_OPEN"));
				assertThat(health.getDetails()).containsOnlyKeys("payments");
			});
	}

	@Test
	void runWhenEnabledWithoutIncludeShouldWarn(CapturedOutput output) {
		this.contextRunner.withPropertyValues("management.health.breakers.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(BreakersHealthIndicator.class));
		assertThat(output).contains("The breakers health indicator is enabled but reports no circuit breaker; set "
				+ "management.health.breakers.include to breaker names, or to * for all");
	}

	@Test
	void runWithoutHealthClassesShouldStartWithoutIndicator() {
		this.contextRunner.withPropertyValues("management.health.breakers.enabled=true")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(CircuitBreakerRegistry.class)
				.doesNotHaveBean("breakersHealthIndicator"));
	}

	@Test
	void runWhenDisabledShouldNotCreateIndicator() {
		this.contextRunner.withPropertyValues("management.health.breakers.enabled=true", "resilience.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("breakersHealthIndicator"));
	}

	@Test
	void runWhenUserDefinesIndicatorShouldUseIt() {
		HealthIndicator own = () -> Health.up().build();
		this.contextRunner.withPropertyValues("management.health.breakers.enabled=true")
			.withBean("breakersHealthIndicator", HealthIndicator.class, () -> own)
			.run((context) -> assertThat(context).getBean("breakersHealthIndicator").isSameAs(own));
	}

}
