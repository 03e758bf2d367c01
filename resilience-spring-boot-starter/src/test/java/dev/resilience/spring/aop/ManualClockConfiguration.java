package dev.resilience.spring.aop;

import dev.resilience.core.breaker.CircuitBreakerConfig;
import dev.resilience.core.retry.RetryConfig;
import dev.resilience.core.time.ManualClock;
import dev.resilience.spring.config.BreakerConfigResolver;
import dev.resilience.spring.config.BreakerProperties;
import dev.resilience.spring.config.RetryConfigResolver;
import dev.resilience.spring.config.RetryProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes every retry and circuit breaker of a test context wait, measure time and schedule on one
 * {@link ManualClock} bean, so that retries run only when a test advances the clock.
 */
@Configuration(proxyBeanMethods = false)
public class ManualClockConfiguration {

	@Bean
	ManualClock manualClock() {
		return new ManualClock();
	}

	@Bean
	RetryConfigResolver retryConfigResolver(RetryProperties properties, ManualClock clock) {
		return new RetryConfigResolver(properties,
				RetryConfig.custom().ticker(clock).sleeper(clock).scheduler(clock).build());
	}

	@Bean
	BreakerConfigResolver breakerConfigResolver(BreakerProperties properties, ManualClock clock) {
		return new BreakerConfigResolver(properties,
				CircuitBreakerConfig.custom().ticker(clock).scheduler(clock).build());
	}

}
