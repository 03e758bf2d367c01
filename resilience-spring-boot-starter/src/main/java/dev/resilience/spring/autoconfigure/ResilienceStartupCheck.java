package dev.resilience.spring.autoconfigure;

import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.core.retry.RetryRegistry;
import dev.resilience.spring.aop.ResilienceAdvisor;
import dev.resilience.spring.config.BreakerConfigResolver;
import dev.resilience.spring.config.BreakerProperties;
import dev.resilience.spring.config.RetryConfigResolver;
import dev.resilience.spring.config.RetryProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Checks the resilience setup once every singleton exists, so that mistakes stop the application
 * at startup instead of failing its first calls.
 * <p>
 * It builds the pipelines of the advised methods of every singleton proxy, which resolves each
 * fallback and each annotated retry and breaker. It then checks the configured defaults and the
 * configured instances that no annotated method uses. Lazy and non-singleton beans are checked at
 * their first call instead.
 */
class ResilienceStartupCheck implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(ResilienceStartupCheck.class);

	private final ConfigurableListableBeanFactory beanFactory;

	private final ObjectProvider<ResilienceAdvisor> advisor;

	private final RetryProperties retryProperties;

	private final RetryConfigResolver retryConfigResolver;

	private final ObjectProvider<RetryRegistry> retryRegistry;

	private final BreakerProperties breakerProperties;

	private final BreakerConfigResolver breakerConfigResolver;

	private final ObjectProvider<CircuitBreakerRegistry> breakerRegistry;

	ResilienceStartupCheck(ConfigurableListableBeanFactory beanFactory, ObjectProvider<ResilienceAdvisor> advisor,
			RetryProperties retryProperties, RetryConfigResolver retryConfigResolver,
			ObjectProvider<RetryRegistry> retryRegistry, BreakerProperties breakerProperties,
			BreakerConfigResolver breakerConfigResolver, ObjectProvider<CircuitBreakerRegistry> breakerRegistry) {
		this.beanFactory = beanFactory;
		this.advisor = advisor;
		this.retryProperties = retryProperties;
		this.retryConfigResolver = retryConfigResolver;
		this.retryRegistry = retryRegistry;
		this.breakerProperties = breakerProperties;
		this.breakerConfigResolver = breakerConfigResolver;
		this.breakerRegistry = breakerRegistry;
	}

	@Override
	public void afterSingletonsInstantiated() {
		preparePipelines();
		checkProperties();
	}

	private void preparePipelines() {
		ResilienceAdvisor advisor = this.advisor.getIfUnique();
		if (advisor == null) {
			return;
		}
		int prepared = 0;
		for (String beanName : this.beanFactory.getBeanNamesForType(Object.class, false, false)) {
			Object bean = this.beanFactory.getSingleton(beanName);
			if (bean != null) {
				prepared += advisor.getInterceptor().preparePipelines(bean);
			}
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Prepared the resilience pipelines of " + prepared + " advised methods");
		}
	}

	private void checkProperties() {
		this.retryConfigResolver.validateDefaults();
		RetryRegistry retries = this.retryRegistry.getIfUnique();
		for (String name : this.retryProperties.getInstances().keySet()) {
			if (retries == null || retries.find(name).isEmpty()) {
				this.retryConfigResolver.resolve(name);
			}
		}
		this.breakerConfigResolver.validateDefaults();
		CircuitBreakerRegistry breakers = this.breakerRegistry.getIfUnique();
		for (String name : this.breakerProperties.getInstances().keySet()) {
			if (breakers == null || breakers.find(name).isEmpty()) {
				this.breakerConfigResolver.resolve(name);
			}
		}
	}

}
