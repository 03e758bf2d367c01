package dev.resilience.spring.autoconfigure;

import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.core.retry.RetryRegistry;
import dev.resilience.spring.aop.ResilienceAdvisor;
import dev.resilience.spring.aop.ResilienceInterceptor;
import dev.resilience.spring.aop.ResiliencePipelineFactory;
import dev.resilience.spring.config.BreakerConfigResolver;
import dev.resilience.spring.config.BreakerProperties;
import dev.resilience.spring.config.RetryConfigResolver;
import dev.resilience.spring.config.RetryProperties;
import dev.resilience.spring.observation.CallObserver;
import dev.resilience.spring.observation.ObservationCallObserver;
import dev.resilience.spring.observation.ResilienceObservationConvention;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the retry and circuit breaker registries and of the advice that applies
 * {@code @Retryable} and {@code @CircuitGuarded}. Each bean backs off when the application defines
 * its own. {@code resilience.enabled=false} turns it off.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "resilience", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties({ ResilienceProperties.class, RetryProperties.class, BreakerProperties.class })
@Import(ResilienceAutoProxyRegistrar.class)
public final class ResilienceAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RetryConfigResolver retryConfigResolver(RetryProperties properties) {
		return new RetryConfigResolver(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	BreakerConfigResolver breakerConfigResolver(BreakerProperties properties) {
		return new BreakerConfigResolver(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	RetryRegistry retryRegistry(RetryConfigResolver configResolver) {
		return new RetryRegistry(configResolver::resolve);
	}

	@Bean
	@ConditionalOnMissingBean
	CircuitBreakerRegistry circuitBreakerRegistry(BreakerConfigResolver configResolver) {
		return new CircuitBreakerRegistry(configResolver::resolve);
	}

	@Bean
	@ConditionalOnMissingBean
	ResiliencePipelineFactory resiliencePipelineFactory(RetryRegistry retryRegistry,
			RetryConfigResolver retryConfigResolver, CircuitBreakerRegistry breakerRegistry,
			BreakerConfigResolver breakerConfigResolver) {
		return new ResiliencePipelineFactory(retryRegistry, retryConfigResolver, breakerRegistry,
				breakerConfigResolver);
	}

	/**
	 * Creates the advisor. The method is static and reads its order from the environment, and the
	 * interceptor looks up the pipeline factory and the call observer only at the first call. The
	 * auto-proxy creator instantiates advisors before other beans, and this keeps that from creating
	 * this configuration, the properties or the registries early.
	 */
	@Bean
	@ConditionalOnMissingBean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static ResilienceAdvisor resilienceAdvisor(ObjectProvider<ResiliencePipelineFactory> pipelineFactory,
			ObjectProvider<CallObserver> callObserver, Environment environment) {
		ResilienceAdvisor advisor = new ResilienceAdvisor(new ResilienceInterceptor(pipelineFactory::getObject,
				() -> callObserver.getIfAvailable(() -> CallObserver.NONE)));
		advisor.setOrder(Binder.get(environment)
			.bind("resilience.aspect.order", Integer.class)
			.orElse(ResilienceAdvisor.DEFAULT_ORDER));
		return advisor;
	}

	@Bean
	ResilienceStartupCheck resilienceStartupCheck(ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<ResilienceAdvisor> advisor, RetryProperties retryProperties,
			RetryConfigResolver retryConfigResolver, ObjectProvider<RetryRegistry> retryRegistry,
			BreakerProperties breakerProperties, BreakerConfigResolver breakerConfigResolver,
			ObjectProvider<CircuitBreakerRegistry> breakerRegistry) {
		return new ResilienceStartupCheck(beanFactory, advisor, retryProperties, retryConfigResolver, retryRegistry,
				breakerProperties, breakerConfigResolver, breakerRegistry);
	}

	/**
	 * Observes protected calls when micrometer-observation is on the classpath. The observer looks
	 * up the {@link ObservationRegistry} bean at the first call, so it records nothing when there is
	 * none, and the order of auto-configurations does not matter.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.observation.ObservationRegistry")
	static class ObservationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CallObserver resilienceCallObserver(ObjectProvider<ObservationRegistry> observationRegistry,
				ObjectProvider<ResilienceObservationConvention> convention) {
			return new ObservationCallObserver(observationRegistry::getIfUnique, convention::getIfUnique);
		}

	}

}
