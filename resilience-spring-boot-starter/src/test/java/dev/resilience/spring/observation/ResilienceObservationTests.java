package dev.resilience.spring.observation;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.core.breaker.CallNotPermittedException;
import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.core.time.ManualClock;
import dev.resilience.spring.annotation.CircuitGuarded;
import dev.resilience.spring.annotation.Retryable;
import dev.resilience.spring.aop.ManualClockConfiguration;
import dev.resilience.spring.autoconfigure.ResilienceAutoConfiguration;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.test.util.AopTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for the {@code resilience.call} observations of the advice, recorded in a
 * {@link TestObservationRegistry}, which also checks that every observation is started, scoped and
 * stopped in a valid order.
 */
class ResilienceObservationTests {

	private static final Duration WAIT = Duration.ofSeconds(1);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withUserConfiguration(ManualClockConfiguration.class)
		.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
		.withBean(ObservedService.class);

	@Test
	void successObservedOnce() {
		this.contextRunner.run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			List<String> events = recordEvents(registry);

			assertThat(context.getBean(ObservedService.class).succeeds()).isEqualTo("ok");

			TestObservationRegistryAssert.assertThat(registry)
				.hasSingleObservationThat()
				.hasNameEqualTo("resilience.call")
				.hasContextualNameEqualTo("ObservedService.succeeds")
				.hasLowCardinalityKeyValue("resilience.name", "succeeds")
				.hasLowCardinalityKeyValue("resilience.outcome", "success")
				.hasHighCardinalityKeyValue("resilience.attempts", "1")
				.doesNotHaveError()
				.hasBeenStarted()
				.hasBeenStopped();
			assertThat(events).isEmpty();
		});
	}

	@Test
	void retriesRecordedAsEvents() {
		this.contextRunner.run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			List<String> events = recordEvents(registry);

			assertThat(context.getBean(ObservedService.class).fallsBack()).isEqualTo("fallback");

			TestObservationRegistryAssert.assertThat(registry)
				.hasSingleObservationThat()
				.hasLowCardinalityKeyValue("resilience.name", "fallsBack")
				.hasLowCardinalityKeyValue("resilience.outcome", "fallback")
				.hasHighCardinalityKeyValue("resilience.attempts", "3")
				.hasEvent("retry", "attempt 3")
				.doesNotHaveError()
				.hasBeenStopped();
			assertThat(events).containsExactly("retry: attempt 2", "retry: attempt 3");
		});
	}

	@Test
	void rejectionRecordedAsEventAndOutcome() {
		this.contextRunner.run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			List<String> events = recordEvents(registry);
			context.getBean(CircuitBreakerRegistry.class).find("observedBreaker").orElseThrow().transitionToOpen();

			assertThatExceptionOfType(CallNotPermittedException.class)
				.isThrownBy(context.getBean(ObservedService.class)::guarded);

			TestObservationRegistryAssert.assertThat(registry)
				.hasSingleObservationThat()
				.hasLowCardinalityKeyValue("resilience.name", "observedBreaker")
				.hasLowCardinalityKeyValue("resilience.outcome", "rejected")
				.hasError()
				.hasBeenStopped();
			assertThat(events).containsExactly("rejected: rejected by circuit breaker observedBreaker");
		});
	}

	@Test
	void failureRecordedWithError() {
		this.contextRunner.run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);

			assertThatIllegalStateException().isThrownBy(context.getBean(ObservedService.class)::fails)
				.withMessage("down");

			TestObservationRegistryAssert.assertThat(registry)
				.hasSingleObservationThat()
				.hasLowCardinalityKeyValue("resilience.outcome", "failure")
				.hasHighCardinalityKeyValue("resilience.attempts", "2")
				.assertThatError()
				.isInstanceOf(IllegalStateException.class)
				.hasMessage("down");
		});
	}

	@Test
	void futureAttemptsRunInObservationScope() {
		this.contextRunner.run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			ObservedService service = context.getBean(ObservedService.class);
			ManualClock clock = context.getBean(ManualClock.class);

			CompletableFuture<String> result = service.future();
			TestObservationRegistryAssert.assertThat(registry).hasSingleObservationThat().isNotStopped();
			clock.advance(WAIT);
			clock.advance(WAIT);

			assertThat(result).isCompletedWithValue("done");
			TestObservationRegistryAssert.assertThat(registry)
				.hasSingleObservationThat()
				.hasLowCardinalityKeyValue("resilience.outcome", "success")
				.hasHighCardinalityKeyValue("resilience.attempts", "3")
				.hasBeenStopped();
			List<Observation> current = target(service).currentObservations;
			assertThat(current).hasSize(3);
			assertThat(current).allSatisfy((observation) -> assertThat(observation.getContext())
				.isInstanceOfSatisfying(ResilienceCallContext.class,
						(callContext) -> assertThat(callContext.getMethodName()).isEqualTo("ObservedService.future")));
			assertThat(current).containsOnly(current.get(0));
			assertThat(registry.getCurrentObservation()).isNull();
		});
	}

	@Test
	void cancelledFutureObservedAsCancelled() {
		this.contextRunner.run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			ObservedService service = context.getBean(ObservedService.class);
			ManualClock clock = context.getBean(ManualClock.class);

			CompletableFuture<String> result = service.failingFuture();
			assertThat(clock.pendingTasks()).isEqualTo(1);
			result.cancel(false);
			clock.advance(Duration.ofSeconds(10));

			assertThat(clock.pendingTasks()).isZero();
			assertThat(target(service).failingFutureCalls).hasValue(1);
			TestObservationRegistryAssert.assertThat(registry)
				.hasSingleObservationThat()
				.hasLowCardinalityKeyValue("resilience.outcome", "cancelled")
				.doesNotHaveError()
				.hasBeenStopped();
		});
	}

	@Test
	void monoObservedPerSubscription() {
		this.contextRunner.run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			ObservedService service = context.getBean(ObservedService.class);
			Mono<String> call = service.mono();

			TestObservationRegistryAssert.assertThat(registry).doesNotHaveAnyObservation();
			StepVerifier.create(call).expectNext("value").verifyComplete();
			StepVerifier.create(call).expectNext("value").verifyComplete();

			TestObservationRegistryAssert.assertThat(registry)
				.hasNumberOfObservationsWithNameEqualTo("resilience.call", 2)
				.forAllObservationsWithNameEqualTo("resilience.call",
						(observation) -> observation.hasLowCardinalityKeyValue("resilience.outcome", "success")
							.hasLowCardinalityKeyValue("resilience.name", "mono")
							.doesNotHaveError());
			List<Observation> current = target(service).currentObservations;
			assertThat(current).hasSize(2);
			assertThat(current).allSatisfy(
					(observation) -> assertThat(observation.getContext()).isInstanceOf(ResilienceCallContext.class));
		});
	}

	@Test
	void fluxFailureObserved() {
		this.contextRunner.run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			List<String> events = recordEvents(registry);
			ManualClock clock = context.getBean(ManualClock.class);

			StepVerifier.create(context.getBean(ObservedService.class).failingFlux())
				.then(() -> clock.advance(WAIT))
				.expectError(IOException.class)
				.verify();

			TestObservationRegistryAssert.assertThat(registry)
				.hasSingleObservationThat()
				.hasLowCardinalityKeyValue("resilience.outcome", "failure")
				.hasHighCardinalityKeyValue("resilience.attempts", "2")
				.hasError()
				.hasBeenStopped();
			assertThat(events).containsExactly("retry: attempt 2");
		});
	}

	@Test
	void cancelledMonoObservedAsCancelled() {
		this.contextRunner.run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);

			StepVerifier.create(context.getBean(ObservedService.class).never())
				.expectSubscription()
				.thenCancel()
				.verify();

			TestObservationRegistryAssert.assertThat(registry)
				.hasSingleObservationThat()
				.hasLowCardinalityKeyValue("resilience.outcome", "cancelled")
				.hasBeenStopped();
		});
	}

	@Test
	void callerObservationIsParent() {
		this.contextRunner.run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			ObservedService service = context.getBean(ObservedService.class);
			Observation parent = Observation.createNotStarted("caller", registry);

			parent.observe(service::succeeds);

			TestObservationRegistryAssert.assertThat(registry)
				.hasObservationWithNameEqualTo("resilience.call")
				.that()
				.hasParentObservationEqualTo(parent);
		});
	}

	@Test
	void subscriberContextObservationIsParent() {
		this.contextRunner.run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			ObservedService service = context.getBean(ObservedService.class);
			Observation parent = Observation.start("subscriber", registry);

			StepVerifier.create(service.mono().contextWrite(Context.of(ObservationThreadLocalAccessor.KEY, parent)))
				.expectNext("value")
				.verifyComplete();
			parent.stop();

			TestObservationRegistryAssert.assertThat(registry)
				.hasObservationWithNameEqualTo("resilience.call")
				.that()
				.hasParentObservationEqualTo(parent);
		});
	}

	@Test
	void monoAttemptSeesObservationInReactorContext() {
		this.contextRunner.run((context) -> {
			ObservedService service = context.getBean(ObservedService.class);

			Observation seen = service.observationInReactorContext().block(Duration.ofSeconds(10));

			assertThat(seen).isNotNull();
			assertThat(seen.getContext()).isInstanceOfSatisfying(ResilienceCallContext.class,
					(callContext) -> assertThat(callContext.getMethodName())
						.isEqualTo("ObservedService.observationInReactorContext"));
		});
	}

	@Test
	void customConventionUsed() {
		this.contextRunner.withBean(ResilienceObservationConvention.class, CustomConvention::new).run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);

			context.getBean(ObservedService.class).succeeds();

			TestObservationRegistryAssert.assertThat(registry)
				.hasSingleObservationThat()
				.hasNameEqualTo("custom.call")
				.hasLowCardinalityKeyValue("custom.instance", "succeeds");
		});
	}

	@Test
	void userObserverReplacesDefault() {
		List<String> started = new CopyOnWriteArrayList<>();
		CallObserver observer = (instanceName, methodName) -> {
			started.add(instanceName + " " + methodName);
			return CallObservation.NONE;
		};
		this.contextRunner.withBean(CallObserver.class, () -> observer).run((context) -> {
			assertThat(context).getBean(CallObserver.class).isSameAs(observer);

			context.getBean(ObservedService.class).succeeds();

			assertThat(started).containsExactly("succeeds ObservedService.succeeds");
			TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
				.doesNotHaveAnyObservation();
		});
	}

	@Test
	void noRegistryRecordsNothing() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withBean(PlainService.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(CallObserver.class);
				assertThat(context.getBean(CallObserver.class).start("name", "method")).isSameAs(CallObservation.NONE);
				assertThat(context.getBean(PlainService.class).call()).isEqualTo("called");
			});
	}

	@Test
	void noObservationLibraryNoObserver() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
			.withBean(PlainService.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(CallObserver.class);
				assertThat(context.getBean(PlainService.class).call()).isEqualTo("called");
			});
	}

	private static List<String> recordEvents(TestObservationRegistry registry) {
		List<String> events = new CopyOnWriteArrayList<>();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof ResilienceCallContext;
			}

			@Override
			public void onEvent(Observation.Event event, Observation.Context context) {
				events.add(event.getName() + ": " + event.getContextualName());
			}

		});
		return events;
	}

	private static ObservedService target(ObservedService proxy) {
		return AopTestUtils.getTargetObject(proxy);
	}

	static class CustomConvention implements ResilienceObservationConvention {

		@Override
		public String getName() {
			return "custom.call";
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(ResilienceCallContext context) {
			return KeyValues.of("custom.instance", context.getInstanceName());
		}

	}

	/**
	 * Public, because a filtered class loader defines its CGLIB proxy in another runtime package.
	 */
	public static class PlainService {

		@CircuitGuarded(name = "plain")
		public String call() {
			return "called";
		}

	}

	static class ObservedService {

		private final ObservationRegistry registry;

		final List<Observation> currentObservations = new CopyOnWriteArrayList<>();

		final AtomicInteger futureCalls = new AtomicInteger();

		final AtomicInteger failingFutureCalls = new AtomicInteger();

		ObservedService(ObservationRegistry registry) {
			this.registry = registry;
		}

		@Retryable(name = "succeeds", maxAttempts = 3, waitDuration = "1s")
		public String succeeds() {
			return "ok";
		}

		@Retryable(name = "fallsBack", maxAttempts = 3, waitDuration = "1s", fallbackMethod = "fallback")
		public String fallsBack() {
			throw new IllegalStateException("down");
		}

		String fallback(Throwable ex) {
			return "fallback";
		}

		@CircuitGuarded(name = "observedBreaker")
		public String guarded() {
			return "guarded";
		}

		@Retryable(name = "fails", maxAttempts = 2, waitDuration = "1s")
		public String fails() {
			throw new IllegalStateException("down");
		}

		@Retryable(name = "future", maxAttempts = 3, waitDuration = "1s")
		public CompletableFuture<String> future() {
			this.currentObservations.add(this.registry.getCurrentObservation());
			if (this.futureCalls.incrementAndGet() < 3) {
				return CompletableFuture.failedFuture(new IOException("not yet"));
			}
			return CompletableFuture.completedFuture("done");
		}

		@Retryable(name = "failingFuture", maxAttempts = 3, waitDuration = "1s")
		public CompletableFuture<String> failingFuture() {
			this.failingFutureCalls.incrementAndGet();
			return CompletableFuture.failedFuture(new IOException("down"));
		}

		@Retryable(name = "mono", maxAttempts = 2, waitDuration = "1s")
		public Mono<String> mono() {
			this.currentObservations.add(this.registry.getCurrentObservation());
			return Mono.just("value");
		}

		@Retryable(name = "flux", maxAttempts = 2, waitDuration = "1s")
		public Flux<String> failingFlux() {
			return Flux.error(new IOException("down"));
		}

		@CircuitGuarded(name = "contextMono")
		public Mono<Observation> observationInReactorContext() {
			return Mono.deferContextual((context) -> Mono.just(context.get(ObservationThreadLocalAccessor.KEY)));
		}

		@CircuitGuarded(name = "neverMono")
		public Mono<String> never() {
			return Mono.never();
		}

	}

}
