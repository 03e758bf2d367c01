package dev.resilience.spring.events;

import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.spring.autoconfigure.ResilienceAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the breaker event history and of the log lines and application events of
 * state transitions. Both need only the core and Spring, so they apply whenever the circuit
 * breaker registry exists.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ResilienceAutoConfiguration.class)
@ConditionalOnProperty(prefix = "resilience", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnBean(CircuitBreakerRegistry.class)
@EnableConfigurationProperties(BreakerEventsProperties.class)
public final class ResilienceEventsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BreakerEventRecorder breakerEventRecorder(CircuitBreakerRegistry registry, BreakerEventsProperties properties) {
		return new BreakerEventRecorder(registry, properties.getEventsBufferSize());
	}

	@Bean
	@ConditionalOnMissingBean
	BreakerTransitionNotifier breakerTransitionNotifier(CircuitBreakerRegistry registry,
			ApplicationEventPublisher eventPublisher) {
		return new BreakerTransitionNotifier(registry, eventPublisher);
	}

}
