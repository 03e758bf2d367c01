package dev.resilience.core.retry;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.resilience.core.breaker.CallNotPermittedException;
import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Retry#executeCompletionStage}. Retries run on a {@link ManualClock} used as the
 * scheduler, so they happen only when the test advances the clock.
 */
class RetryAsyncTests {

	private static final Duration WAIT = Duration.ofSeconds(1);

	private final ManualClock clock = new ManualClock();

	private final List<Throwable> retriedErrors = new ArrayList<>();

	@Test
	void everyKindOfFailureIsRetriedAlike() {
		Retry retry = retry(builder().maxAttempts(4));
		CompletableFuture<String> laterFailure = new CompletableFuture<>();
		AtomicInteger calls = new AtomicInteger();
		Supplier<CompletionStage<String>> call = () -> switch (calls.incrementAndGet()) {
			case 1 -> throw new CompletionException(new IOException("thrown"));
			case 2 -> CompletableFuture.failedFuture(new IOException("already failed"));
			case 3 -> laterFailure;
			default -> CompletableFuture.completedFuture("done");
		};

		CompletableFuture<String> result = retry.executeCompletionStage(call).toCompletableFuture();

		assertThat(calls).hasValue(1);
		assertThat(result).isNotDone();
		assertThat(this.clock.nextTaskDelay()).isEqualTo(WAIT);
		this.clock.advance(WAIT);
		assertThat(calls).hasValue(2);
		this.clock.advance(WAIT);
		assertThat(calls).hasValue(3);
		assertThat(this.clock.pendingTasks()).isZero();
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(result).isNotDone();
		assertThat(calls).hasValue(3);
		laterFailure.completeExceptionally(new CompletionException(new IOException("failed later")));
		assertThat(this.clock.nextTaskDelay()).isEqualTo(WAIT);
		this.clock.advance(WAIT);

		assertThat(result).isCompletedWithValue("done");
		assertThat(calls).hasValue(4);
		assertThat(this.retriedErrors).extracting(Throwable::getMessage)
			.containsExactly("thrown", "already failed", "failed later");
		assertThat(this.retriedErrors).allSatisfy((error) -> assertThat(error).isInstanceOf(IOException.class));
		assertThat(retry.getMetrics()).isEqualTo(new RetryMetrics(0, 1, 0, 0, 4));
	}

	@Test
	void finalErrorIsUnwrapped() {
		Retry retry = retry(builder().maxAttempts(2));
		IOException failure = new IOException("down");

		CompletionStage<String> result = retry
			.executeCompletionStage(() -> CompletableFuture.failedFuture(new CompletionException(failure)));
		this.clock.advance(WAIT);

		assertThat(failureOf(result)).isSameAs(failure);
		assertThat(retry.getMetrics()).isEqualTo(new RetryMetrics(0, 0, 1, 0, 2));
	}

	@Test
	void syncThrowOnLastAttemptFailsStage() {
		Retry retry = retry(builder().maxAttempts(1));
		IllegalStateException failure = new IllegalStateException("thrown");

		CompletionStage<String> result = retry.executeCompletionStage(() -> {
			throw failure;
		});

		assertThat(failureOf(result)).isSameAs(failure);
		assertThat(retry.getMetrics().failureWithoutRetry()).isEqualTo(1);
	}

	@Test
	void nullStageIsAFailure() {
		Retry retry = retry(builder().maxAttempts(1));

		CompletionStage<String> result = retry.executeCompletionStage(() -> null);

		assertThat(failureOf(result)).isInstanceOf(NullPointerException.class)
			.hasMessage("The supplier of retry 'async' returned null instead of a CompletionStage in attempt 1");
	}

	@Test
	void waitsFollowBackoff() {
		Retry retry = retry(builder().maxAttempts(4).exponentialBackoff(Duration.ofMillis(100), 2, null));
		AtomicInteger calls = new AtomicInteger();

		CompletionStage<String> result = retry.executeCompletionStage(() -> {
			calls.incrementAndGet();
			return CompletableFuture.failedFuture(new IOException());
		});

		assertThat(this.clock.nextTaskDelay()).isEqualTo(Duration.ofMillis(100));
		this.clock.advance(Duration.ofMillis(99));
		assertThat(calls).hasValue(1);
		this.clock.advance(Duration.ofMillis(1));
		assertThat(calls).hasValue(2);
		assertThat(this.clock.nextTaskDelay()).isEqualTo(Duration.ofMillis(200));
		this.clock.advance(Duration.ofMillis(200));
		assertThat(this.clock.nextTaskDelay()).isEqualTo(Duration.ofMillis(400));
		this.clock.advance(Duration.ofMillis(400));
		assertThat(calls).hasValue(4);
		assertThat(this.clock.pendingTasks()).isZero();
		assertThat(failureOf(result)).isInstanceOf(IOException.class);
	}

	@Test
	void nonRetriedFailureEndsAtOnce() {
		Retry retry = retry(builder().maxAttempts(3));
		CallNotPermittedException rejected = new CallNotPermittedException("b", CircuitBreaker.State.OPEN);

		CompletionStage<String> result = retry.executeCompletionStage(() -> CompletableFuture.failedFuture(rejected));

		assertThat(failureOf(result)).isSameAs(rejected);
		assertThat(this.clock.pendingTasks()).isZero();
		assertThat(retry.getMetrics()).isEqualTo(new RetryMetrics(0, 0, 0, 1, 1));
	}

	@Test
	void deadlineStopsRetries() {
		Retry retry = retry(builder().maxAttempts(10).maxDuration(Duration.ofSeconds(2)));
		AtomicInteger calls = new AtomicInteger();

		CompletionStage<String> result = retry.executeCompletionStage(() -> {
			calls.incrementAndGet();
			return CompletableFuture.failedFuture(new IOException());
		});
		this.clock.advance(Duration.ofSeconds(10));

		assertThat(calls).hasValue(3);
		assertThat(failureOf(result)).isInstanceOf(IOException.class);
	}

	@Test
	void resultPredicateRetriesThenReturnsOrFails() {
		Retry returning = retry(builder().maxAttempts(2).retryOnResult("busy"::equals));
		Retry failing = retry(builder().maxAttempts(2).retryOnResult("busy"::equals).failAfterMaxAttempts(true));

		CompletionStage<String> returned = returning
			.executeCompletionStage(() -> CompletableFuture.completedFuture("busy"));
		CompletionStage<String> failed = failing.executeCompletionStage(() -> CompletableFuture.completedFuture("busy"));
		this.clock.advance(WAIT);

		assertThat(returned.toCompletableFuture()).isCompletedWithValue("busy");
		assertThat(failureOf(failed)).isInstanceOfSatisfying(RetriesExhaustedException.class, (ex) -> {
			assertThat(ex.getAttempts()).isEqualTo(2);
			assertThat(ex.getLastResult()).isEqualTo("busy");
		});
		assertThat(this.retriedErrors).containsExactly(null, null);
	}

	@Test
	void cancellingResultStopsRetries() {
		Retry retry = retry(builder().maxAttempts(5));
		AtomicInteger calls = new AtomicInteger();

		CompletionStage<String> result = retry.executeCompletionStage(() -> {
			calls.incrementAndGet();
			return CompletableFuture.failedFuture(new IOException());
		});
		assertThat(this.clock.pendingTasks()).isEqualTo(1);
		result.toCompletableFuture().cancel(false);
		assertThat(this.clock.pendingTasks()).isZero();
		this.clock.advance(Duration.ofSeconds(10));

		assertThat(calls).hasValue(1);
		assertThat(this.clock.pendingTasks()).isZero();
		assertThat(retry.getMetrics()).isEqualTo(new RetryMetrics(0, 0, 0, 0, 1));
	}

	@Test
	void cancellingStopsRetriesWhenSchedulerCannotCancel() {
		Retry retry = retry(builder().maxAttempts(5).scheduler((task, delay) -> {
			this.clock.schedule(task, delay);
			return () -> {
			};
		}));
		AtomicInteger calls = new AtomicInteger();

		CompletionStage<String> result = retry.executeCompletionStage(() -> {
			calls.incrementAndGet();
			return CompletableFuture.failedFuture(new IOException());
		});
		result.toCompletableFuture().cancel(false);
		this.clock.advance(Duration.ofSeconds(10));

		assertThat(calls).hasValue(1);
		assertThat(retry.getMetrics().attempts()).isEqualTo(1);
	}

	@Test
	void cancellingDuringAttemptStopsRetries() {
		Retry retry = retry(builder().maxAttempts(5));
		CompletableFuture<String> attempt = new CompletableFuture<>();
		AtomicInteger calls = new AtomicInteger();

		CompletionStage<String> result = retry.executeCompletionStage(() -> {
			calls.incrementAndGet();
			return attempt;
		});
		result.toCompletableFuture().cancel(false);
		attempt.completeExceptionally(new IOException());
		this.clock.advance(Duration.ofSeconds(10));

		assertThat(calls).hasValue(1);
		assertThat(this.clock.pendingTasks()).isZero();
		assertThat(this.retriedErrors).isEmpty();
		assertThat(retry.getMetrics()).isEqualTo(new RetryMetrics(0, 0, 0, 0, 1));
	}

	@Test
	void rejectedSchedulingFailsWithLastError() {
		RejectedExecutionException rejection = new RejectedExecutionException("shut down");
		Retry retry = retry(builder().maxAttempts(3).scheduler((task, delay) -> {
			throw rejection;
		}));
		IOException failure = new IOException("down");

		CompletionStage<String> result = retry.executeCompletionStage(() -> CompletableFuture.failedFuture(failure));

		assertThat(failureOf(result)).isSameAs(failure);
		assertThat(failure.getSuppressed()).containsExactly(rejection);
	}

	@Test
	void throwingPredicateFailsStage() {
		IllegalStateException predicateFailure = new IllegalStateException("predicate failed");
		Retry retry = retry(builder().maxAttempts(3).retryOnResult((result) -> {
			throw predicateFailure;
		}));

		CompletionStage<String> result = retry.executeCompletionStage(() -> CompletableFuture.completedFuture("x"));

		assertThat(failureOf(result)).isSameAs(predicateFailure);
		assertThat(retry.getMetrics().failureWithoutRetry()).isEqualTo(1);
	}

	private RetryConfig.Builder builder() {
		return RetryConfig.custom()
			.waitDuration(WAIT)
			.ticker(this.clock)
			.sleeper((duration) -> {
				throw new AssertionError("an asynchronous retry must not block");
			})
			.scheduler(this.clock);
	}

	private Retry retry(RetryConfig.Builder builder) {
		Retry retry = Retry.of("async", builder.build());
		retry.addListener(new RetryListener() {

			@Override
			public void onRetry(Retry source, int attempt, Throwable error, Duration wait) {
				RetryAsyncTests.this.retriedErrors.add(error);
			}

		});
		return retry;
	}

	/**
	 * Returns the exception a completed stage failed with, as stored in the stage.
	 */
	private static Throwable failureOf(CompletionStage<?> stage) {
		CompletableFuture<?> future = stage.toCompletableFuture();
		assertThat(future).isDone();
		return future.handle((value, error) -> error).join();
	}

}
