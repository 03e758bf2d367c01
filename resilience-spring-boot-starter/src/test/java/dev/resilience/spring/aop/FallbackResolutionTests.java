package dev.resilience.spring.aop;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.spring.annotation.CircuitGuarded;
import dev.resilience.spring.annotation.Retryable;
import dev.resilience.spring.autoconfigure.ResilienceAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.ResponseEntity;
import org.springframework.test.util.AopTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Tests for the resolution and choice of fallback methods, on real proxies in a Spring context.
 */
class FallbackResolutionTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class));

	@Test
	void ioExceptionPicksFirstFallback() {
		this.contextRunner.withBean(QuoteService.class).run((context) -> {
			QuoteService service = context.getBean(QuoteService.class);
			target(service).failure = new IOException("down");
			assertThat(service.quote("ACME", 2)).isEqualTo("io:ACME:2:down");
		});
	}

	@Test
	void illegalStateExceptionPicksSecondFallback() {
		this.contextRunner.withBean(QuoteService.class).run((context) -> {
			QuoteService service = context.getBean(QuoteService.class);
			target(service).failure = new IllegalStateException("broken");
			assertThat(service.quote("ACME", 3)).isEqualTo("exception:ACME:3:broken");
		});
	}

	@Test
	void subclassPicksClosestSuperclass() {
		this.contextRunner.withBean(QuoteService.class).run((context) -> {
			QuoteService service = context.getBean(QuoteService.class);
			target(service).failure = new FileNotFoundException("gone");
			assertThat(service.quote("ACME", 4)).isEqualTo("io:ACME:4:gone");
		});
	}

	@Test
	void errorPicksThrowableFallback() {
		this.contextRunner.withBean(QuoteService.class).run((context) -> {
			QuoteService service = context.getBean(QuoteService.class);
			target(service).failure = new StackOverflowError("deep");
			assertThat(service.quote("ACME", 5)).isEqualTo("throwable:deep");
		});
	}

	@Test
	void wrongArityFailsStartup() {
		this.contextRunner.withBean(WrongArityService.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("Invalid fallbackMethod 'quoteFallback' of @Retryable on WrongArityService.quote")
				.hasMessageContaining("String quoteFallback(String, IOException): the parameters do not match")
				.hasMessageContaining("Declare quoteFallback(String, int), quoteFallback(String, int, "
						+ "<Throwable subtype>) or quoteFallback(<Throwable subtype>)");
		});
	}

	@Test
	void sameExceptionTypeTwiceFailsStartup() {
		this.contextRunner.withBean(AmbiguousService.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(IllegalStateException.class)
				.hasMessage("Ambiguous fallbackMethod 'quoteFallback' of @CircuitGuarded on AmbiguousService.quote: "
						+ "String quoteFallback(IOException) and String quoteFallback(String, int, IOException) both "
						+ "handle IOException, so neither is closer to a thrown exception. A method without an "
						+ "exception parameter handles Throwable. Remove one of them, or give them different "
						+ "exception types.");
		});
	}

	@Test
	void argumentsOnlyAndThrowableFailStartup() {
		this.contextRunner.withBean(AmbiguousThrowableService.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasMessageContaining("String quoteFallback(String) and String quoteFallback(Throwable) both handle "
						+ "Throwable");
		});
	}

	@Test
	void optionalOfOtherTypeFailsStartup() {
		this.contextRunner.withBean(OptionalMismatchService.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining(
					"Optional<Integer> find(Throwable): the return type Optional<Integer> is not assignable to "
							+ "Optional<String>");
		});
	}

	@Test
	void responseEntityOfOtherTypeFailsStartup() {
		this.contextRunner.withBean(ResponseEntityMismatchService.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining(
					"the return type ResponseEntity<Object> is not assignable to ResponseEntity<String>");
		});
	}

	@Test
	void listOfOtherTypeFailsStartup() {
		this.contextRunner.withBean(ListMismatchService.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasMessageContaining("the return type List<Object> is not assignable to List<String>");
		});
	}

	@Test
	void futureOfOtherTypeFailsStartup() {
		this.contextRunner.withBean(FutureMismatchService.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining(
					"the return type CompletableFuture<Integer> is not assignable to CompletableFuture<String>");
		});
	}

	@Test
	void matchingGenericReturnTypesWork() throws Exception {
		this.contextRunner.withBean(GenericService.class).run((context) -> {
			GenericService service = context.getBean(GenericService.class);
			assertThat(service.find("ACME")).contains("cached:ACME");
			assertThat(service.entity()).isEqualTo(ResponseEntity.ok("cached"));
			assertThat(service.names()).containsExactly("cached");
			assertThat(new ArrayList<Number>(service.numbers())).containsExactly(1);
			assertThat(service.later().get(10, TimeUnit.SECONDS)).isEqualTo("cached");
		});
	}

	@Test
	void fallbackInSuperclassFound() {
		this.contextRunner.withBean(SubclassService.class).run((context) -> {
			SubclassService service = context.getBean(SubclassService.class);
			assertThat(service.quote("ACME")).isEqualTo("inherited:ACME:down");
		});
	}

	@Test
	void staticFallbackCalled() {
		this.contextRunner.withBean(StaticFallbackService.class).run((context) -> {
			StaticFallbackService service = context.getBean(StaticFallbackService.class);
			assertThat(service.quote("ACME")).isEqualTo("static:ACME");
		});
	}

	@Test
	void fallbackRunsOnceOutsideRetryAndBreaker() {
		this.contextRunner.withBean(LayeredService.class).run((context) -> {
			LayeredService service = context.getBean(LayeredService.class);
			CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).find("layered").orElseThrow();
			assertThat(service.quote()).isEqualTo("fallback after 3");
			assertThat(target(service).calls).hasValue(3);
			assertThat(target(service).fallbackCalls).hasValue(1);
			assertThat(breaker.getMetrics().failedCalls()).isEqualTo(3);
		});
	}

	@Test
	void fallbackExceptionNotRetried() {
		this.contextRunner.withBean(FailingFallbackService.class).run((context) -> {
			FailingFallbackService service = context.getBean(FailingFallbackService.class);
			assertThatIOException().isThrownBy(service::quote).withMessage("fallback failed");
			assertThat(target(service).calls).hasValue(2);
			assertThat(target(service).fallbackCalls).hasValue(1);
		});
	}

	@Test
	void unmatchedExceptionRethrownUnchanged() {
		this.contextRunner.withBean(NarrowFallbackService.class).run((context) -> {
			NarrowFallbackService service = context.getBean(NarrowFallbackService.class);
			IllegalStateException failure = new IllegalStateException("not an I/O failure");
			target(service).failure = failure;
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(service::quote)
				.isSameAs(failure);
		});
	}

	@Test
	void breakerIgnoredExceptionSkipsFallback() {
		this.contextRunner.withBean(IgnoringService.class).run((context) -> {
			IgnoringService service = context.getBean(IgnoringService.class);
			assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(service::quote)
				.withMessage("bad symbol");
			assertThat(target(service).fallbackCalls).hasValue(0);
		});
	}

	@Test
	void retryIgnoredExceptionSkipsFallback() {
		this.contextRunner.withBean(IgnoringService.class).run((context) -> {
			IgnoringService service = context.getBean(IgnoringService.class);
			assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(service::retried)
				.withMessage("unsupported");
			assertThat(target(service).retriedCalls).hasValue(1);
			assertThat(target(service).fallbackCalls).hasValue(0);
		});
	}

	private static <T> T target(T proxy) {
		return AopTestUtils.getTargetObject(proxy);
	}

	static class QuoteService {

		volatile Throwable failure;

		@Retryable(maxAttempts = 1, fallbackMethod = "quoteFallback")
		public String quote(String symbol, int amount) throws IOException {
			if (this.failure instanceof IOException ioException) {
				throw ioException;
			}
			if (this.failure instanceof RuntimeException runtimeException) {
				throw runtimeException;
			}
			throw (Error) this.failure;
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

	}

	static class WrongArityService {

		@Retryable(fallbackMethod = "quoteFallback")
		public String quote(String symbol, int amount) {
			return symbol;
		}

		String quoteFallback(String symbol, IOException ex) {
			return symbol;
		}

	}

	static class AmbiguousService {

		@CircuitGuarded(fallbackMethod = "quoteFallback")
		public String quote(String symbol, int amount) throws IOException {
			throw new IOException("down");
		}

		String quoteFallback(String symbol, int amount, IOException ex) {
			return "long";
		}

		String quoteFallback(IOException ex) {
			return "short";
		}

	}

	static class AmbiguousThrowableService {

		@CircuitGuarded(fallbackMethod = "quoteFallback")
		public String quote(String symbol) {
			return symbol;
		}

		String quoteFallback(String symbol) {
			return "arguments";
		}

		String quoteFallback(Throwable ex) {
			return "throwable";
		}

	}

	static class OptionalMismatchService {

		@CircuitGuarded(fallbackMethod = "find")
		public Optional<String> lookup(String symbol) {
			return Optional.of(symbol);
		}

		Optional<Integer> find(Throwable ex) {
			return Optional.empty();
		}

	}

	static class ResponseEntityMismatchService {

		@CircuitGuarded(fallbackMethod = "entityFallback")
		public ResponseEntity<String> entity() {
			return ResponseEntity.ok("live");
		}

		ResponseEntity<Object> entityFallback(Throwable ex) {
			return ResponseEntity.ok("cached");
		}

	}

	static class ListMismatchService {

		@CircuitGuarded(fallbackMethod = "namesFallback")
		public List<String> names() {
			return List.of("live");
		}

		List<Object> namesFallback(Throwable ex) {
			return List.of("cached");
		}

	}

	static class FutureMismatchService {

		@CircuitGuarded(fallbackMethod = "laterFallback")
		public CompletableFuture<String> later() {
			return CompletableFuture.completedFuture("live");
		}

		CompletableFuture<Integer> laterFallback(Throwable ex) {
			return CompletableFuture.completedFuture(0);
		}

	}

	static class GenericService {

		@Retryable(maxAttempts = 1, fallbackMethod = "findFallback")
		public Optional<String> find(String symbol) {
			throw new IllegalStateException("down");
		}

		Optional<String> findFallback(String symbol, Exception ex) {
			return Optional.of("cached:" + symbol);
		}

		@Retryable(maxAttempts = 1, fallbackMethod = "entityFallback")
		public ResponseEntity<String> entity() {
			throw new IllegalStateException("down");
		}

		ResponseEntity<String> entityFallback(Throwable ex) {
			return ResponseEntity.ok("cached");
		}

		@Retryable(maxAttempts = 1, fallbackMethod = "namesFallback")
		public List<String> names() {
			throw new IllegalStateException("down");
		}

		ArrayList<String> namesFallback(Throwable ex) {
			return new ArrayList<>(List.of("cached"));
		}

		@Retryable(maxAttempts = 1, fallbackMethod = "numbersFallback")
		public List<? extends Number> numbers() {
			throw new IllegalStateException("down");
		}

		List<Integer> numbersFallback(Throwable ex) {
			return List.of(1);
		}

		@Retryable(maxAttempts = 1, fallbackMethod = "laterFallback")
		public CompletableFuture<String> later() {
			return CompletableFuture.failedFuture(new IOException("down"));
		}

		CompletableFuture<String> laterFallback(IOException ex) {
			return CompletableFuture.completedFuture("cached");
		}

	}

	abstract static class BaseQuoteService {

		String inheritedFallback(String symbol, IOException ex) {
			return "inherited:" + symbol + ":" + ex.getMessage();
		}

	}

	static class SubclassService extends BaseQuoteService {

		@Retryable(maxAttempts = 1, fallbackMethod = "inheritedFallback")
		public String quote(String symbol) throws IOException {
			throw new IOException("down");
		}

	}

	static class StaticFallbackService {

		@CircuitGuarded(fallbackMethod = "staticFallback")
		public String quote(String symbol) {
			throw new IllegalStateException("down");
		}

		static String staticFallback(String symbol, RuntimeException ex) {
			return "static:" + symbol;
		}

	}

	static class LayeredService {

		final AtomicInteger calls = new AtomicInteger();

		final AtomicInteger fallbackCalls = new AtomicInteger();

		@Retryable(name = "layered", maxAttempts = 3, waitDuration = "0ms", fallbackMethod = "quoteFallback")
		@CircuitGuarded(name = "layered", slidingWindowSize = 10, minimumNumberOfCalls = 10)
		public String quote() {
			throw new IllegalStateException("failure " + this.calls.incrementAndGet());
		}

		String quoteFallback(IllegalStateException ex) {
			this.fallbackCalls.incrementAndGet();
			return "fallback after " + this.calls.get();
		}

	}

	static class FailingFallbackService {

		final AtomicInteger calls = new AtomicInteger();

		final AtomicInteger fallbackCalls = new AtomicInteger();

		@Retryable(maxAttempts = 2, waitDuration = "0ms", fallbackMethod = "quoteFallback")
		public String quote() throws IOException {
			this.calls.incrementAndGet();
			throw new IllegalStateException("down");
		}

		String quoteFallback(Throwable ex) throws IOException {
			this.fallbackCalls.incrementAndGet();
			throw new IOException("fallback failed");
		}

	}

	static class NarrowFallbackService {

		volatile RuntimeException failure;

		@CircuitGuarded(fallbackMethod = "ioFallback")
		public String quote() throws IOException {
			throw this.failure;
		}

		String ioFallback(IOException ex) {
			return "io";
		}

	}

	static class IgnoringService {

		final AtomicInteger retriedCalls = new AtomicInteger();

		final AtomicInteger fallbackCalls = new AtomicInteger();

		@CircuitGuarded(ignoreExceptions = IllegalArgumentException.class, fallbackMethod = "quoteFallback")
		public String quote() {
			throw new IllegalArgumentException("bad symbol");
		}

		@Retryable(maxAttempts = 3, waitDuration = "0ms", ignoreExceptions = UnsupportedOperationException.class,
				fallbackMethod = "quoteFallback")
		public String retried() {
			this.retriedCalls.incrementAndGet();
			throw new UnsupportedOperationException("unsupported");
		}

		String quoteFallback(Throwable ex) {
			this.fallbackCalls.incrementAndGet();
			return "fallback";
		}

	}

}
