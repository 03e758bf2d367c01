package dev.resilience.benchmarks.spring;

import java.util.concurrent.TimeUnit;

import dev.resilience.benchmarks.spring.NoOpAdviceApplication.NoOpAdvisedService;
import dev.resilience.benchmarks.spring.OurApplication.GuardedService;
import dev.resilience.benchmarks.spring.Resilience4jApplication.AnnotatedService;
import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.core.retry.RetryRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.aop.support.AopUtils;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The cost of calling a bean method that carries a retry and a circuit breaker annotation, through
 * the proxy of a running Spring Boot application, on one thread: our {@code @Retryable} with
 * {@code @CircuitGuarded}, Resilience4j's {@code @Retry} with {@code @CircuitBreaker}, and a proxy
 * with one interceptor that only proceeds as the baseline.
 *
 * <p>Each variant has its own state class and so its own application context, which JMH starts
 * only in the fork that runs that variant. The call succeeds on its first attempt.
 *
 * <p>The state classes are thread-safe after setup: the beans they hold are.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AnnotatedCallBenchmark {

	/**
	 * Runs the baseline call.
	 * @param application the running baseline application
	 * @return the method's value
	 */
	@Benchmark
	public Object baseline(NoOpAdvice application) {
		return application.service.call();
	}

	/**
	 * Runs the call advised by our starter.
	 * @param application the running application of our starter
	 * @return the method's value
	 */
	@Benchmark
	public Object ours(Ours application) {
		return application.service.call();
	}

	/**
	 * Runs the call advised by Resilience4j.
	 * @param application the running Resilience4j application
	 * @return the method's value
	 */
	@Benchmark
	public Object resilience4j(Resilience4j application) {
		return application.service.call();
	}

	private static void checkProxied(Object bean) {
		if (!AopUtils.isAopProxy(bean)) {
			throw new IllegalStateException("Bean " + bean + " is not an AOP proxy, so the benchmark would measure "
					+ "a plain call; check the application's auto-configuration");
		}
	}

	/**
	 * The baseline application.
	 */
	@State(Scope.Benchmark)
	public static class NoOpAdvice {

		private ConfigurableApplicationContext context;

		NoOpAdvisedService service;

		/**
		 * Starts the application and checks that the bean is proxied.
		 */
		@Setup
		public void start() {
			this.context = NoOpAdviceApplication.start();
			this.service = this.context.getBean(NoOpAdvisedService.class);
			checkProxied(this.service);
		}

		/**
		 * Closes the application.
		 */
		@TearDown
		public void stop() {
			this.context.close();
		}

	}

	/**
	 * The application of our starter.
	 */
	@State(Scope.Benchmark)
	public static class Ours {

		private ConfigurableApplicationContext context;

		GuardedService service;

		/**
		 * Starts the application and checks that the bean is proxied.
		 */
		@Setup
		public void start() {
			this.context = OurApplication.start();
			this.service = this.context.getBean(GuardedService.class);
			checkProxied(this.service);
		}

		/**
		 * Checks that the calls went through a closed breaker and succeeded on the first attempt,
		 * then closes the application.
		 */
		@TearDown
		public void stop() {
			CircuitBreaker breaker = this.context.getBean(CircuitBreakerRegistry.class)
				.find("annotated")
				.orElseThrow(() -> new IllegalStateException("No circuit breaker 'annotated' was created"));
			if (breaker.getState() != CircuitBreaker.State.CLOSED || breaker.getMetrics().bufferedCalls() != 100) {
				throw new IllegalStateException("Expected a closed breaker with a full window, but found " + breaker
						+ " with " + breaker.getMetrics());
			}
			long successes = this.context.getBean(RetryRegistry.class)
				.find("annotated")
				.orElseThrow(() -> new IllegalStateException("No retry 'annotated' was created"))
				.getMetrics()
				.successWithoutRetry();
			if (successes == 0) {
				throw new IllegalStateException("Retry 'annotated' counted no first-attempt success");
			}
			this.context.close();
		}

	}

	/**
	 * The Resilience4j application.
	 */
	@State(Scope.Benchmark)
	public static class Resilience4j {

		private ConfigurableApplicationContext context;

		AnnotatedService service;

		/**
		 * Starts the application and checks that the bean is proxied.
		 */
		@Setup
		public void start() {
			this.context = Resilience4jApplication.start();
			this.service = this.context.getBean(AnnotatedService.class);
			checkProxied(this.service);
		}

		/**
		 * Checks that the calls went through a closed breaker and succeeded on the first attempt,
		 * then closes the application.
		 */
		@TearDown
		public void stop() {
			io.github.resilience4j.circuitbreaker.CircuitBreaker breaker = this.context
				.getBean(io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry.class)
				.circuitBreaker("annotated");
			if (breaker.getState() != io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED
					|| breaker.getMetrics().getNumberOfBufferedCalls() != 100) {
				throw new IllegalStateException("Expected a closed breaker with a full window, but found "
						+ breaker.getState() + " with " + breaker.getMetrics().getNumberOfBufferedCalls() + " calls");
			}
			long successes = this.context.getBean(io.github.resilience4j.retry.RetryRegistry.class)
				.retry("annotated")
				.getMetrics()
				.getNumberOfSuccessfulCallsWithoutRetryAttempt();
			if (successes == 0) {
				throw new IllegalStateException("Retry 'annotated' counted no first-attempt success");
			}
			this.context.close();
		}

	}

}
