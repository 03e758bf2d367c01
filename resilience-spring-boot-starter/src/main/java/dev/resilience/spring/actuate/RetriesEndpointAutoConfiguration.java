package dev.resilience.spring.actuate;

import dev.resilience.core.retry.RetryRegistry;
import dev.resilience.spring.autoconfigure.ResilienceAutoConfiguration;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link RetriesEndpoint}. Like the breakers endpoint, it applies only
 * with Spring Boot Actuator on the classpath, and the endpoint is created only when it is enabled
 * and exposed, for example with {@code management.endpoints.web.exposure.include=retries}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ResilienceAutoConfiguration.class)
@ConditionalOnClass(name = { "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
		"org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint" })
@ConditionalOnProperty(prefix = "resilience", name = "enabled", havingValue = "true", matchIfMissing = true)
public final class RetriesEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(RetryRegistry.class)
	@ConditionalOnAvailableEndpoint(endpoint = RetriesEndpoint.class)
	RetriesEndpoint retriesEndpoint(RetryRegistry registry) {
		return new RetriesEndpoint(registry);
	}

}
