package dev.resilience.spring.aop;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.core.breaker.CallNotPermittedException;
import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.core.retry.Retry;
import dev.resilience.core.retry.RetryListener;
import dev.resilience.core.retry.RetryMetrics;
import dev.resilience.core.retry.RetryRegistry;
import dev.resilience.core.time.ManualClock;
import dev.resilience.spring.annotation.CircuitGuarded;
import dev.resilience.spring.annotation.Retryable;
import dev.resilience.spring.autoconfigure.ResilienceAutoConfiguration;
import org.junit.jupiter.api.Test;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.test.util.AopTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the advice on methods that return {@code Mono} or {@code Flux}, on real proxies in a
 * Spring context whose retries and breakers run on a {@link ManualClock}.
 */
class ReactiveAdviceTests {

	private static final Duration WAIT = Duration.ofSeconds(1);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withUserConfiguration(ManualClockConfiguration.class)
		.withBean(ReactiveService.class);

	@Test
	void monoRetriedForEveryKindOfFailure() {
		this.contextRunner.run((context) -> {
			ReactiveService service = context.getBean(ReactiveService.class);
			ManualClock clock = context.getBean(ManualClock.class);
			ReactiveService target = target(service);
			target.later = Sinks.one();

			Mono<String> result = service.monoKinds();

			assertThat(target.monoKindsCalls).hasValue(0);
			StepVerifier.create(result).then(() -> {
				assertThat(target.monoKindsCalls).hasValue(1);
				clock.advance(WAIT);
				assertThat(target.monoKindsCalls).hasValue(2);
				clock.advance(WAIT);
				assertThat(target.monoKindsCalls).hasValue(3);
				clock.advance(Duration.ofSeconds(5));
				assertThat(target.monoKindsCalls).hasValue(3);
				target.later.tryEmitError(new IOException("failed later"));
				clock.advance(WAIT);
			}).expectNext("done").verifyComplete();

			assertThat(target.monoKindsCalls).hasValue(4);
			assertThat(retry(context, "monoKinds").getMetrics()).isEqualTo(new RetryMetrics(0, 1, 0, 0, 4));
		});
	}

	@Test
	void fluxRetriedForEveryKindOfFailure() {
		this.contextRunner.run((context) -> {
			ReactiveService service = context.getBean(ReactiveService.class);
			ManualClock clock = context.getBean(ManualClock.class);
			ReactiveService target = target(service);
			target.later = Sinks.one();

			StepVerifier.create(service.fluxKinds()).then(() -> {
				clock.advance(WAIT);
				clock.advance(WAIT);
			}).expectNext("partial").then(() -> {
				target.later.tryEmitError(new IOException("failed later"));
				clock.advance(WAIT);
			}).expectNext("a", "b").verifyComplete();

			assertThat(target.fluxKindsCalls).hasValue(4);
			assertThat(retry(context, "fluxKinds").getMetrics()).isEqualTo(new RetryMetrics(0, 1, 0, 0, 4));
		});
	}

	@Test
	void monoLastErrorAfterRetries() {
		this.contextRunner.run((context) -> {
			ReactiveService service = context.getBean(ReactiveService.class);
			ManualClock clock = context.getBean(ManualClock.class);

			StepVerifier.create(service.alwaysFails())
				.then(() -> clock.advance(WAIT))
				.then(() -> clock.advance(WAIT))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(IOException.class)
					.hasMessage("failure 3"))
				.verify();

			assertThat(target(service).alwaysFailsCalls).hasValue(3);
			assertThat(retry(context, "alwaysFails").getMetrics()).isEqualTo(new RetryMetrics(0, 0, 1, 0, 3));
		});
	}

	@Test
	void openBreakerRejectsMonoWithoutRetrying() {
		this.contextRunner.run((context) -> {
			ReactiveService service = context.getBean(ReactiveService.class);
			ManualClock clock = context.getBean(ManualClock.class);
			CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).find("monoGuarded").orElseThrow();
			Retry retry = retry(context, "monoGuarded");
			List<Integer> retriedAttempts = new ArrayList<>();
			retry.addListener(new RetryListener() {

				@Override
				public void onRetry(Retry source, int attempt, Throwable error, Duration wait) {
					retriedAttempts.add(attempt);
				}

			});

			StepVerifier.create(service.guarded())
				.then(() -> clock.advance(WAIT))
				.then(() -> assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN))
				.then(() -> clock.advance(WAIT))
				.expectError(CallNotPermittedException.class)
				.verify();
			assertThat(target(service).guardedCalls).hasValue(2);
			assertThat(retriedAttempts).containsExactly(1, 2);
			assertThat(clock.pendingTasks()).isZero();

			StepVerifier.create(service.guarded()).expectError(CallNotPermittedException.class).verify();
			assertThat(target(service).guardedCalls).hasValue(2);
			assertThat(retriedAttempts).containsExactly(1, 2);
			assertThat(clock.pendingTasks()).isZero();
			assertThat(breaker.getMetrics().notPermittedCalls()).isEqualTo(2);
			assertThat(retry.getMetrics()).isEqualTo(new RetryMetrics(0, 0, 1, 1, 4));
		});
	}

	@Test
	void cancelReleasesHalfOpenPermit() {
		this.contextRunner.run((context) -> {
			ReactiveService service = context.getBean(ReactiveService.class);
			ManualClock clock = context.getBean(ManualClock.class);
			CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).find("halfOpen").orElseThrow();
			breaker.transitionToOpen();
			clock.advance(Duration.ofSeconds(2));

			StepVerifier.create(service.neverCompletes()).expectSubscription().then(() -> {
				assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
				StepVerifier.create(service.neverCompletes()).expectError(CallNotPermittedException.class).verify();
			}).thenCancel().verify();
			assertThat(target(service).neverCompletesCalls).hasValue(1);

			StepVerifier.create(service.neverCompletes())
				.expectSubscription()
				.then(() -> assertThat(target(service).neverCompletesCalls).hasValue(2))
				.thenCancel()
				.verify();
			assertThat(breaker.getMetrics().bufferedCalls()).isZero();
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
		});
	}

	@Test
	void monoFallbackReturningMono() {
		this.contextRunner.run((context) -> {
			ReactiveService service = context.getBean(ReactiveService.class);
			ManualClock clock = context.getBean(ManualClock.class);

			StepVerifier.create(service.withMonoFallback())
				.then(() -> clock.advance(WAIT))
				.expectNext("fallback:down 2")
				.verifyComplete();

			assertThat(target(service).withMonoFallbackCalls).hasValue(2);
		});
	}

	@Test
	void monoFallbackValueWrapped() {
		this.contextRunner.run((context) -> {
			ReactiveService service = context.getBean(ReactiveService.class);

			StepVerifier.create(service.withPlainFallback()).expectNext("plain:broken").verifyComplete();
			StepVerifier.create(service.withNullFallback()).verifyComplete();
		});
	}

	@Test
	void fluxFallbackReturningFlux() {
		this.contextRunner.run((context) -> {
			ReactiveService service = context.getBean(ReactiveService.class);

			StepVerifier.create(service.withFluxFallback()).expectNext("x", "y").verifyComplete();
		});
	}

	@Test
	void fluxFallbackElementWrapped() {
		this.contextRunner.run((context) -> {
			ReactiveService service = context.getBean(ReactiveService.class);

			StepVerifier.create(service.withElementFallback()).expectNext("only").verifyComplete();
		});
	}

	@Test
	void fallbackHandlesRejection() {
		this.contextRunner.run((context) -> {
			ReactiveService service = context.getBean(ReactiveService.class);
			context.getBean(CircuitBreakerRegistry.class).find("rejectedMono").orElseThrow().transitionToOpen();

			StepVerifier.create(service.rejected()).expectNext("rejected by rejectedMono").verifyComplete();

			assertThat(target(service).rejectedCalls).hasValue(0);
		});
	}

	@Test
	void ignoredErrorSkipsFallback() {
		this.contextRunner.run((context) -> {
			ReactiveService service = context.getBean(ReactiveService.class);

			StepVerifier.create(service.ignored()).expectError(IllegalArgumentException.class).verify();

			assertThat(target(service).ignoredCalls).hasValue(1);
		});
	}

	@Test
	void nullPublisherFailsAttempt() {
		this.contextRunner.run((context) -> {
			ReactiveService service = context.getBean(ReactiveService.class);

			StepVerifier.create(service.returnsNull())
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(IllegalStateException.class)
					.hasMessage("ReactiveService.returnsNull returned null instead of a Mono"))
				.verify();
		});
	}

	@Test
	void fallbackOfWrongTypeFailsAtStartup() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withBean(WrongFallbackService.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("Rejected: Integer fallback(Throwable): the return type Integer is not "
							+ "assignable to Mono or its element type String")
					.hasMessageContaining("returning a type assignable to Mono or its element type String.");
			});
	}

	@Test
	void monoSubtypeFailsAtStartup() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withBean(MonoSubtypeService.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).isInstanceOf(IllegalStateException.class)
					.hasMessage("MonoSubtypeService.quote returns " + QuoteMono.class.getName()
							+ ", which is not supported. Declare the return type as Mono or Flux.");
			});
	}

	private static Retry retry(AssertableApplicationContext context, String name) {
		return context.getBean(RetryRegistry.class).find(name).orElseThrow();
	}

	private static <T> T target(T proxy) {
		assertThat(AopUtils.isAopProxy(proxy)).isTrue();
		return AopTestUtils.getTargetObject(proxy);
	}

	static class ReactiveService {

		final AtomicInteger monoKindsCalls = new AtomicInteger();

		final AtomicInteger fluxKindsCalls = new AtomicInteger();

		final AtomicInteger alwaysFailsCalls = new AtomicInteger();

		final AtomicInteger guardedCalls = new AtomicInteger();

		final AtomicInteger neverCompletesCalls = new AtomicInteger();

		final AtomicInteger withMonoFallbackCalls = new AtomicInteger();

		final AtomicInteger rejectedCalls = new AtomicInteger();

		final AtomicInteger ignoredCalls = new AtomicInteger();

		volatile Sinks.One<String> later;

		@Retryable(name = "monoKinds", maxAttempts = 4, waitDuration = "1s")
		public Mono<String> monoKinds() {
			return switch (this.monoKindsCalls.incrementAndGet()) {
				case 1 -> throw new IllegalStateException("thrown by the method");
				case 2 -> Mono.error(new IOException("signalled"));
				case 3 -> this.later.asMono();
				default -> Mono.just("done");
			};
		}

		@Retryable(name = "fluxKinds", maxAttempts = 4, waitDuration = "1s")
		public Flux<String> fluxKinds() {
			return switch (this.fluxKindsCalls.incrementAndGet()) {
				case 1 -> throw new IllegalStateException("thrown by the method");
				case 2 -> Flux.error(new IOException("signalled"));
				case 3 -> Flux.just("partial").concatWith(this.later.asMono());
				default -> Flux.just("a", "b");
			};
		}

		@Retryable(name = "alwaysFails", maxAttempts = 3, waitDuration = "1s")
		public Mono<String> alwaysFails() {
			return Mono.error(new IOException("failure " + this.alwaysFailsCalls.incrementAndGet()));
		}

		@Retryable(name = "monoGuarded", maxAttempts = 3, waitDuration = "1s")
		@CircuitGuarded(name = "monoGuarded", slidingWindowSize = 4, minimumNumberOfCalls = 2,
				failureRateThreshold = 50, waitDurationInOpenState = "1h")
		public Mono<String> guarded() {
			return Mono.error(new IllegalStateException("failure " + this.guardedCalls.incrementAndGet()));
		}

		@CircuitGuarded(name = "halfOpen", waitDurationInOpenState = "1s", permittedNumberOfCallsInHalfOpenState = 1)
		public Mono<String> neverCompletes() {
			this.neverCompletesCalls.incrementAndGet();
			return Mono.never();
		}

		@Retryable(name = "monoFallback", maxAttempts = 2, waitDuration = "1s", fallbackMethod = "monoFallback")
		public Mono<String> withMonoFallback() {
			return Mono.error(new IOException("down " + this.withMonoFallbackCalls.incrementAndGet()));
		}

		Mono<String> monoFallback(IOException ex) {
			return Mono.just("fallback:" + ex.getMessage());
		}

		@CircuitGuarded(name = "plainFallback", fallbackMethod = "plainFallback")
		public Mono<String> withPlainFallback() {
			return Mono.error(new IllegalStateException("broken"));
		}

		String plainFallback(IllegalStateException ex) {
			return "plain:" + ex.getMessage();
		}

		@CircuitGuarded(name = "nullFallback", fallbackMethod = "nullFallback")
		public Mono<String> withNullFallback() {
			return Mono.error(new IllegalStateException("broken"));
		}

		String nullFallback(Throwable ex) {
			return null;
		}

		@CircuitGuarded(name = "fluxFallback", fallbackMethod = "fluxFallback")
		public Flux<String> withFluxFallback() {
			return Flux.error(new IllegalStateException("broken"));
		}

		Flux<String> fluxFallback(Throwable ex) {
			return Flux.just("x", "y");
		}

		@CircuitGuarded(name = "elementFallback", fallbackMethod = "elementFallback")
		public Flux<String> withElementFallback() {
			return Flux.error(new IllegalStateException("broken"));
		}

		String elementFallback(Throwable ex) {
			return "only";
		}

		@CircuitGuarded(name = "rejectedMono", fallbackMethod = "rejectedFallback")
		public Mono<String> rejected() {
			this.rejectedCalls.incrementAndGet();
			return Mono.just("called");
		}

		Mono<String> rejectedFallback(CallNotPermittedException ex) {
			return Mono.just("rejected by " + ex.getBreakerName());
		}

		@Retryable(name = "ignoredMono", maxAttempts = 3, waitDuration = "1s",
				ignoreExceptions = IllegalArgumentException.class, fallbackMethod = "ignoredFallback")
		public Mono<String> ignored() {
			this.ignoredCalls.incrementAndGet();
			return Mono.error(new IllegalArgumentException("invalid"));
		}

		String ignoredFallback(Throwable ex) {
			return "fallback";
		}

		@CircuitGuarded(name = "returnsNull")
		public Mono<String> returnsNull() {
			return null;
		}

	}

	static class QuoteMono extends Mono<String> {

		@Override
		public void subscribe(CoreSubscriber<? super String> actual) {
			Mono.just("quote").subscribe(actual);
		}

	}

	static class MonoSubtypeService {

		@Retryable
		public QuoteMono quote() {
			return new QuoteMono();
		}

	}

	static class WrongFallbackService {

		@Retryable(fallbackMethod = "fallback")
		public Mono<String> quote() {
			return Mono.just("quote");
		}

		Integer fallback(Throwable ex) {
			return 0;
		}

	}

}
