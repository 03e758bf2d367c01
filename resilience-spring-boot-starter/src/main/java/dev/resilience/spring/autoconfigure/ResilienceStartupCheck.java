package dev.resilience.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.core.retry.RetryRegistry;
import dev.resilience.spring.aop.ResilienceAdvisor;
import dev.resilience.spring.aop.UninterceptableMethods;
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
 * fallback and each annotated retry and breaker. It logs one warning that lists every annotated
 * method of a singleton that its proxy cannot intercept. It then checks the configured defaults,
 * the templates, and the configured instances that no annotated method uses. Lazy and
 * non-singleton beans are checked at their first call instead.
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
		List<String> uninterceptable = new ArrayList<>();
		for (String beanName : this.beanFactory.getBeanNamesForType(Object.class, false, false)) {
			Object bean = this.beanFactory.getSingleton(beanName);
			if (bean != null) {
				prepared += advisor.getInterceptor().preparePipelines(bean);
				for (String method : UninterceptableMethods.find(bean, advisor.getInterceptor())) {
					uninterceptable.add(method + " (bean '" + beanName + "')");
				}
			}
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Prepared the resilience pipelines of " + prepared + " advised methods");
		}
		if (!uninterceptable.isEmpty() && logger.isWarnEnabled()) {
			logger.warn(uninterceptableMessage(uninterceptable));
		}
	}

	/**
	 * Builds one warning for all annotated methods that their proxies cannot intercept, so that a
	 * large application logs them together instead of once per method.
	 */
	private static String uninterceptableMessage(List<String> methods) {
		StringBuilder message = new StringBuilder();
		message.append(methods.size())
			.append((methods.size() == 1) ? " method carries" : " methods carry")
			.append(" @Retryable or @CircuitGuarded, but Spring AOP proxies cannot intercept ")
			.append((methods.size() == 1) ? "it" : "them")
			.append(", so the annotations have no effect:");
		for (String method : methods) {
			message.append(System.lineSeparator()).append("  - ").append(method);
		}
		message.append(System.lineSeparator())
			.append("Make each method an instance method that is neither private nor final, and call it through ")
			.append("the bean, not through 'this'. For a bean proxied through its interfaces, declare the method on ")
			.append("an interface or set spring.aop.proxy-target-class=true.");
		return message.toString();
	}

	private void checkProperties() {
		this.retryConfigResolver.validateDefaults();
		this.retryConfigResolver.validateTemplates();
		RetryRegistry retries = this.retryRegistry.getIfUnique();
		for (String name : this.retryProperties.getInstances().keySet()) {
			if (retries == null || retries.find(name).isEmpty()) {
				this.retryConfigResolver.resolve(name);
			}
		}
		this.breakerConfigResolver.validateDefaults();
		this.breakerConfigResolver.validateTemplates();
		CircuitBreakerRegistry breakers = this.breakerRegistry.getIfUnique();
		for (String name : this.breakerProperties.getInstances().keySet()) {
			if (breakers == null || breakers.find(name).isEmpty()) {
				this.breakerConfigResolver.resolve(name);
			}
		}
	}

}
