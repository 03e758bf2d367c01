package dev.resilience.benchmarks.spring;

import java.util.List;

import dev.resilience.spring.annotation.CircuitGuarded;
import dev.resilience.spring.annotation.Retryable;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The application of our starter: a bean whose method carries {@link Retryable} and
 * {@link CircuitGuarded}, with the same retry and breaker settings as the other benchmarks.
 * Resilience4j's auto-configurations are excluded.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class OurApplication {

	/**
	 * Starts the application.
	 * @return the running context
	 */
	static ConfigurableApplicationContext start() {
		ConfigurableApplicationContext context = ApplicationContexts.start(OurApplication.class,
				List.of(ApplicationContexts.RESILIENCE4J));
		ApplicationContexts.checkAbsent(context, "io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry");
		ApplicationContexts.checkAbsent(context, "io.github.resilience4j.retry.RetryRegistry");
		return context;
	}

	@Bean
	GuardedService guardedService() {
		return new GuardedService();
	}

	/**
	 * A bean with one retried and guarded method. The annotation values equal the settings of the
	 * plain benchmarks: 3 attempts 500 ms apart, a count window of 100 calls, rates from 100 calls
	 * on, and a failure-rate threshold of 50 percent.
	 */
	public static class GuardedService {

		private final Object value = new Object();

		/**
		 * Returns a value.
		 * @return the same object on every call
		 */
		@Retryable(name = "annotated", maxAttempts = 3, waitDuration = "500ms")
		@CircuitGuarded(name = "annotated", slidingWindowSize = 100, minimumNumberOfCalls = 100,
				failureRateThreshold = 50)
		public Object call() {
			return this.value;
		}

	}

}
