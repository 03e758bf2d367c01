package dev.resilience.core.breaker;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.resilience.core.breaker.CircuitBreaker.State;
import dev.resilience.core.time.ManualClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Scenario tests of the breaker's rules, each rule's boundary checked on both sides, with a manual
 * clock.
 */
class CircuitBreakerScenarioTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ManualClock clock = new ManualClock();

	private CircuitBreakerConfig.Builder config() {
		return CircuitBreakerConfig.custom()
			.countBasedWindow(10)
			.minimumNumberOfCalls(4)
			.failureRateThreshold(50)
			.waitDurationInOpenState(WAIT)
			.permittedNumberOfCallsInHalfOpenState(2)
			.ticker(this.clock)
			.scheduler(this.clock);
	}

	private static void succeed(CircuitBreaker breaker) {
		breaker.onSuccess(breaker.acquirePermission(), 0);
	}

	private static void fail(CircuitBreaker breaker) {
		breaker.onError(breaker.acquirePermission(), 0, new IOException("boom"));
	}

	private CircuitBreaker openBreaker(CircuitBreakerConfig.Builder builder) {
		CircuitBreaker breaker = CircuitBreaker.of("test", builder.build());
		while (breaker.getState() == State.CLOSED) {
			fail(breaker);
		}
		assertThat(breaker.getState()).isEqualTo(State.OPEN);
		return breaker;
	}

	private CircuitBreaker halfOpenBreaker(CircuitBreakerConfig.Builder builder) {
		CircuitBreaker breaker = openBreaker(builder);
		this.clock.advance(WAIT.plusNanos(1));
		return breaker;
	}

	@Test
	void opensWhenFailureRateReachesThresholdExactly() {
		CircuitBreaker breaker = CircuitBreaker.of("test", config().build());
		succeed(breaker);
		succeed(breaker);
		fail(breaker);
		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
		fail(breaker);
		assertThat(breaker.getState()).isEqualTo(State.OPEN);
		assertThat(breaker.getMetrics().failureRate()).isEqualTo(50f);
	}

	@Test
	void staysClosedJustBelowThreshold() {
		CircuitBreaker breaker = CircuitBreaker.of("test", config().minimumNumberOfCalls(5).build());
		succeed(breaker);
		succeed(breaker);
		succeed(breaker);
		fail(breaker);
		fail(breaker);
		assertThat(breaker.getMetrics().failureRate()).isEqualTo(40f);
		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
	}

	@Test
	void computesNoRateBelowMinimumNumberOfCalls() {
		CircuitBreaker breaker = CircuitBreaker.of("test", config().build());
		fail(breaker);
		fail(breaker);
		fail(breaker);
		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
		assertThat(breaker.getMetrics().failureRate()).isEqualTo(-1f);
		assertThat(breaker.getMetrics().bufferedCalls()).isEqualTo(3);
		assertThat(breaker.getMetrics().failedCalls()).isEqualTo(3);
		fail(breaker);
		assertThat(breaker.getState()).isEqualTo(State.OPEN);
	}

	@Test
	void successCompletingMinimumCallsCanTrip() {
		CircuitBreaker breaker = CircuitBreaker.of("test", config().build());
		fail(breaker);
		fail(breaker);
		fail(breaker);
		succeed(breaker);
		assertThat(breaker.getState()).isEqualTo(State.OPEN);
	}

	@Test
	void countWindowForgetsOldestCalls() {
		CircuitBreaker breaker = CircuitBreaker.of("test", config().countBasedWindow(4).build());
		fail(breaker);
		succeed(breaker);
		succeed(breaker);
		succeed(breaker);
		succeed(breaker);
		CircuitBreakerMetrics metrics = breaker.getMetrics();
		assertThat(metrics.bufferedCalls()).isEqualTo(4);
		assertThat(metrics.failedCalls()).isZero();
		assertThat(metrics.failureRate()).isZero();
	}

	@Test
	void failureAfterSteadySuccessesEvictedOnTime() {
		CircuitBreaker breaker = CircuitBreaker.of("test", config().countBasedWindow(3).minimumNumberOfCalls(3)
			.failureRateThreshold(100).build());
		for (int i = 0; i < 5; i++) {
			succeed(breaker);
		}
		fail(breaker);
		succeed(breaker);
		succeed(breaker);
		assertThat(breaker.getMetrics().failedCalls()).isEqualTo(1);
		succeed(breaker);
		assertThat(breaker.getMetrics().failedCalls()).isZero();
		assertThat(breaker.getMetrics().bufferedCalls()).isEqualTo(3);
	}

	@Test
	void rejectsWhileOpenWithBreakerName() {
		CircuitBreaker breaker = openBreaker(config());
		assertThatExceptionOfType(CallNotPermittedException.class).isThrownBy(breaker::acquirePermission)
			.withMessageContaining("'test'")
			.satisfies((ex) -> assertThat(ex.getBreakerName()).isEqualTo("test"))
			.satisfies((ex) -> assertThat(ex.getState()).isEqualTo(State.OPEN));
		assertThat(breaker.tryAcquirePermission()).isEqualTo(CircuitBreaker.NO_PERMIT);
		assertThat(breaker.getMetrics().notPermittedCalls()).isEqualTo(2);
	}

	@Test
	void openKeepsTheWindowThatTripped() {
		CircuitBreaker breaker = openBreaker(config());
		assertThat(breaker.getMetrics().bufferedCalls()).isEqualTo(4);
		assertThat(breaker.getMetrics().failureRate()).isEqualTo(100f);
	}

	@Test
	void halfOpensOnlyAfterStrictlyMoreThanWait() {
		CircuitBreaker breaker = openBreaker(config());
		this.clock.advance(WAIT);
		assertThat(breaker.tryAcquirePermission()).isEqualTo(CircuitBreaker.NO_PERMIT);
		assertThat(breaker.getState()).isEqualTo(State.OPEN);
		this.clock.advance(Duration.ofNanos(1));
		assertThat(breaker.tryAcquirePermission()).isNotEqualTo(CircuitBreaker.NO_PERMIT);
		assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);
	}

	@Test
	void halfOpenPermitsExactlyConfiguredTrialCalls() {
		CircuitBreaker breaker = halfOpenBreaker(config().permittedNumberOfCallsInHalfOpenState(3));
		long first = breaker.acquirePermission();
		long second = breaker.acquirePermission();
		long third = breaker.acquirePermission();
		assertThat(breaker.tryAcquirePermission()).isEqualTo(CircuitBreaker.NO_PERMIT);
		assertThat(List.of(first, second, third)).doesNotHaveDuplicates();
		assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);
	}

	@Test
	void halfOpenSuccessesCloseBreaker() {
		CircuitBreaker breaker = halfOpenBreaker(config());
		succeed(breaker);
		assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);
		succeed(breaker);
		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
		assertThat(breaker.getMetrics().bufferedCalls()).isZero();
		assertThat(breaker.getMetrics().failureRate()).isEqualTo(-1f);
	}

	@Test
	void halfOpenReopensWhenTrialsFail() {
		CircuitBreaker breaker = halfOpenBreaker(config());
		succeed(breaker);
		fail(breaker);
		assertThat(breaker.getState()).isEqualTo(State.OPEN);
	}

	@Test
	void halfOpenDecidesAtMinimumCalls() {
		CircuitBreaker breaker = halfOpenBreaker(config().permittedNumberOfCallsInHalfOpenState(5));
		long lateTrial = breaker.acquirePermission();
		succeed(breaker);
		succeed(breaker);
		succeed(breaker);
		assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);
		succeed(breaker);
		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
		breaker.onError(lateTrial, 0, new IOException("late"));
		assertThat(breaker.getMetrics().bufferedCalls()).isZero();
	}

	@Test
	void ignoredErrorReturnsTrialPermit() {
		CircuitBreaker breaker = halfOpenBreaker(config().ignoreExceptions(List.of(IllegalArgumentException.class)));
		long first = breaker.acquirePermission();
		long second = breaker.acquirePermission();
		breaker.onSuccess(first, 0);
		breaker.onError(second, 0, new IllegalArgumentException("business outcome"));
		assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);
		long third = breaker.tryAcquirePermission();
		assertThat(third).isNotEqualTo(CircuitBreaker.NO_PERMIT);
		breaker.onSuccess(third, 0);
		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
	}

	@Test
	void releasedPermitCannotBeReleasedTwice() {
		CircuitBreaker breaker = halfOpenBreaker(config());
		long first = breaker.acquirePermission();
		breaker.acquirePermission();
		breaker.releasePermission(first);
		breaker.releasePermission(first);
		assertThat(breaker.tryAcquirePermission()).isNotEqualTo(CircuitBreaker.NO_PERMIT);
		assertThat(breaker.tryAcquirePermission()).isEqualTo(CircuitBreaker.NO_PERMIT);
	}

	@Test
	void recordedPermitCannotBeRecordedTwice() {
		CircuitBreaker breaker = halfOpenBreaker(config().permittedNumberOfCallsInHalfOpenState(3).minimumNumberOfCalls(3));
		long first = breaker.acquirePermission();
		breaker.onError(first, 0, new IOException("boom"));
		breaker.onError(first, 0, new IOException("boom"));
		breaker.releasePermission(first);
		assertThat(breaker.getMetrics().bufferedCalls()).isEqualTo(1);
		assertThat(breaker.tryAcquirePermission()).isNotEqualTo(CircuitBreaker.NO_PERMIT);
		assertThat(breaker.tryAcquirePermission()).isNotEqualTo(CircuitBreaker.NO_PERMIT);
		assertThat(breaker.tryAcquirePermission()).isEqualTo(CircuitBreaker.NO_PERMIT);
	}

	@Test
	void callErrorRecordedAsFailure() {
		CircuitBreaker breaker = halfOpenBreaker(config());
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> breaker.execute(() -> {
			throw new AssertionError("broken invariant");
		}));
		assertThat(breaker.getMetrics().failedCalls()).isEqualTo(1);
		succeed(breaker);
		assertThat(breaker.getState()).isEqualTo(State.OPEN);
	}

	@Test
	void lateResultFromClosedIsRecordedNowhere() {
		CircuitBreaker breaker = CircuitBreaker.of("test", config().build());
		long early = breaker.acquirePermission();
		fail(breaker);
		fail(breaker);
		fail(breaker);
		fail(breaker);
		assertThat(breaker.getState()).isEqualTo(State.OPEN);
		breaker.onSuccess(early, 0);
		assertThat(breaker.getMetrics().bufferedCalls()).isEqualTo(4);
		this.clock.advance(WAIT.plusNanos(1));
		breaker.acquirePermission();
		breaker.onError(early, 0, new IOException("late"));
		assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);
		assertThat(breaker.getMetrics().bufferedCalls()).isZero();
	}

	@Test
	void slowCallIsStrictlyLongerThanThreshold() {
		CircuitBreaker breaker = CircuitBreaker.of("test",
				config().slowCallDurationThreshold(Duration.ofMillis(100)).slowCallRateThreshold(50).build());
		breaker.onSuccess(breaker.acquirePermission(), Duration.ofMillis(100).toNanos());
		breaker.onSuccess(breaker.acquirePermission(), Duration.ofMillis(100).toNanos());
		breaker.onSuccess(breaker.acquirePermission(), Duration.ofMillis(100).toNanos());
		assertThat(breaker.getMetrics().slowCalls()).isZero();
		breaker.onSuccess(breaker.acquirePermission(), Duration.ofMillis(100).toNanos() + 1);
		assertThat(breaker.getMetrics().slowCalls()).isEqualTo(1);
		assertThat(breaker.getMetrics().slowCallRate()).isEqualTo(25f);
		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
		breaker.onSuccess(breaker.acquirePermission(), Duration.ofMillis(101).toNanos());
		breaker.onSuccess(breaker.acquirePermission(), Duration.ofMillis(101).toNanos());
		assertThat(breaker.getState()).isEqualTo(State.OPEN);
	}

	@Test
	void slowCallDurationMeasuredByExecute() throws Throwable {
		CircuitBreaker breaker = CircuitBreaker.of("test", config().minimumNumberOfCalls(1)
			.slowCallDurationThreshold(Duration.ofMillis(100))
			.slowCallRateThreshold(100)
			.build());
		breaker.execute(() -> {
			this.clock.advance(Duration.ofMillis(101));
			return "slow";
		});
		assertThat(breaker.getState()).isEqualTo(State.OPEN);
	}

	@Test
	void minimumAboveCountWindowIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CircuitBreakerConfig.custom().countBasedWindow(5).minimumNumberOfCalls(10).build())
			.withMessageContaining("minimumNumberOfCalls (10)")
			.withMessageContaining("slidingWindowSize (5)");
		assertThat(CircuitBreakerConfig.custom().countBasedWindow(5).minimumNumberOfCalls(5).build()
			.getMinimumNumberOfCalls()).isEqualTo(5);
	}

	@Test
	void minimumAboveTimeWindowCallsIsAccepted() {
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.timeBasedWindow(Duration.ofSeconds(5))
			.minimumNumberOfCalls(1000)
			.build();
		assertThat(config.getMinimumNumberOfCalls()).isEqualTo(1000);
	}

	@Test
	void invalidValuesAreRejectedWithNameAndValue() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CircuitBreakerConfig.custom().failureRateThreshold(0).build())
			.withMessageContaining("failureRateThreshold")
			.withMessageContaining("0.0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CircuitBreakerConfig.custom().failureRateThreshold(100.5f).build())
			.withMessageContaining("100.5");
		assertThat(CircuitBreakerConfig.custom().failureRateThreshold(100).build().getFailureRateThreshold())
			.isEqualTo(100f);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CircuitBreakerConfig.custom().countBasedWindow(0).minimumNumberOfCalls(1).build())
			.withMessageContaining("slidingWindowSize");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CircuitBreakerConfig.custom().waitDurationInOpenState(Duration.ofSeconds(-1)).build())
			.withMessageContaining("waitDurationInOpenState")
			.withMessageContaining("PT-1S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CircuitBreakerConfig.custom().timeBasedWindow(Duration.ofMillis(1500)).build())
			.withMessageContaining("slidingWindowDuration");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CircuitBreakerConfig.custom().permittedNumberOfCallsInHalfOpenState(0).build())
			.withMessageContaining("permittedNumberOfCallsInHalfOpenState");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CircuitBreakerConfig.custom().waitDurationInOpenStateBackoff(0.5, null).build())
			.withMessageContaining("waitDurationInOpenStateMultiplier");
	}

	@Test
	void timeWindowDropsCallsOlderThanDuration() {
		CircuitBreaker breaker = CircuitBreaker.of("test",
				config().timeBasedWindow(Duration.ofSeconds(3)).minimumNumberOfCalls(3).build());
		fail(breaker);
		fail(breaker);
		this.clock.advance(Duration.ofSeconds(3));
		assertThat(breaker.getMetrics().bufferedCalls()).isZero();
		fail(breaker);
		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
		this.clock.advance(Duration.ofSeconds(2));
		fail(breaker);
		assertThat(breaker.getMetrics().bufferedCalls()).isEqualTo(2);
		fail(breaker);
		assertThat(breaker.getState()).isEqualTo(State.OPEN);
	}

	@Test
	void openWaitGrowsUpToMaximum() {
		CircuitBreaker breaker = openBreaker(
				config().waitDurationInOpenStateBackoff(2, Duration.ofSeconds(30)).minimumNumberOfCalls(1)
					.permittedNumberOfCallsInHalfOpenState(1));
		List<Duration> waits = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			waits.add(measureOpenWait(breaker));
			fail(breaker);
		}
		assertThat(waits).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30),
				Duration.ofSeconds(30));
		measureOpenWait(breaker);
		succeed(breaker);
		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
		fail(breaker);
		assertThat(measureOpenWait(breaker)).isEqualTo(Duration.ofSeconds(10));
	}

	private Duration measureOpenWait(CircuitBreaker breaker) {
		Duration waited = Duration.ZERO;
		Duration step = Duration.ofSeconds(1);
		long permit;
		while ((permit = breaker.tryAcquirePermission()) == CircuitBreaker.NO_PERMIT) {
			this.clock.advance(step);
			waited = waited.plus(step);
		}
		// The permit just taken is a trial permit: return it so that the caller makes the trial call.
		breaker.releasePermission(permit);
		return waited.minus(step);
	}

	@Test
	void openWaitJitterUsesInjectedRandom() {
		CircuitBreakerConfig jittered = config().waitDurationInOpenStateJitter(0.5).random(() -> 0.0).build();
		assertThat(OpenWait.nanos(jittered, 0)).isEqualTo(Duration.ofSeconds(5).toNanos());
		CircuitBreakerConfig high = config().waitDurationInOpenStateJitter(0.5).random(() -> 0.75).build();
		assertThat(OpenWait.nanos(high, 0)).isEqualTo(Duration.ofMillis(12_500).toNanos());
	}

	@Test
	void openWaitNeverOverflows() {
		CircuitBreakerConfig huge = config().waitDurationInOpenStateBackoff(10, null).build();
		assertThat(OpenWait.nanos(huge, 1_000)).isEqualTo(Long.MAX_VALUE);
		assertThat(OpenWait.nanos(huge, 3)).isEqualTo(Duration.ofSeconds(10_000).toNanos());
	}

	@Test
	void automaticTransitionHalfOpensWithoutCall() {
		CircuitBreaker breaker = openBreaker(config().automaticTransitionFromOpenToHalfOpen(true));
		this.clock.advance(WAIT);
		assertThat(breaker.getState()).isEqualTo(State.OPEN);
		this.clock.advance(Duration.ofNanos(1));
		assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);
		assertThat(this.clock.pendingTasks()).isZero();
	}

	@Test
	void failingSchedulerNeverBlocksTransition() {
		CircuitBreaker breaker = CircuitBreaker.of("test", config().automaticTransitionFromOpenToHalfOpen(true)
			.scheduler((task, delay) -> {
				throw new java.util.concurrent.RejectedExecutionException("scheduler shut down");
			})
			.build());
		while (breaker.getState() == State.CLOSED) {
			fail(breaker);
		}
		assertThat(breaker.getState()).isEqualTo(State.OPEN);
		this.clock.advance(WAIT.plusNanos(1));
		assertThat(breaker.tryAcquirePermission()).isNotEqualTo(CircuitBreaker.NO_PERMIT);
		assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);
	}

	@Test
	void leavingOpenCancelsScheduledTransition() {
		CircuitBreaker breaker = openBreaker(config().automaticTransitionFromOpenToHalfOpen(true));
		assertThat(this.clock.pendingTasks()).isEqualTo(1);
		breaker.transitionToClosed();
		assertThat(this.clock.pendingTasks()).isZero();
		this.clock.advance(WAIT.multipliedBy(2));
		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
	}

	@Test
	void halfOpenReopensAfterMaxWait() {
		CircuitBreaker breaker = halfOpenBreaker(config().maxWaitDurationInHalfOpenState(Duration.ofSeconds(5)));
		long trial = breaker.acquirePermission();
		assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);
		this.clock.advance(Duration.ofNanos(1));
		assertThat(breaker.getState()).isEqualTo(State.OPEN);
		breaker.onSuccess(trial, 0);
		assertThat(breaker.getState()).isEqualTo(State.OPEN);
	}

	@Test
	void forcedOpenRejectsUntilClosed() {
		CircuitBreaker breaker = CircuitBreaker.of("test", config().build());
		breaker.transitionToForcedOpen();
		this.clock.advance(WAIT.multipliedBy(100));
		assertThat(breaker.tryAcquirePermission()).isEqualTo(CircuitBreaker.NO_PERMIT);
		assertThat(breaker.getState()).isEqualTo(State.FORCED_OPEN);
		breaker.transitionToClosed();
		succeed(breaker);
		assertThat(breaker.getMetrics().bufferedCalls()).isEqualTo(1);
	}

	@Test
	void disabledPermitsAndRecordsNothing() {
		CircuitBreaker breaker = CircuitBreaker.of("test", config().build());
		breaker.transitionToDisabled();
		for (int i = 0; i < 20; i++) {
			fail(breaker);
		}
		assertThat(breaker.getState()).isEqualTo(State.DISABLED);
		assertThat(breaker.getMetrics().bufferedCalls()).isZero();
	}

	@Test
	void metricsOnlyRecordsButNeverOpens() {
		CircuitBreaker breaker = CircuitBreaker.of("test", config().build());
		breaker.transitionToMetricsOnly();
		for (int i = 0; i < 20; i++) {
			fail(breaker);
		}
		assertThat(breaker.getState()).isEqualTo(State.METRICS_ONLY);
		assertThat(breaker.getMetrics().failureRate()).isEqualTo(100f);
	}

	@Test
	void resetClearsWindowAndRejections() {
		CircuitBreaker breaker = openBreaker(config());
		breaker.tryAcquirePermission();
		breaker.reset();
		CircuitBreakerMetrics metrics = breaker.getMetrics();
		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
		assertThat(metrics.bufferedCalls()).isZero();
		assertThat(metrics.notPermittedCalls()).isZero();
	}

	@Test
	void recordExceptionsCountOthersAsSuccess() {
		CircuitBreaker breaker = CircuitBreaker.of("test",
				config().recordExceptions(List.of(IOException.class)).build());
		breaker.onError(breaker.acquirePermission(), 0, new IllegalStateException("not recorded"));
		breaker.onError(breaker.acquirePermission(), 0, new java.io.FileNotFoundException("subclass"));
		assertThat(breaker.getMetrics().bufferedCalls()).isEqualTo(2);
		assertThat(breaker.getMetrics().failedCalls()).isEqualTo(1);
	}

	@Test
	void ignoreWinsOverRecordAndMatchesSubclasses() {
		CircuitBreaker breaker = CircuitBreaker.of("test", config().recordExceptions(List.of(IOException.class))
			.ignoreExceptions(List.of(java.io.FileNotFoundException.class))
			.build());
		breaker.onError(breaker.acquirePermission(), 0, new java.io.FileNotFoundException("ignored"));
		assertThat(breaker.getMetrics().bufferedCalls()).isZero();
	}

	@Test
	void wrappedIgnoredExceptionIsStillIgnored() {
		CircuitBreaker breaker = CircuitBreaker.of("test",
				config().ignoreExceptions(List.of(IllegalArgumentException.class)).build());
		breaker.onError(breaker.acquirePermission(), 0,
				new CompletionException(new ExecutionException(new IllegalArgumentException("inner"))));
		assertThat(breaker.getMetrics().bufferedCalls()).isZero();
	}

	@Test
	void predicatesClassifyExceptionsAndResults() {
		CircuitBreaker breaker = CircuitBreaker.of("test", config()
			.recordException((ex) -> ex.getMessage().contains("503"))
			.recordResult((result) -> "degraded".equals(result))
			.build());
		breaker.onError(breaker.acquirePermission(), 0, new IllegalStateException("status 503"));
		breaker.onError(breaker.acquirePermission(), 0, new IllegalStateException("status 404"));
		breaker.onResult(breaker.acquirePermission(), 0, "degraded");
		breaker.onResult(breaker.acquirePermission(), 0, "fine");
		assertThat(breaker.getMetrics().bufferedCalls()).isEqualTo(4);
		assertThat(breaker.getMetrics().failedCalls()).isEqualTo(2);
	}

	@Test
	void asyncFailureIsRecordedWhenStageCompletes() {
		CircuitBreaker breaker = CircuitBreaker.of("test", config().minimumNumberOfCalls(1).build());
		CompletableFuture<String> downstream = new CompletableFuture<>();
		CompletionStage<String> result = breaker.executeCompletionStage(() -> downstream);
		assertThat(breaker.getMetrics().bufferedCalls()).isZero();
		downstream.completeExceptionally(new IOException("later"));
		assertThat(breaker.getState()).isEqualTo(State.OPEN);
		assertThat(result.toCompletableFuture()).isCompletedExceptionally();
		CompletionStage<String> rejected = breaker.executeCompletionStage(() -> downstream);
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> rejected.toCompletableFuture().get(1, TimeUnit.SECONDS))
			.withCauseInstanceOf(CallNotPermittedException.class);
	}

	@Test
	void cancelledAsyncCallReturnsTrialPermit() {
		CircuitBreaker breaker = halfOpenBreaker(config().permittedNumberOfCallsInHalfOpenState(1).minimumNumberOfCalls(1));
		CompletableFuture<String> downstream = new CompletableFuture<>();
		CompletionStage<String> result = breaker.executeCompletionStage(() -> downstream);
		assertThat(breaker.tryAcquirePermission()).isEqualTo(CircuitBreaker.NO_PERMIT);
		result.toCompletableFuture().cancel(true);
		assertThat(downstream).isCancelled();
		downstream.completeExceptionally(new IOException("after cancel"));
		assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);
		long again = breaker.tryAcquirePermission();
		assertThat(again).isNotEqualTo(CircuitBreaker.NO_PERMIT);
	}

	@Test
	void listenersSeeEventsInOrder() {
		CircuitBreaker breaker = CircuitBreaker.of("test", config().build());
		List<String> events = new ArrayList<>();
		breaker.addListener(new CircuitBreakerListener() {

			@Override
			public void onFailure(CircuitBreaker source, long durationNanos, Throwable error) {
				events.add("failure");
			}

			@Override
			public void onFailureRateExceeded(CircuitBreaker source, float failureRate) {
				events.add("rate " + failureRate);
			}

			@Override
			public void onStateTransition(CircuitBreaker source, State from, State to) {
				events.add(from + "->" + to);
			}

			@Override
			public void onCallNotPermitted(CircuitBreaker source) {
				events.add("rejected");
			}

		});
		for (int i = 0; i < 4; i++) {
			fail(breaker);
		}
		breaker.tryAcquirePermission();
		assertThat(events).containsExactly("failure", "failure", "failure", "rate 100.0", "CLOSED->OPEN", "failure",
				"rejected");
	}

	@Test
	void throwingListenerNeverBreaksCall() throws Throwable {
		CircuitBreaker breaker = CircuitBreaker.of("test", config().build());
		breaker.addListener(new CircuitBreakerListener() {

			@Override
			public void onSuccess(CircuitBreaker source, long durationNanos) {
				throw new IllegalStateException("listener bug");
			}

		});
		assertThat(breaker.execute(() -> "value")).isEqualTo("value");
		assertThat(breaker.execute(() -> "again")).isEqualTo("again");
		assertThat(breaker.getMetrics().bufferedCalls()).isEqualTo(2);
	}

	@Test
	void listenersRunAfterLockIsReleased() throws InterruptedException {
		CircuitBreaker breaker = CircuitBreaker.of("test", config().build());
		CountDownLatch otherThreadTransitioned = new CountDownLatch(1);
		breaker.addListener(new CircuitBreakerListener() {

			@Override
			public void onStateTransition(CircuitBreaker source, State from, State to) {
				if (to == State.OPEN) {
					Thread other = new Thread(() -> {
						source.transitionToForcedOpen();
						otherThreadTransitioned.countDown();
					});
					other.start();
					try {
						otherThreadTransitioned.await(5, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			}

		});
		for (int i = 0; i < 4; i++) {
			fail(breaker);
		}
		assertThat(otherThreadTransitioned.getCount()).isZero();
		assertThat(breaker.getState()).isEqualTo(State.FORCED_OPEN);
	}

}
