package dev.resilience.core.retry;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.resilience.core.time.ManualClock;
import dev.resilience.core.time.Sleeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link Retry#execute}: attempt counts, recorded waits, deadline, interruption and
 * result retries. Time comes from a {@link ManualClock}, so nothing sleeps.
 */
class RetryExecuteTests {

	private final ManualClock clock = new ManualClock();

	@AfterEach
	void clearInterruptFlag() {
		Thread.interrupted();
	}

	@Test
	void oneAttemptMakesOneCallAndNoWait() {
		Retry retry = retry(builder().maxAttempts(1).waitDuration(Duration.ofSeconds(1)));
		IOException failure = new IOException("down");
		ScriptedCall<String> call = ScriptedCall.of(failure);

		assertThat(catchThrowable(() -> retry.execute(call))).isSameAs(failure);
		assertThat(call.calls()).isEqualTo(1);
		assertThat(this.clock.sleeps()).isEmpty();
		assertThat(retry.getMetrics().attempts()).isEqualTo(1);
	}

	@Test
	void twoAttemptsMakeOneWait() {
		Retry retry = retry(builder().maxAttempts(2).waitDuration(Duration.ofSeconds(1)));
		ScriptedCall<String> call = ScriptedCall.of(new IOException("down"));

		assertThat(catchThrowable(() -> retry.execute(call))).isInstanceOf(IOException.class);
		assertThat(call.calls()).isEqualTo(2);
		assertThat(this.clock.sleeps()).containsExactly(Duration.ofSeconds(1));
	}

	@Test
	void threeAttemptsMakeTwoFixedWaits() {
		Retry retry = retry(builder().maxAttempts(3).waitDuration(Duration.ofSeconds(1)));
		ScriptedCall<String> call = ScriptedCall.of(new IOException("down"));

		assertThat(catchThrowable(() -> retry.execute(call))).isInstanceOf(IOException.class);
		assertThat(call.calls()).isEqualTo(3);
		assertThat(this.clock.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
		assertThat(this.clock.read()).isEqualTo(Duration.ofSeconds(2).toNanos());
	}

	@Test
	void exponentialWaitsGrowAndCap() {
		Retry retry = retry(builder().maxAttempts(5)
			.exponentialBackoff(Duration.ofMillis(100), 3, Duration.ofMillis(1000)));
		ScriptedCall<String> call = ScriptedCall.of(new IOException("down"));

		assertThat(catchThrowable(() -> retry.execute(call))).isInstanceOf(IOException.class);
		assertThat(call.calls()).isEqualTo(5);
		assertThat(this.clock.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(300),
				Duration.ofMillis(900), Duration.ofMillis(1000));
	}

	@Test
	void exponentialWithOneAndTwoAttempts() {
		Retry once = retry(builder().maxAttempts(1).exponentialBackoff(Duration.ofMillis(100), 2, null));
		Retry twice = retry(builder().maxAttempts(2).exponentialBackoff(Duration.ofMillis(100), 2, null));

		assertThat(catchThrowable(() -> once.execute(ScriptedCall.of(new IOException())))).isNotNull();
		assertThat(this.clock.sleeps()).isEmpty();
		assertThat(catchThrowable(() -> twice.execute(ScriptedCall.of(new IOException())))).isNotNull();
		assertThat(this.clock.sleeps()).containsExactly(Duration.ofMillis(100));
	}

	@Test
	void jitterUsesInjectedRandom() {
		Retry retry = retry(builder().maxAttempts(3)
			.exponentialBackoff(Duration.ofSeconds(1), 2, null)
			.jitter(Jitter.FULL)
			.random(() -> 0.25));

		assertThat(catchThrowable(() -> retry.execute(ScriptedCall.of(new IOException())))).isNotNull();
		assertThat(this.clock.sleeps()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
	}

	@Test
	void randomOutsideUnitRangeIsClamped() {
		Retry high = retry(builder().maxAttempts(2).waitDuration(Duration.ofSeconds(1)).jitter(Jitter.FULL)
			.random(() -> 7.0));
		Retry notANumber = retry(builder().maxAttempts(2).waitDuration(Duration.ofSeconds(1)).jitter(Jitter.FULL)
			.random(() -> Double.NaN));

		assertThat(catchThrowable(() -> high.execute(ScriptedCall.of(new IOException())))).isNotNull();
		assertThat(catchThrowable(() -> notANumber.execute(ScriptedCall.of(new IOException())))).isNotNull();
		assertThat(this.clock.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ZERO);
	}

	@Test
	void successAfterFailuresReturnsResult() throws Throwable {
		Retry retry = retry(builder().maxAttempts(3).waitDuration(Duration.ofSeconds(1)));
		ScriptedCall<String> call = ScriptedCall.of(new IOException("one"), new IOException("two"), "done");

		assertThat(retry.execute(call)).isEqualTo("done");
		assertThat(call.calls()).isEqualTo(3);
		assertThat(this.clock.sleeps()).hasSize(2);
	}

	@Test
	void checkedExceptionIsThrownUnchanged() {
		Retry retry = retry(builder().maxAttempts(2));
		Exception checked = new Exception("checked");

		assertThat(catchThrowable(() -> retry.execute(ScriptedCall.of(checked)))).isSameAs(checked);
	}

	@Test
	void longDelaysWithManyAttemptsNeverOverflow() {
		Retry retry = retry(builder().maxAttempts(100).exponentialBackoff(Duration.ofSeconds(1), 10, null));
		ScriptedCall<String> call = ScriptedCall.of(new IOException());

		assertThat(catchThrowable(() -> retry.execute(call))).isInstanceOf(IOException.class);
		List<Duration> sleeps = this.clock.sleeps();
		assertThat(call.calls()).isEqualTo(100);
		assertThat(sleeps).hasSize(99);
		assertThat(sleeps.get(0)).isEqualTo(Duration.ofSeconds(1));
		assertThat(sleeps.subList(5, 99)).containsOnly(Backoff.MAX_DELAY);
	}

	@Test
	void waitEndingAtDeadlineIsAllowed() {
		Retry retry = retry(builder().maxAttempts(5).waitDuration(Duration.ofSeconds(1))
			.maxDuration(Duration.ofSeconds(2)));
		ScriptedCall<String> call = ScriptedCall.of(new IOException());

		assertThat(catchThrowable(() -> retry.execute(call))).isInstanceOf(IOException.class);
		assertThat(call.calls()).isEqualTo(3);
		assertThat(this.clock.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
	}

	@Test
	void waitEndingPastDeadlineIsNotStarted() {
		Retry retry = retry(builder().maxAttempts(5).waitDuration(Duration.ofSeconds(1))
			.maxDuration(Duration.ofSeconds(2).minusNanos(1)));
		ScriptedCall<String> call = ScriptedCall.of(new IOException());

		assertThat(catchThrowable(() -> retry.execute(call))).isInstanceOf(IOException.class);
		assertThat(call.calls()).isEqualTo(2);
		assertThat(this.clock.sleeps()).containsExactly(Duration.ofSeconds(1));
		assertThat(retry.getMetrics().failureWithRetry()).isEqualTo(1);
	}

	@Test
	void deadlineCountsTimeSpentInAttempts() {
		Retry retry = retry(builder().maxAttempts(5).waitDuration(Duration.ofSeconds(1))
			.maxDuration(Duration.ofSeconds(3)));
		List<Long> startTimes = new ArrayList<>();

		Throwable thrown = catchThrowable(() -> retry.execute(() -> {
			startTimes.add(this.clock.read());
			this.clock.advance(Duration.ofSeconds(1));
			throw new IOException("slow failure");
		}));

		// Attempt 1 runs 0-1s and waits to 2s; attempt 2 runs 2-3s, and a wait to 4s would pass 3s.
		assertThat(thrown).hasMessage("slow failure");
		assertThat(startTimes).containsExactly(0L, Duration.ofSeconds(2).toNanos());
	}

	@Test
	void deadlinePreventsFirstRetry() {
		Retry retry = retry(builder().maxAttempts(3).waitDuration(Duration.ofSeconds(5))
			.maxDuration(Duration.ofSeconds(1)));

		assertThat(catchThrowable(() -> retry.execute(ScriptedCall.of(new IOException())))).isNotNull();
		assertThat(this.clock.sleeps()).isEmpty();
		assertThat(retry.getMetrics().failureWithoutRetry()).isEqualTo(1);
	}

	@Test
	void interruptDuringWaitStopsAtOnce() {
		List<Duration> requestedWaits = new ArrayList<>();
		Sleeper interruptedSleeper = (duration) -> {
			requestedWaits.add(duration);
			throw new InterruptedException("interrupted while sleeping");
		};
		Retry retry = retry(builder().maxAttempts(3).waitDuration(Duration.ofSeconds(10)).sleeper(interruptedSleeper));
		IOException failure = new IOException("down");
		ScriptedCall<String> call = ScriptedCall.of(failure);

		Throwable thrown = catchThrowable(() -> retry.execute(call));

		assertThat(thrown).isSameAs(failure);
		assertThat(thrown.getSuppressed()).singleElement(InstanceOfAssertFactories.THROWABLE)
			.isInstanceOf(InterruptedException.class)
			.hasMessage("interrupted while sleeping");
		assertThat(Thread.currentThread().isInterrupted()).isTrue();
		assertThat(call.calls()).isEqualTo(1);
		assertThat(requestedWaits).containsExactly(Duration.ofSeconds(10));
		assertThat(this.clock.read()).isZero();
		assertThat(retry.getMetrics().failureWithoutRetry()).isEqualTo(1);
	}

	@Test
	void interruptFlagSetByCallStopsBeforeWaiting() {
		List<Duration> requestedWaits = new ArrayList<>();
		Sleeper sleeperIgnoringInterrupts = requestedWaits::add;
		Retry retry = retry(builder().maxAttempts(3).waitDuration(Duration.ZERO).sleeper(sleeperIgnoringInterrupts));
		IOException failure = new IOException("down");

		Throwable thrown = catchThrowable(() -> retry.execute(() -> {
			Thread.currentThread().interrupt();
			throw failure;
		}));

		assertThat(thrown).isSameAs(failure);
		assertThat(thrown.getSuppressed()).singleElement().isInstanceOf(InterruptedException.class);
		assertThat(Thread.currentThread().isInterrupted()).isTrue();
		assertThat(requestedWaits).isEmpty();
		assertThat(retry.getMetrics().attempts()).isEqualTo(1);
	}

	@Test
	void interruptDuringSecondWait() {
		int[] sleeps = new int[1];
		Sleeper sleeper = (duration) -> {
			if (++sleeps[0] == 2) {
				throw new InterruptedException();
			}
		};
		Retry retry = retry(builder().maxAttempts(5).sleeper(sleeper));
		ScriptedCall<String> call = ScriptedCall.of(new IOException());

		assertThat(catchThrowable(() -> retry.execute(call))).isInstanceOf(IOException.class);
		assertThat(call.calls()).isEqualTo(2);
		assertThat(Thread.currentThread().isInterrupted()).isTrue();
		assertThat(retry.getMetrics().failureWithRetry()).isEqualTo(1);
	}

	@Test
	void interruptWhileRetryingResultReturnsLastResult() throws Throwable {
		Retry retry = retry(builder().maxAttempts(3).retryOnResult("busy"::equals)
			.sleeper((duration) -> {
				throw new InterruptedException();
			}));
		ScriptedCall<String> call = ScriptedCall.of("busy");

		assertThat(retry.execute(call)).isEqualTo("busy");
		assertThat(call.calls()).isEqualTo(1);
		assertThat(Thread.currentThread().isInterrupted()).isTrue();
	}

	@Test
	void interruptWhileRetryingResultAddsSuppressedToExhausted() {
		Retry retry = retry(builder().maxAttempts(3).retryOnResult("busy"::equals).failAfterMaxAttempts(true)
			.sleeper((duration) -> {
				throw new InterruptedException("stop");
			}));

		Throwable thrown = catchThrowable(() -> retry.execute(ScriptedCall.of("busy")));

		assertThat(thrown).isInstanceOf(RetriesExhaustedException.class);
		assertThat(thrown.getSuppressed()).singleElement().isInstanceOf(InterruptedException.class);
		assertThat(Thread.currentThread().isInterrupted()).isTrue();
	}

	@Test
	void matchingResultIsRetriedThenReturned() throws Throwable {
		Retry retry = retry(builder().maxAttempts(3).retryOnResult("busy"::equals));
		ScriptedCall<String> call = ScriptedCall.of("busy");

		assertThat(retry.execute(call)).isEqualTo("busy");
		assertThat(call.calls()).isEqualTo(3);
		assertThat(this.clock.sleeps()).hasSize(2);
		assertThat(retry.getMetrics().failureWithRetry()).isEqualTo(1);
	}

	@Test
	void matchingResultFailsAfterMaxAttempts() {
		Retry retry = retry(builder().maxAttempts(3).retryOnResult("busy"::equals).failAfterMaxAttempts(true));
		ScriptedCall<String> call = ScriptedCall.of("busy");

		assertThatExceptionOfType(RetriesExhaustedException.class).isThrownBy(() -> retry.execute(call))
			.withMessage("Retry 'test' made 3 attempt(s) and the last result still matched the result predicate")
			.satisfies((ex) -> {
				assertThat(ex.getAttempts()).isEqualTo(3);
				assertThat(ex.getLastResult()).isEqualTo("busy");
			});
		assertThat(call.calls()).isEqualTo(3);
	}

	@Test
	void resultStopsMatchingAndIsReturned() throws Throwable {
		Retry retry = retry(builder().maxAttempts(5).retryOnResult((result) -> result == null)
			.failAfterMaxAttempts(true));
		ScriptedCall<String> call = ScriptedCall.of(null, null, "ready");

		assertThat(retry.execute(call)).isEqualTo("ready");
		assertThat(call.calls()).isEqualTo(3);
		assertThat(retry.getMetrics().successWithRetry()).isEqualTo(1);
	}

	@Test
	void throwingResultPredicateEndsExecution() {
		IllegalStateException predicateFailure = new IllegalStateException("predicate failed");
		Retry retry = retry(builder().maxAttempts(3).retryOnResult((result) -> {
			throw predicateFailure;
		}));

		assertThat(catchThrowable(() -> retry.execute(ScriptedCall.of("value")))).isSameAs(predicateFailure);
		assertThat(retry.getMetrics().failureWithoutRetry()).isEqualTo(1);
	}

	@Test
	void concurrentExecutionsKeepSeparateAttemptCounts() throws Exception {
		Retry retry = retry(builder().maxAttempts(3).waitDuration(Duration.ZERO));
		int threads = 8;
		java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(threads);
		List<Thread> workers = new ArrayList<>();
		int[][] attemptsSeen = new int[threads][];
		for (int i = 0; i < threads; i++) {
			int index = i;
			Thread worker = new Thread(() -> {
				ScriptedCall<String> call = ScriptedCall.of(new IOException(), new IOException(), "ok");
				try {
					barrier.await();
					retry.execute(call);
				}
				catch (Throwable ex) {
					throw new AssertionError(ex);
				}
				attemptsSeen[index] = call.contexts().stream().mapToInt(RetryContext::getAttempt).toArray();
			});
			workers.add(worker);
			worker.start();
		}
		for (Thread worker : workers) {
			worker.join(10_000);
		}

		for (int[] attempts : attemptsSeen) {
			assertThat(attempts).containsExactly(1, 2, 3);
		}
		assertThat(retry.getMetrics().successWithRetry()).isEqualTo(threads);
		assertThat(retry.getMetrics().attempts()).isEqualTo(3L * threads);
	}

	private RetryConfig.Builder builder() {
		return RetryConfig.custom().ticker(this.clock).sleeper(this.clock).scheduler(this.clock).random(() -> 0.5);
	}

	private static Retry retry(RetryConfig.Builder builder) {
		return Retry.of("test", builder.build());
	}

}
