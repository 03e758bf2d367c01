package dev.resilience.spring.reactive;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.core.breaker.CallNotPermittedException;
import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.retry.RetriesExhaustedException;
import dev.resilience.core.retry.Retry;
import dev.resilience.core.retry.RetryConfig;
import dev.resilience.core.retry.RetryContext;
import dev.resilience.core.retry.RetryListener;
import dev.resilience.core.retry.RetryMetrics;
import dev.resilience.core.time.ManualClock;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReactorRetryOperator}. Waits run on a {@link ManualClock} configured as the
 * retry's scheduler, so later attempts subscribe only when the test advances the clock, or on a
 * virtual-time Reactor scheduler.
 */
class ReactorRetryOperatorTests {

	private static final Duration WAIT = Duration.ofSeconds(1);

	private final ManualClock clock = new ManualClock();

	private final List<Throwable> retriedErrors = new CopyOnWriteArrayList<>();

	@Test
	void everyKindOfMonoFailureRetriedAlike() {
		Retry retry = retry(builder().maxAttempts(4));
		Sinks.One<String> later = Sinks.one();
		AtomicInteger calls = new AtomicInteger();
		Mono<String> source = Mono.defer(() -> switch (calls.incrementAndGet()) {
			case 1 -> throw new IllegalStateException("thrown");
			case 2 -> Mono.error(new IOException("signalled"));
			case 3 -> later.asMono();
			default -> Mono.just("done");
		});

		StepVerifier.create(source.transform(ReactorRetryOperator.of(retry)))
			.then(() -> {
				assertThat(calls).hasValue(1);
				assertThat(this.clock.nextTaskDelay()).isEqualTo(WAIT);
				this.clock.advance(WAIT);
				assertThat(calls).hasValue(2);
				this.clock.advance(WAIT);
				assertThat(calls).hasValue(3);
				assertThat(this.clock.pendingTasks()).isZero();
				this.clock.advance(Duration.ofSeconds(5));
				assertThat(calls).hasValue(3);
				later.tryEmitError(new IOException("failed later"));
				assertThat(this.clock.nextTaskDelay()).isEqualTo(WAIT);
				this.clock.advance(WAIT);
			})
			.expectNext("done")
			.verifyComplete();

		assertThat(calls).hasValue(4);
		assertThat(this.retriedErrors).extracting(Throwable::getMessage)
			.containsExactly("thrown", "signalled", "failed later");
		assertThat(retry.getMetrics()).isEqualTo(new RetryMetrics(0, 1, 0, 0, 4));
	}

	@Test
	void lastErrorReachesSubscriberUnchanged() {
		Retry retry = retry(builder().maxAttempts(2));
		IOException last = new IOException("second");
		AtomicInteger calls = new AtomicInteger();
		Mono<String> source = Mono.defer(
				() -> Mono.error((calls.incrementAndGet() == 1) ? new IOException("first") : last));

		StepVerifier.create(source.transform(ReactorRetryOperator.of(retry)))
			.then(() -> this.clock.advance(WAIT))
			.expectErrorSatisfies((error) -> assertThat(error).isSameAs(last))
			.verify();

		assertThat(calls).hasValue(2);
		assertThat(retry.getMetrics()).isEqualTo(new RetryMetrics(0, 0, 1, 0, 2));
	}

	@Test
	void rejectionNeverRetried() {
		Retry retry = retry(builder().maxAttempts(5));
		CallNotPermittedException rejection = new CallNotPermittedException("backend", CircuitBreaker.State.OPEN);
		AtomicInteger calls = new AtomicInteger();
		Mono<String> source = Mono.defer(() -> {
			calls.incrementAndGet();
			return Mono.error(rejection);
		});

		StepVerifier.create(source.transform(ReactorRetryOperator.of(retry)))
			.expectErrorSatisfies((error) -> assertThat(error).isSameAs(rejection))
			.verify();

		assertThat(calls).hasValue(1);
		assertThat(this.clock.pendingTasks()).isZero();
		assertThat(retry.getMetrics()).isEqualTo(new RetryMetrics(0, 0, 0, 1, 1));
	}

	@Test
	void fluxResubscribesFromStart() {
		Retry retry = retry(builder().maxAttempts(3));
		AtomicInteger calls = new AtomicInteger();
		Flux<String> source = Flux.defer(() -> (calls.incrementAndGet() == 1)
				? Flux.just("a", "b").concatWith(Flux.error(new IOException("mid-stream")))
				: Flux.just("a", "b", "c"));

		StepVerifier.create(source.transform(ReactorRetryOperator.of(retry)))
			.expectNext("a", "b")
			.then(() -> this.clock.advance(WAIT))
			.expectNext("a", "b", "c")
			.verifyComplete();

		assertThat(calls).hasValue(2);
		assertThat(retry.getMetrics()).isEqualTo(new RetryMetrics(0, 1, 0, 0, 2));
	}

	@Test
	void fluxCompletionCountsSuccess() {
		Retry retry = retry(builder());

		StepVerifier.create(Flux.just(1, 2, 3).transform(ReactorRetryOperator.of(retry)))
			.expectNext(1, 2, 3)
			.verifyComplete();

		assertThat(retry.getMetrics()).isEqualTo(new RetryMetrics(1, 0, 0, 0, 1));
	}

	@Test
	void emptyMonoCountsSuccess() {
		Retry retry = retry(builder().retryOnResult((result) -> true));

		StepVerifier.create(Mono.<String>empty().transform(ReactorRetryOperator.of(retry))).verifyComplete();

		assertThat(retry.getMetrics()).isEqualTo(new RetryMetrics(1, 0, 0, 0, 1));
	}

	@Test
	void monoValueTestedByResultPredicate() {
		Retry retry = retry(builder().maxAttempts(3).retryOnResult("busy"::equals));
		AtomicInteger calls = new AtomicInteger();
		Mono<String> source = Mono.fromCallable(() -> (calls.incrementAndGet() < 3) ? "busy" : "ready");

		StepVerifier.create(source.transform(ReactorRetryOperator.of(retry)))
			.then(() -> this.clock.advance(WAIT))
			.then(() -> this.clock.advance(WAIT))
			.expectNext("ready")
			.verifyComplete();

		assertThat(calls).hasValue(3);
		assertThat(this.retriedErrors).containsExactly(null, null);
		assertThat(retry.getMetrics()).isEqualTo(new RetryMetrics(0, 1, 0, 0, 3));
	}

	@Test
	void retriedValueRunsOutThenFails() {
		Retry retry = retry(builder().maxAttempts(2).retryOnResult("busy"::equals).failAfterMaxAttempts(true));

		StepVerifier.create(Mono.just("busy").transform(ReactorRetryOperator.of(retry)))
			.then(() -> this.clock.advance(WAIT))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(RetriesExhaustedException.class,
					(exhausted) -> {
						assertThat(exhausted.getAttempts()).isEqualTo(2);
						assertThat(exhausted.getLastResult()).isEqualTo("busy");
					}))
			.verify();

		assertThat(retry.getMetrics()).isEqualTo(new RetryMetrics(0, 0, 1, 0, 2));
	}

	@Test
	void retriedValueRunsOutThenEmitted() {
		Retry retry = retry(builder().maxAttempts(2).retryOnResult("busy"::equals));

		StepVerifier.create(Mono.just("busy").transform(ReactorRetryOperator.of(retry)))
			.then(() -> this.clock.advance(WAIT))
			.expectNext("busy")
			.verifyComplete();

		assertThat(retry.getMetrics()).isEqualTo(new RetryMetrics(0, 0, 1, 0, 2));
	}

	@Test
	void cancelDuringWaitStopsRetries() {
		Retry retry = retry(builder().maxAttempts(5));
		AtomicInteger calls = new AtomicInteger();
		Mono<String> source = Mono.defer(() -> {
			calls.incrementAndGet();
			return Mono.error(new IOException());
		});

		Disposable subscription = source.transform(ReactorRetryOperator.of(retry)).subscribe();
		assertThat(this.clock.pendingTasks()).isEqualTo(1);
		subscription.dispose();
		assertThat(this.clock.pendingTasks()).isZero();
		this.clock.advance(Duration.ofSeconds(10));

		assertThat(calls).hasValue(1);
		assertThat(retry.getMetrics()).isEqualTo(new RetryMetrics(0, 0, 0, 0, 1));
	}

	@Test
	void rejectedWaitFailsWithLastError() {
		RejectedExecutionException rejection = new RejectedExecutionException("scheduler shut down");
		Retry retry = retry(builder().maxAttempts(3).scheduler((task, delay) -> {
			throw rejection;
		}));
		IOException failure = new IOException("down");

		StepVerifier.create(Mono.<String>error(failure).transform(ReactorRetryOperator.of(retry)))
			.expectErrorSatisfies((error) -> {
				assertThat(error).isSameAs(failure);
				assertThat(error.getSuppressed()).containsExactly(rejection);
			})
			.verify();

		assertThat(retry.getMetrics()).isEqualTo(new RetryMetrics(0, 0, 0, 1, 1));
	}

	@Test
	void reactorSchedulerWaitsInVirtualTime() {
		Retry retry = retry(RetryConfig.custom()
			.maxAttempts(3)
			.exponentialBackoff(Duration.ofMillis(100), 2, null)
			.ticker(this.clock)
			.sleeper(this.clock));
		AtomicInteger calls = new AtomicInteger();
		Mono<String> source = Mono.defer(
				() -> (calls.incrementAndGet() < 3) ? Mono.error(new IOException()) : Mono.just("done"));

		StepVerifier
			.withVirtualTime(() -> source.transform(ReactorRetryOperator.of(retry, Schedulers.parallel())))
			.expectSubscription()
			.thenAwait(Duration.ofMillis(99))
			.then(() -> assertThat(calls).hasValue(1))
			.thenAwait(Duration.ofMillis(1))
			.then(() -> assertThat(calls).hasValue(2))
			.thenAwait(Duration.ofMillis(199))
			.then(() -> assertThat(calls).hasValue(2))
			.thenAwait(Duration.ofMillis(1))
			.expectNext("done")
			.verifyComplete();

		assertThat(calls).hasValue(3);
		assertThat(this.clock.pendingTasks()).isZero();
		assertThat(retry.getMetrics()).isEqualTo(new RetryMetrics(0, 1, 0, 0, 3));
	}

	@Test
	void retryContextSetDuringSubscription() {
		Retry retry = retry(builder().maxAttempts(3));
		List<RetryContext> onThread = new ArrayList<>();
		List<RetryContext> inReactorContext = new ArrayList<>();
		Mono<String> source = Mono.deferContextual((context) -> {
			onThread.add(RetryContext.current());
			inReactorContext.add(context.get(RetryContext.class));
			return (onThread.size() < 3) ? Mono.error(new IOException()) : Mono.just("done");
		});

		StepVerifier.create(source.transform(ReactorRetryOperator.of(retry)))
			.then(() -> this.clock.advance(WAIT))
			.then(() -> this.clock.advance(WAIT))
			.expectNext("done")
			.verifyComplete();

		assertThat(onThread).extracting(RetryContext::getAttempt).containsExactly(1, 2, 3);
		assertThat(onThread).extracting(RetryContext::getInvocationId)
			.containsOnly(onThread.get(0).getInvocationId());
		assertThat(inReactorContext).containsExactlyElementsOf(onThread);
		assertThat(RetryContext.current()).isNull();
	}

	@Test
	void eachSubscriptionIsOneExecution() {
		Retry retry = retry(builder().maxAttempts(2));
		List<String> invocationIds = new ArrayList<>();
		Mono<String> retried = Mono.fromCallable(() -> {
			invocationIds.add(RetryContext.current().getInvocationId());
			return "value";
		}).transform(ReactorRetryOperator.of(retry));

		StepVerifier.create(retried).expectNext("value").verifyComplete();
		StepVerifier.create(retried).expectNext("value").verifyComplete();

		assertThat(invocationIds).hasSize(2).doesNotHaveDuplicates();
		assertThat(retry.getMetrics()).isEqualTo(new RetryMetrics(2, 0, 0, 0, 2));
	}

	private RetryConfig.Builder builder() {
		return RetryConfig.custom().waitDuration(WAIT).ticker(this.clock).sleeper(this.clock).scheduler(this.clock);
	}

	private Retry retry(RetryConfig.Builder builder) {
		Retry retry = Retry.of("reactive", builder.build());
		retry.addListener(new RetryListener() {

			@Override
			public void onRetry(Retry source, int attempt, Throwable error, Duration wait) {
				ReactorRetryOperatorTests.this.retriedErrors.add(error);
			}

		});
		return retry;
	}

}
