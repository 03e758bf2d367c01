package dev.resilience.benchmarks.spring;

import java.util.List;

import org.aopalliance.intercept.MethodInterceptor;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The baseline application: a bean whose method goes through a proxy with one interceptor that
 * only proceeds, so that a call costs what Spring AOP itself costs. Neither resilience library
 * is configured.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class NoOpAdviceApplication {

	/**
	 * Starts the application.
	 * @return the running context
	 */
	static ConfigurableApplicationContext start() {
		ConfigurableApplicationContext context = ApplicationContexts.start(NoOpAdviceApplication.class,
				List.of(ApplicationContexts.OURS, ApplicationContexts.RESILIENCE4J));
		ApplicationContexts.checkAbsent(context, "dev.resilience.spring.aop.ResilienceAdvisor");
		ApplicationContexts.checkAbsent(context, "io.github.resilience4j.spring6.circuitbreaker.configure.CircuitBreakerAspect");
		return context;
	}

	@Bean
	static Advisor noOpAdvisor() {
		MethodInterceptor proceed = (invocation) -> invocation.proceed();
		return new DefaultPointcutAdvisor(AnnotationMatchingPointcut.forMethodAnnotation(NoOpAdvised.class), proceed);
	}

	@Bean
	NoOpAdvisedService noOpAdvisedService() {
		return new NoOpAdvisedService();
	}

	/**
	 * A bean with one advised method.
	 */
	public static class NoOpAdvisedService {

		private final Object value = new Object();

		/**
		 * Returns a value.
		 * @return the same object on every call
		 */
		@NoOpAdvised
		public Object call() {
			return this.value;
		}

	}

}
