package dev.resilience.spring.actuate;

import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.spring.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.spring.events.BreakerEventRecorder;
import dev.resilience.spring.events.ResilienceEventsAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link BreakersEndpoint} and its web extension. It applies only when
 * Spring Boot Actuator is on the classpath, and the endpoint is created only when it is available,
 * that is enabled and exposed, for example with
 * {@code management.endpoints.web.exposure.include=breakers}.
 * <p>
 * The actuator classes are named as strings in the class-level condition, and the condition that
 * needs them sits on the bean method. So without Actuator this class is skipped before any actuator
 * type is loaded.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { ResilienceAutoConfiguration.class, ResilienceEventsAutoConfiguration.class })
@ConditionalOnClass(name = { "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
		"org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint" })
@ConditionalOnProperty(prefix = "resilience", name = "enabled", havingValue = "true", matchIfMissing = true)
public final class BreakersEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(CircuitBreakerRegistry.class)
	@ConditionalOnAvailableEndpoint(endpoint = BreakersEndpoint.class)
	BreakersEndpoint breakersEndpoint(CircuitBreakerRegistry registry,
			ObjectProvider<BreakerEventRecorder> eventRecorder) {
		return new BreakersEndpoint(registry, eventRecorder.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(BreakersEndpoint.class)
	@ConditionalOnAvailableEndpoint(endpoint = BreakersEndpoint.class)
	BreakersEndpointWebExtension breakersEndpointWebExtension(BreakersEndpoint endpoint) {
		return new BreakersEndpointWebExtension(endpoint);
	}

}
