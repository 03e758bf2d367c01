package dev.resilience.spring.reactive;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.resilience.core.CheckedSupplier;
import dev.resilience.core.breaker.CallNotPermittedException;
import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.breaker.CircuitBreakerConfig;
import dev.resilience.core.breaker.CircuitBreakerListener;
import dev.resilience.core.breaker.CircuitBreakerMetrics;
import dev.resilience.core.time.ManualClock;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReactorBreakerOperator} on a real breaker whose time is a {@link ManualClock}.
 */
class ReactorBreakerOperatorTests {

	private final ManualClock clock = new ManualClock();

	@Test
	void monoValueRecordedAsSuccess() {
		CircuitBreaker breaker = breaker(config());

		StepVerifier.create(Mono.just("value").transform(ReactorBreakerOperator.of(breaker)))
			.expectNext("value")
			.verifyComplete();

		assertThat(breaker.getMetrics().bufferedCalls()).isEqualTo(1);
		assertThat(breaker.getMetrics().failedCalls()).isZero();
	}

	@Test
	void monoValueSeenByResultPredicate() {
		CircuitBreaker breaker = breaker(config().recordResult("bad"::equals));

		StepVerifier.create(Mono.just("bad").transform(ReactorBreakerOperator.of(breaker)))
			.expectNext("bad")
			.verifyComplete();

		assertThat(breaker.getMetrics().failedCalls()).isEqualTo(1);
	}

	@Test
	void monoErrorRecordedAsFailure() {
		CircuitBreaker breaker = breaker(config());

		StepVerifier.create(Mono.error(new IOException("down")).transform(ReactorBreakerOperator.of(breaker)))
			.expectError(IOException.class)
			.verify();

		assertThat(breaker.getMetrics().bufferedCalls()).isEqualTo(1);
		assertThat(breaker.getMetrics().failedCalls()).isEqualTo(1);
	}

	@Test
	void durationMeasuredWithBreakerTicker() {
		CircuitBreaker breaker = breaker(config().slowCallDurationThreshold(Duration.ofSeconds(1)));
		Sinks.One<String> result = Sinks.one();

		StepVerifier.create(result.asMono().transform(ReactorBreakerOperator.of(breaker)))
			.then(() -> this.clock.advance(Duration.ofSeconds(2)))
			.then(() -> result.tryEmitValue("late"))
			.expectNext("late")
			.verifyComplete();

		assertThat(breaker.getMetrics().slowCalls()).isEqualTo(1);
	}

	@Test
	void openBreakerRejectsWithoutSubscribing() {
		CircuitBreaker breaker = breaker(config());
		breaker.transitionToOpen();
		AtomicInteger subscriptions = new AtomicInteger();
		Mono<String> source = Mono.just("value").doOnSubscribe((subscription) -> subscriptions.incrementAndGet());

		StepVerifier.create(source.transform(ReactorBreakerOperator.of(breaker)))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(CallNotPermittedException.class,
					(rejection) -> {
						assertThat(rejection.getBreakerName()).isEqualTo("reactive");
						assertThat(rejection.getState()).isEqualTo(CircuitBreaker.State.OPEN);
					}))
			.verify();

		assertThat(subscriptions).hasValue(0);
		assertThat(breaker.getMetrics().notPermittedCalls()).isEqualTo(1);
	}

	@Test
	void fluxCompletionRecordedAsSuccess() {
		CircuitBreaker breaker = breaker(config());

		StepVerifier.create(Flux.just(1, 2, 3).transform(ReactorBreakerOperator.of(breaker)))
			.expectNext(1, 2, 3)
			.verifyComplete();

		assertThat(breaker.getMetrics().bufferedCalls()).isEqualTo(1);
		assertThat(breaker.getMetrics().failedCalls()).isZero();
	}

	@Test
	void fluxErrorMidStreamRecordedAsFailure() {
		CircuitBreaker breaker = breaker(config());
		Flux<Integer> source = Flux.just(1, 2).concatWith(Flux.error(new IOException("mid-stream")));

		StepVerifier.create(source.transform(ReactorBreakerOperator.of(breaker)))
			.expectNext(1, 2)
			.expectError(IOException.class)
			.verify();

		assertThat(breaker.getMetrics().bufferedCalls()).isEqualTo(1);
		assertThat(breaker.getMetrics().failedCalls()).isEqualTo(1);
	}

	@Test
	void ignoredErrorRecordedNowhere() {
		CircuitBreaker breaker = breaker(config().ignoreExceptions(List.of(IllegalArgumentException.class)));

		StepVerifier.create(Mono.error(new IllegalArgumentException()).transform(ReactorBreakerOperator.of(breaker)))
			.expectError(IllegalArgumentException.class)
			.verify();

		assertThat(breaker.getMetrics().bufferedCalls()).isZero();
	}

	@Test
	void takeReleasesPermitWithoutRecording() {
		CircuitBreaker breaker = breaker(config());
		List<String> events = listen(breaker);

		StepVerifier.create(Flux.range(1, 10).transform(ReactorBreakerOperator.of(breaker)).take(2))
			.expectNext(1, 2)
			.verifyComplete();

		assertThat(breaker.getMetrics().bufferedCalls()).isZero();
		assertThat(events).isEmpty();
	}

	@Test
	void cancelReleasesHalfOpenPermit() {
		CircuitBreaker breaker = breaker(config().waitDurationInOpenState(Duration.ofSeconds(1))
			.permittedNumberOfCallsInHalfOpenState(1));
		breaker.transitionToOpen();
		this.clock.advance(Duration.ofSeconds(2));
		Mono<String> pending = Mono.<String>never().transform(ReactorBreakerOperator.of(breaker));

		StepVerifier.create(pending)
			.expectSubscription()
			.then(() -> {
				assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
				StepVerifier.create(Mono.just("second").transform(ReactorBreakerOperator.of(breaker)))
					.expectError(CallNotPermittedException.class)
					.verify();
			})
			.thenCancel()
			.verify();

		StepVerifier.create(Mono.just("after cancel").transform(ReactorBreakerOperator.of(breaker)))
			.expectNext("after cancel")
			.verifyComplete();
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void completionRacingCancelSettlesOnce() throws Exception {
		int subscriptions = 200;
		SettlementCountingBreaker breaker = new SettlementCountingBreaker(
				breaker(config().slidingWindowSize(1000).minimumNumberOfCalls(1000)));
		List<Sinks.One<String>> sinks = new ArrayList<>();
		List<Disposable> disposables = new ArrayList<>();
		for (int i = 0; i < subscriptions; i++) {
			Sinks.One<String> sink = Sinks.one();
			sinks.add(sink);
			disposables.add(sink.asMono().transform(ReactorBreakerOperator.of(breaker)).subscribe());
		}
		CyclicBarrier barrier = new CyclicBarrier(2);
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			for (int i = 0; i < subscriptions; i++) {
				Sinks.One<String> sink = sinks.get(i);
				Disposable disposable = disposables.get(i);
				Future<?> completion = executor.submit(() -> {
					barrier.await();
					return sink.tryEmitValue("value");
				});
				Future<?> cancellation = executor.submit(() -> {
					barrier.await();
					disposable.dispose();
					return null;
				});
				completion.get(10, TimeUnit.SECONDS);
				cancellation.get(10, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}

		assertThat(breaker.permitsIssued()).isEqualTo(subscriptions);
		assertThat(breaker.settlements).hasSize(subscriptions);
		assertThat(breaker.settlements.values()).allSatisfy((count) -> assertThat(count).hasValue(1));
		assertThat(breaker.getMetrics().bufferedCalls() + breaker.releases.get()).isEqualTo(subscriptions);
	}

	private CircuitBreakerConfig.Builder config() {
		return CircuitBreakerConfig.custom()
			.slidingWindowSize(10)
			.minimumNumberOfCalls(10)
			.waitDurationInOpenState(Duration.ofHours(1))
			.ticker(this.clock)
			.scheduler(this.clock);
	}

	private static CircuitBreaker breaker(CircuitBreakerConfig.Builder config) {
		return CircuitBreaker.of("reactive", config.build());
	}

	private static List<String> listen(CircuitBreaker breaker) {
		List<String> events = new ArrayList<>();
		breaker.addListener(new CircuitBreakerListener() {

			@Override
			public void onSuccess(CircuitBreaker source, long durationNanos) {
				events.add("success");
			}

			@Override
			public void onFailure(CircuitBreaker source, long durationNanos, Throwable error) {
				events.add("failure");
			}

		});
		return events;
	}

	/**
	 * A real breaker that hands out a distinct token per permit, because a closed breaker's permits
	 * are all equal, and counts the calls that settle each token.
	 */
	private static final class SettlementCountingBreaker implements CircuitBreaker {

		private final CircuitBreaker delegate;

		private final AtomicLong nextToken = new AtomicLong();

		private final Map<Long, Long> delegatePermits = new ConcurrentHashMap<>();

		final Map<Long, AtomicInteger> settlements = new ConcurrentHashMap<>();

		final AtomicInteger releases = new AtomicInteger();

		SettlementCountingBreaker(CircuitBreaker delegate) {
			this.delegate = delegate;
		}

		int permitsIssued() {
			return this.delegatePermits.size();
		}

		@Override
		public long tryAcquirePermission() {
			long permit = this.delegate.tryAcquirePermission();
			if (permit == NO_PERMIT) {
				return NO_PERMIT;
			}
			long token = this.nextToken.getAndIncrement();
			this.delegatePermits.put(token, permit);
			return token;
		}

		@Override
		public void onSuccess(long token, long durationNanos) {
			this.delegate.onSuccess(settle(token), durationNanos);
		}

		@Override
		public void onResult(long token, long durationNanos, Object result) {
			this.delegate.onResult(settle(token), durationNanos, result);
		}

		@Override
		public void onError(long token, long durationNanos, Throwable error) {
			this.delegate.onError(settle(token), durationNanos, error);
		}

		@Override
		public void releasePermission(long token) {
			this.releases.incrementAndGet();
			this.delegate.releasePermission(settle(token));
		}

		private long settle(long token) {
			this.settlements.computeIfAbsent(token, (key) -> new AtomicInteger()).incrementAndGet();
			return this.delegatePermits.get(token);
		}

		@Override
		public String getName() {
			return this.delegate.getName();
		}

		@Override
		public CircuitBreakerConfig getConfig() {
			return this.delegate.getConfig();
		}

		@Override
		public State getState() {
			return this.delegate.getState();
		}

		@Override
		public CircuitBreakerMetrics getMetrics() {
			return this.delegate.getMetrics();
		}

		@Override
		public Instant getLastTransitionTime() {
			return this.delegate.getLastTransitionTime();
		}

		@Override
		public <T> T execute(CheckedSupplier<T> call) throws Throwable {
			return this.delegate.execute(call);
		}

		@Override
		public <T> CompletionStage<T> executeCompletionStage(Supplier<? extends CompletionStage<T>> call) {
			return this.delegate.executeCompletionStage(call);
		}

		@Override
		public void transitionToClosed() {
			this.delegate.transitionToClosed();
		}

		@Override
		public void transitionToOpen() {
			this.delegate.transitionToOpen();
		}

		@Override
		public void transitionToForcedOpen() {
			this.delegate.transitionToForcedOpen();
		}

		@Override
		public void transitionToDisabled() {
			this.delegate.transitionToDisabled();
		}

		@Override
		public void transitionToMetricsOnly() {
			this.delegate.transitionToMetricsOnly();
		}

		@Override
		public void reset() {
			this.delegate.reset();
		}

		@Override
		public void addListener(CircuitBreakerListener listener) {
			this.delegate.addListener(listener);
		}

		@Override
		public void removeListener(CircuitBreakerListener listener) {
			this.delegate.removeListener(listener);
		}

	}

}
