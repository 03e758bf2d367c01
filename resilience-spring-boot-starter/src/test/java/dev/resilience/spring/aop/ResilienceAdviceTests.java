package dev.resilience.spring.aop;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.core.breaker.CallNotPermittedException;
import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.core.retry.Retry;
import dev.resilience.core.retry.RetryListener;
import dev.resilience.core.retry.RetryRegistry;
import dev.resilience.spring.annotation.CircuitGuarded;
import dev.resilience.spring.annotation.Retryable;
import dev.resilience.spring.autoconfigure.ResilienceAutoConfiguration;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.RootClassFilter;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.test.util.AopTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Tests for the resilience advice on real proxies in a Spring context.
 */
class ResilienceAdviceTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withUserConfiguration(ServicesConfiguration.class);

	@Test
	void retryRunsMaxAttemptsThenThrows() {
		this.contextRunner.run((context) -> {
			CountingService service = context.getBean(CountingService.class);
			assertThat(AopUtils.isCglibProxy(service)).isTrue();
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(service::alwaysFails)
				.withMessage("failure 3");
			assertThat(target(service).alwaysFailsCalls).hasValue(3);
		});
	}

	@Test
	void retryStopsAtFirstSuccess() {
		this.contextRunner.run((context) -> {
			CountingService service = context.getBean(CountingService.class);
			assertThat(service.succeedsOnSecondAttempt()).isEqualTo("ok after 2");
			assertThat(target(service).succeedsOnSecondAttemptCalls).hasValue(2);
		});
	}

	@Test
	void eachAttemptRunsInnerAdvice() {
		this.contextRunner.run((context) -> {
			CountingService service = context.getBean(CountingService.class);
			InnerAdviceCounter counter = context.getBean(InnerAdviceCounter.class);
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(service::alwaysFails);
			assertThat(counter.calls).hasValue(3);
		});
	}

	@Test
	void ignoredCheckedExceptionReachesCallerUnchanged() {
		this.contextRunner.run((context) -> {
			QuoteClient client = context.getBean(QuoteClient.class);
			QuoteClientImpl target = (QuoteClientImpl) target(client);
			assertThat(AopUtils.isJdkDynamicProxy(client)).isTrue();
			assertThatIOException().isThrownBy(client::fetch).withMessage("offline");
			assertThat(target.fetchCalls).hasValue(1);
			assertThat(target.fallbackCalls).hasValue(0);
		});
	}

	@Test
	void retriedCheckedExceptionReachesCallerUnchanged() {
		this.contextRunner.run((context) -> {
			CountingService service = context.getBean(CountingService.class);
			assertThatIOException().isThrownBy(service::readFails).withMessage("read 3");
			assertThat(target(service).readFailsCalls).hasValue(3);
		});
	}

	@Test
	void openBreakerRejectsWithoutRetrying() {
		this.contextRunner.run((context) -> {
			CountingService service = context.getBean(CountingService.class);
			CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).find("guarded").orElseThrow();
			Retry retry = context.getBean(RetryRegistry.class).find("guarded").orElseThrow();
			AtomicInteger retries = new AtomicInteger();
			retry.addListener(new RetryListener() {

				@Override
				public void onRetry(Retry source, int attempt, Throwable error, Duration wait) {
					retries.incrementAndGet();
				}

			});

			assertThatExceptionOfType(CallNotPermittedException.class).isThrownBy(service::guarded);
			assertThat(target(service).guardedCalls).hasValue(2);
			assertThat(retries).hasValue(2);
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

			assertThatExceptionOfType(CallNotPermittedException.class).isThrownBy(service::guarded);
			assertThat(target(service).guardedCalls).hasValue(2);
			assertThat(retries).hasValue(2);
			assertThat(breaker.getMetrics().notPermittedCalls()).isEqualTo(2);
		});
	}

	@Test
	void breakerOpensAfterFailureThreshold() {
		this.contextRunner.run((context) -> {
			QuoteService service = context.getBean(QuoteService.class);
			CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).find("breakerOnly").orElseThrow();
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(service::breakerOnly);
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(service::breakerOnly);
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
			assertThatExceptionOfType(CallNotPermittedException.class).isThrownBy(service::breakerOnly);
			assertThat(target(service).breakerOnlyCalls).hasValue(2);
		});
	}

	@Test
	void ioExceptionPicksIoFallback() {
		this.contextRunner.run((context) -> {
			QuoteService service = context.getBean(QuoteService.class);
			target(service).next = new IOException("down");
			assertThat(service.quote("ACME", 2)).isEqualTo("io:ACME:2:down");
		});
	}

	@Test
	void fallbackWithClosestSuperclassWins() {
		this.contextRunner.run((context) -> {
			QuoteService service = context.getBean(QuoteService.class);
			target(service).next = new FileNotFoundException("missing");
			assertThat(service.quote("ACME", 2)).isEqualTo("io:ACME:2:missing");
			target(service).next = new IllegalStateException("broken");
			assertThat(service.quote("ACME", 3)).isEqualTo("exception:ACME:3:broken");
		});
	}

	@Test
	void fallbackWithThrowableOnlyCatchesErrors() {
		this.contextRunner.run((context) -> {
			QuoteService service = context.getBean(QuoteService.class);
			target(service).next = new AssertionError("bug");
			assertThat(service.quote("ACME", 1)).isEqualTo("throwable:bug");
		});
	}

	@Test
	void fallbackHandlesRejectionOfOpenBreaker() {
		this.contextRunner.run((context) -> {
			QuoteService service = context.getBean(QuoteService.class);
			context.getBean(CircuitBreakerRegistry.class).find("quotes").orElseThrow().transitionToOpen();
			target(service).next = null;
			assertThat(service.quote("ACME", 1)).isEqualTo("exception:ACME:1:Circuit breaker 'quotes' is OPEN "
					+ "and does not permit further calls");
			assertThat(target(service).quoteCalls).hasValue(0);
		});
	}

	@Test
	void fallbackNotCalledWithoutMatchingCandidate() {
		this.contextRunner.run((context) -> {
			QuoteService service = context.getBean(QuoteService.class);
			assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(service::narrowFallback)
				.withMessage("not handled");
		});
	}

	@Test
	void annotationOnInterfaceMethodApplies() {
		this.contextRunner.run((context) -> {
			QuoteClient client = context.getBean(QuoteClient.class);
			QuoteClientImpl target = (QuoteClientImpl) target(client);
			assertThat(client.latest("ACME")).isEqualTo("fallback:ACME");
			assertThat(target.latestCalls).hasValue(2);
			assertThat(target.latestFallbackCalls).hasValue(1);
		});
	}

	@Test
	void annotationOnClassAppliesToPublicMethods() {
		this.contextRunner.run((context) -> {
			ClassLevelService service = context.getBean(ClassLevelService.class);
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(service::first);
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(service::second);
			assertThat(target(service).calls).hasValue(4);
			assertThat(context.getBean(RetryRegistry.class).getNames()).contains("ClassLevelService.first",
					"ClassLevelService.second");
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(service::toString);
			assertThat(target(service).calls).hasValue(5);
			assertThat(context.getBean(RetryRegistry.class).getNames()).doesNotContain("ClassLevelService.toString");
		});
	}

	@Test
	void derivedNameUsesBeanClassAndMethod() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(CircuitBreakerRegistry.class).getNames()).contains("QuoteService.derivedName");
		});
	}

	@Test
	void pipelinesPreparedAtStartup() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(CircuitBreakerRegistry.class).getNames()).containsExactlyInAnyOrder("guarded",
					"breakerOnly", "quotes", "QuoteService.narrowFallback", "QuoteService.derivedName",
					"asyncBreaker");
		});
	}

	@Test
	void completableFutureIsRetriedThenFallsBack() {
		this.contextRunner.run((context) -> {
			AsyncService service = context.getBean(AsyncService.class);
			CompletableFuture<String> result = service.fails();
			assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("fallback:attempt 3");
			assertThat(target(service).failsCalls).hasValue(3);
		});
	}

	@Test
	void completionStageFailureReachesCallerWithoutFallback() {
		this.contextRunner.run((context) -> {
			AsyncService service = context.getBean(AsyncService.class);
			CompletionStage<String> result = service.failsWithoutFallback();
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> result.toCompletableFuture().get(10, TimeUnit.SECONDS))
				.withCauseInstanceOf(IOException.class);
		});
	}

	@Test
	void completableFutureRejectedByOpenBreakerFallsBack() {
		this.contextRunner.run((context) -> {
			AsyncService service = context.getBean(AsyncService.class);
			context.getBean(CircuitBreakerRegistry.class).find("asyncBreaker").orElseThrow().transitionToOpen();
			assertThat(service.guarded().get(10, TimeUnit.SECONDS)).isEqualTo("rejected by asyncBreaker");
			assertThat(target(service).guardedCalls).hasValue(0);
		});
	}

	@Test
	void completableFutureSuccessPassesThrough() {
		this.contextRunner.run((context) -> {
			AsyncService service = context.getBean(AsyncService.class);
			assertThat(service.succeeds().get(10, TimeUnit.SECONDS)).isEqualTo("done");
		});
	}

	@Test
	void fallbackWithWrongArityFailsAtStartup() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withBean(WrongArityService.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("Invalid fallbackMethod 'fallback' of @CircuitGuarded on WrongArityService.quote")
					.hasMessageContaining("Rejected: String fallback(String): the parameters do not match")
					.hasMessageContaining("Declare fallback(String, int), fallback(String, int, <Throwable subtype>)");
			});
	}

	@Test
	void fallbackWithWrongReturnTypeFailsAtStartup() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withBean(WrongReturnTypeService.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasMessageContaining("Integer fallback(Throwable): the return type Integer is not assignable to String");
			});
	}

	@Test
	void missingFallbackFailsAtStartup() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withBean(MissingFallbackService.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasMessageContaining(
						"no method named nowhere exists in " + MissingFallbackService.class.getName());
			});
	}

	@Test
	void fallbackOnBothAnnotationsFailsAtStartup() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withBean(TwoFallbacksService.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).isInstanceOf(IllegalStateException.class)
					.hasMessage("TwoFallbacksService.call declares fallbackMethod on both @Retryable ('first') and "
							+ "@CircuitGuarded ('second'). The fallback runs once, around both, so declare it on "
							+ "only one of them.");
			});
	}

	@Test
	void advisorOrderDefaultsToOutsideTransactions() {
		this.contextRunner.run((context) -> {
			ResilienceAdvisor advisor = context.getBean(ResilienceAdvisor.class);
			assertThat(advisor.getOrder()).isEqualTo(Ordered.LOWEST_PRECEDENCE - 10);
		});
	}

	@Test
	void advisorOrderComesFromProperty() {
		this.contextRunner.withPropertyValues("resilience.aspect.order=42").run((context) -> {
			assertThat(context.getBean(ResilienceAdvisor.class).getOrder()).isEqualTo(42);
		});
	}

	private static <T> T target(T proxy) {
		assertThat(AopUtils.isAopProxy(proxy)).isTrue();
		return AopTestUtils.getTargetObject(proxy);
	}

	@Configuration(proxyBeanMethods = false)
	static class ServicesConfiguration {

		@Bean
		CountingService countingService() {
			return new CountingService();
		}

		@Bean
		QuoteService quoteService() {
			return new QuoteService();
		}

		@Bean
		QuoteClientImpl quoteClient() {
			return new QuoteClientImpl();
		}

		@Bean
		ClassLevelService classLevelService() {
			return new ClassLevelService();
		}

		@Bean
		AsyncService asyncService() {
			return new AsyncService();
		}

		@Bean
		static InnerAdviceCounter innerAdviceCounter() {
			return new InnerAdviceCounter();
		}

		/**
		 * Creates an advisor that takes the place of a transaction advisor. Its order, the lowest
		 * precedence, puts it inside the resilience advisor.
		 */
		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static Advisor innerAdvisor(InnerAdviceCounter counter) {
			DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
					new ComposablePointcut(new RootClassFilter(CountingService.class)),
					(MethodInterceptor) (invocation) -> {
						if (invocation.getMethod().getName().equals("alwaysFails")) {
							counter.calls.incrementAndGet();
						}
						return invocation.proceed();
					});
			advisor.setOrder(Ordered.LOWEST_PRECEDENCE);
			return advisor;
		}

	}

	static class InnerAdviceCounter {

		final AtomicInteger calls = new AtomicInteger();

	}

	static class CountingService {

		final AtomicInteger alwaysFailsCalls = new AtomicInteger();

		final AtomicInteger succeedsOnSecondAttemptCalls = new AtomicInteger();

		final AtomicInteger readFailsCalls = new AtomicInteger();

		final AtomicInteger guardedCalls = new AtomicInteger();

		@Retryable(maxAttempts = 3, waitDuration = "0ms")
		public String alwaysFails() {
			throw new IllegalStateException("failure " + this.alwaysFailsCalls.incrementAndGet());
		}

		@Retryable(maxAttempts = 3, waitDuration = "0ms")
		public String succeedsOnSecondAttempt() {
			int attempt = this.succeedsOnSecondAttemptCalls.incrementAndGet();
			if (attempt < 2) {
				throw new IllegalStateException("failure " + attempt);
			}
			return "ok after " + attempt;
		}

		@Retryable(maxAttempts = 3, waitDuration = "0ms")
		public String readFails() throws IOException {
			throw new IOException("read " + this.readFailsCalls.incrementAndGet());
		}

		@Retryable(name = "guarded", maxAttempts = 3, waitDuration = "0ms")
		@CircuitGuarded(name = "guarded", slidingWindowSize = 4, minimumNumberOfCalls = 2,
				failureRateThreshold = 50, waitDurationInOpenState = "1h")
		public String guarded() {
			throw new IllegalStateException("failure " + this.guardedCalls.incrementAndGet());
		}

	}

	static class QuoteService {

		final AtomicInteger quoteCalls = new AtomicInteger();

		final AtomicInteger breakerOnlyCalls = new AtomicInteger();

		volatile Throwable next;

		@CircuitGuarded(name = "quotes", fallbackMethod = "quoteFallback")
		public String quote(String symbol, int amount) throws IOException {
			this.quoteCalls.incrementAndGet();
			if (this.next instanceof IOException ioException) {
				throw ioException;
			}
			if (this.next instanceof RuntimeException runtimeException) {
				throw runtimeException;
			}
			throw (Error) this.next;
		}

		String quoteFallback(String symbol, int amount, IOException ex) {
			return "io:" + symbol + ":" + amount + ":" + ex.getMessage();
		}

		String quoteFallback(String symbol, int amount, Exception ex) {
			return "exception:" + symbol + ":" + amount + ":" + ex.getMessage();
		}

		String quoteFallback(Throwable ex) {
			return "throwable:" + ex.getMessage();
		}

		@CircuitGuarded(name = "breakerOnly", slidingWindowSize = 2, minimumNumberOfCalls = 2,
				waitDurationInOpenState = "1h")
		public String breakerOnly() {
			throw new IllegalStateException("failure " + this.breakerOnlyCalls.incrementAndGet());
		}

		@CircuitGuarded(fallbackMethod = "ioOnly")
		public String narrowFallback() {
			throw new UnsupportedOperationException("not handled");
		}

		String ioOnly(IOException ex) {
			return "io";
		}

		@CircuitGuarded
		public String derivedName() {
			return "derived";
		}

	}

	interface QuoteClient {

		@Retryable(maxAttempts = 3, waitDuration = "0ms", ignoreExceptions = IOException.class,
				fallbackMethod = "fetchFallback")
		String fetch() throws IOException;

		@Retryable(maxAttempts = 2, waitDuration = "0ms", fallbackMethod = "latestFallback")
		String latest(String symbol);

	}

	static class QuoteClientImpl implements QuoteClient {

		final AtomicInteger fetchCalls = new AtomicInteger();

		final AtomicInteger fallbackCalls = new AtomicInteger();

		final AtomicInteger latestCalls = new AtomicInteger();

		final AtomicInteger latestFallbackCalls = new AtomicInteger();

		@Override
		public String fetch() throws IOException {
			this.fetchCalls.incrementAndGet();
			throw new IOException("offline");
		}

		String fetchFallback(Throwable ex) {
			this.fallbackCalls.incrementAndGet();
			return "fallback";
		}

		@Override
		public String latest(String symbol) {
			this.latestCalls.incrementAndGet();
			throw new IllegalStateException("no quote");
		}

		private String latestFallback(String symbol, IllegalStateException ex) {
			this.latestFallbackCalls.incrementAndGet();
			return "fallback:" + symbol;
		}

	}

	@Retryable(maxAttempts = 2, waitDuration = "0ms")
	static class ClassLevelService {

		final AtomicInteger calls = new AtomicInteger();

		public String first() {
			this.calls.incrementAndGet();
			throw new IllegalStateException("first");
		}

		public String second() {
			this.calls.incrementAndGet();
			throw new IllegalStateException("second");
		}

		@Override
		public String toString() {
			this.calls.incrementAndGet();
			throw new IllegalStateException("toString");
		}

	}

	static class AsyncService {

		final AtomicInteger failsCalls = new AtomicInteger();

		final AtomicInteger guardedCalls = new AtomicInteger();

		@Retryable(maxAttempts = 3, waitDuration = "0ms", fallbackMethod = "failsFallback")
		public CompletableFuture<String> fails() {
			return CompletableFuture.failedFuture(new IOException("attempt " + this.failsCalls.incrementAndGet()));
		}

		CompletableFuture<String> failsFallback(IOException ex) {
			return CompletableFuture.completedFuture("fallback:" + ex.getMessage());
		}

		@Retryable(maxAttempts = 2, waitDuration = "0ms")
		public CompletionStage<String> failsWithoutFallback() {
			return CompletableFuture.failedFuture(new IOException("failed"));
		}

		@CircuitGuarded(name = "asyncBreaker", fallbackMethod = "guardedFallback")
		public CompletableFuture<String> guarded() {
			this.guardedCalls.incrementAndGet();
			return CompletableFuture.completedFuture("guarded");
		}

		CompletableFuture<String> guardedFallback(CallNotPermittedException ex) {
			return CompletableFuture.completedFuture("rejected by " + ex.getBreakerName());
		}

		@Retryable(maxAttempts = 2, waitDuration = "0ms")
		public CompletableFuture<String> succeeds() {
			return CompletableFuture.completedFuture("done");
		}

	}

	static class WrongArityService {

		@CircuitGuarded(fallbackMethod = "fallback")
		public String quote(String symbol, int amount) {
			return symbol;
		}

		String fallback(String symbol) {
			return symbol;
		}

	}

	static class WrongReturnTypeService {

		@Retryable(fallbackMethod = "fallback")
		public String quote() {
			return "quote";
		}

		Integer fallback(Throwable ex) {
			return 0;
		}

	}

	static class MissingFallbackService {

		@Retryable(fallbackMethod = "nowhere")
		public String quote() {
			return "quote";
		}

	}

	static class TwoFallbacksService {

		@Retryable(fallbackMethod = "first")
		@CircuitGuarded(fallbackMethod = "second")
		public String call() {
			return "call";
		}

		String first(Throwable ex) {
			return "first";
		}

		String second(Throwable ex) {
			return "second";
		}

	}

}
