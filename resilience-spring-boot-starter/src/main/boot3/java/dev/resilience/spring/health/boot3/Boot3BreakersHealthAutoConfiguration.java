package dev.resilience.spring.health.boot3;

import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.spring.health.BreakersHealth;
import dev.resilience.spring.health.BreakersHealthAutoConfiguration;
import dev.resilience.spring.health.BreakersHealthProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code breakers} health indicator on Spring Boot 3.5. It applies only
 * with {@code management.health.breakers.enabled=true} and when that line's
 * {@code HealthIndicator} is on the class path; on Spring Boot 4,
 * {@link BreakersHealthAutoConfiguration} adds the indicator instead.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = BreakersHealthAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@ConditionalOnProperty(prefix = "management.health.breakers", name = "enabled", havingValue = "true")
@ConditionalOnBean({ CircuitBreakerRegistry.class, BreakersHealthProperties.class })
public final class Boot3BreakersHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "breakersHealthIndicator")
	Boot3BreakersHealthIndicator breakersHealthIndicator(CircuitBreakerRegistry registry,
			BreakersHealthProperties properties) {
		return new Boot3BreakersHealthIndicator(new BreakersHealth(registry, properties.getInclude()));
	}

}
