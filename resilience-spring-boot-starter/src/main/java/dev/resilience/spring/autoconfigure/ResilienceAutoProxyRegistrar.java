package dev.resilience.spring.autoconfigure;

import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers an auto-proxy creator unless one is registered already, so that the resilience
 * advisor is applied even where Spring Boot's AOP auto-configuration is absent or turned off with
 * {@code spring.aop.auto=false}.
 * <p>
 * The creator registered here applies only advisors with the infrastructure role, which the
 * resilience advisor has. When Spring Boot's AOP auto-configuration runs, it upgrades the creator
 * to its own, which applies every advisor.
 */
class ResilienceAutoProxyRegistrar implements ImportBeanDefinitionRegistrar {

	@Override
	public void registerBeanDefinitions(AnnotationMetadata importingClassMetadata, BeanDefinitionRegistry registry) {
		AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
	}

}
