package dev.resilience.spring.health;

import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.spring.autoconfigure.ResilienceAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code breakers} health indicator on Spring Boot 4. It applies only
 * with {@code management.health.breakers.enabled=true}.
 * <p>
 * The indicator class of Spring Boot 3.5 is compiled against that line's health types and has an
 * auto-configuration of its own in the {@code boot3} package. Each line's indicator sits behind a
 * condition on the class name of that line's {@code HealthIndicator}, so exactly one applies.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ResilienceAutoConfiguration.class)
@ConditionalOnProperty(prefix = "resilience", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(BreakersHealthProperties.class)
public final class BreakersHealthAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	@ConditionalOnProperty(prefix = "management.health.breakers", name = "enabled", havingValue = "true")
	static class HealthIndicatorConfiguration {

		@Bean
		@ConditionalOnBean(CircuitBreakerRegistry.class)
		@ConditionalOnMissingBean(name = "breakersHealthIndicator")
		BreakersHealthIndicator breakersHealthIndicator(CircuitBreakerRegistry registry,
				BreakersHealthProperties properties) {
			return new BreakersHealthIndicator(new BreakersHealth(registry, properties.getInclude()));
		}

	}

}
