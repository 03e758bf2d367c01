package dev.resilience.benchmarks.spring;

import java.util.List;

import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The application of Resilience4j's Spring Boot 4 module: a bean whose method carries
 * {@link Retry} and {@link CircuitBreaker}, configured through properties with the same retry and
 * breaker settings as the other benchmarks. Our starter's auto-configurations are excluded.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class Resilience4jApplication {

	/**
	 * Starts the application. The breaker keeps Resilience4j's default window strategy,
	 * {@code SYNCHRONIZED}.
	 * @return the running context
	 */
	static ConfigurableApplicationContext start() {
		ConfigurableApplicationContext context = ApplicationContexts.start(Resilience4jApplication.class,
				List.of(ApplicationContexts.OURS),
				"resilience4j.retry.instances.annotated.max-attempts=3",
				"resilience4j.retry.instances.annotated.wait-duration=500ms",
				"resilience4j.circuitbreaker.instances.annotated.sliding-window-type=COUNT_BASED",
				"resilience4j.circuitbreaker.instances.annotated.sliding-window-size=100",
				"resilience4j.circuitbreaker.instances.annotated.minimum-number-of-calls=100",
				"resilience4j.circuitbreaker.instances.annotated.failure-rate-threshold=50");
		ApplicationContexts.checkAbsent(context, "dev.resilience.spring.aop.ResilienceAdvisor");
		ApplicationContexts.checkAbsent(context, "dev.resilience.core.breaker.CircuitBreakerRegistry");
		return context;
	}

	@Bean
	AnnotatedService annotatedService() {
		return new AnnotatedService();
	}

	/**
	 * A bean with one retried and guarded method.
	 */
	public static class AnnotatedService {

		private final Object value = new Object();

		/**
		 * Returns a value.
		 * @return the same object on every call
		 */
		@Retry(name = "annotated")
		@CircuitBreaker(name = "annotated")
		public Object call() {
			return this.value;
		}

	}

}
