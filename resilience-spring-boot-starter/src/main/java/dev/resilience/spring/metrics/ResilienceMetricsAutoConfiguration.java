package dev.resilience.spring.metrics;

import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.core.retry.RetryRegistry;
import dev.resilience.spring.autoconfigure.ResilienceAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the meter binders for retry instances and circuit breakers. It applies
 * only when Micrometer is on the classpath. Spring Boot binds the binders to its meter registries.
 * <p>
 * Spring Boot's metrics auto-configurations are named as strings, once with their Spring Boot 4
 * package and once with their Spring Boot 3.5 package. A class reference would fail to load on the
 * line that lacks the class, and a single name would lose the ordering on the other line.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ResilienceAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
@ConditionalOnProperty(prefix = "resilience", name = "enabled", havingValue = "true", matchIfMissing = true)
public final class ResilienceMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(CircuitBreakerRegistry.class)
	CircuitBreakerMeterBinder circuitBreakerMeterBinder(CircuitBreakerRegistry breakerRegistry) {
		return new CircuitBreakerMeterBinder(breakerRegistry);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(RetryRegistry.class)
	RetryMeterBinder retryMeterBinder(RetryRegistry retryRegistry) {
		return new RetryMeterBinder(retryRegistry);
	}

}
