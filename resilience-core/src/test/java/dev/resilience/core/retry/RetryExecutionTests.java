package dev.resilience.core.retry;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

import org.junit.jupiter.api.Test;

import dev.resilience.core.breaker.CallNotPermittedException;
import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link RetryExecution}, the protocol for callers that run the attempts themselves.
 */
class RetryExecutionTests {

	private static final Duration WAIT = Duration.ofSeconds(1);

	private final ManualClock clock = new ManualClock();

	private final List<String> events = new ArrayList<>();

	@Test
	void failuresThenSuccessCountedOnce() {
		Retry retry = retry(builder().maxAttempts(3));
		RetryExecution execution = retry.startExecution();

		assertThat(execution.attempt(RetryContext::getAttempt)).isEqualTo(1);
		assertThat(execution.onError(new IOException("first"))).isEqualTo(WAIT);
		assertThat(execution.attempt(RetryContext::getAttempt)).isEqualTo(2);
		assertThat(execution.onResult("done")).isNull();

		assertThat(execution.isFinished()).isTrue();
		assertThat(execution.getAttempts()).isEqualTo(2);
		assertThat(retry.getMetrics()).isEqualTo(new RetryMetrics(0, 1, 0, 0, 2));
		assertThat(this.events).containsExactly("retry 1 first", "outcome SUCCESS_WITH_RETRY 2");
	}

	@Test
	void lastFailureEndsExecution() {
		Retry retry = retry(builder().maxAttempts(2));
		RetryExecution execution = retry.startExecution();
		IOException last = new IOException("second");

		execution.attempt((context) -> null);
		execution.onError(new IOException("first"));
		execution.attempt((context) -> null);

		assertThat(execution.onError(last)).isNull();
		assertThat(execution.isFinished()).isTrue();
		assertThat(retry.getMetrics()).isEqualTo(new RetryMetrics(0, 0, 1, 0, 2));
		assertThat(this.events).containsExactly("retry 1 first", "outcome FAILURE_WITH_RETRY 2");
	}

	@Test
	void rejectionIsNeverRetried() {
		Retry retry = retry(builder().maxAttempts(5));
		RetryExecution execution = retry.startExecution();

		execution.attempt((context) -> null);

		assertThat(execution.onError(new CallNotPermittedException("b", CircuitBreaker.State.OPEN))).isNull();
		assertThat(retry.getMetrics()).isEqualTo(new RetryMetrics(0, 0, 0, 1, 1));
	}

	@Test
	void completionCountsSuccess() {
		Retry retry = retry(builder().retryOnResult((result) -> true));
		RetryExecution execution = retry.startExecution();

		execution.attempt((context) -> null);
		execution.onComplete();

		assertThat(retry.getMetrics()).isEqualTo(new RetryMetrics(1, 0, 0, 0, 1));
	}

	@Test
	void retriedResultsRunOutThenFail() {
		Retry retry = retry(builder().maxAttempts(2).retryOnResult("busy"::equals).failAfterMaxAttempts(true));
		RetryExecution execution = retry.startExecution();

		execution.attempt((context) -> null);
		assertThat(execution.onResult("busy")).isEqualTo(WAIT);
		execution.attempt((context) -> null);

		assertThatExceptionOfType(RetriesExhaustedException.class).isThrownBy(() -> execution.onResult("busy"))
			.satisfies((ex) -> assertThat(ex.getAttempts()).isEqualTo(2));
		assertThat(execution.isFinished()).isTrue();
		assertThat(retry.getMetrics()).isEqualTo(new RetryMetrics(0, 0, 1, 0, 2));
	}

	@Test
	void retriedResultsRunOutThenReturn() {
		Retry retry = retry(builder().maxAttempts(2).retryOnResult("busy"::equals));
		RetryExecution execution = retry.startExecution();

		execution.attempt((context) -> null);
		execution.onResult("busy");
		execution.attempt((context) -> null);

		assertThat(execution.onResult("busy")).isNull();
		assertThat(retry.getMetrics()).isEqualTo(new RetryMetrics(0, 0, 1, 0, 2));
	}

	@Test
	void throwingPredicateEndsExecution() {
		IllegalArgumentException predicateFailure = new IllegalArgumentException("predicate");
		Retry retry = retry(builder().retryOnException((error) -> {
			throw predicateFailure;
		}));
		RetryExecution execution = retry.startExecution();
		IOException failure = new IOException("call");

		execution.attempt((context) -> null);

		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> execution.onError(failure))
			.isSameAs(predicateFailure);
		assertThat(predicateFailure.getSuppressed()).containsExactly(failure);
		assertThat(execution.isFinished()).isTrue();
		assertThat(retry.getMetrics().failureWithoutRetry()).isEqualTo(1);
	}

	@Test
	void abortAfterWaitCountsFailure() {
		Retry retry = retry(builder().maxAttempts(3));
		RetryExecution execution = retry.startExecution();
		IOException failure = new IOException("first");

		execution.attempt((context) -> null);
		execution.onError(failure);
		failure.addSuppressed(new RejectedExecutionException("shut down"));
		execution.abort(failure);

		assertThat(execution.isFinished()).isTrue();
		assertThat(retry.getMetrics()).isEqualTo(new RetryMetrics(0, 0, 0, 1, 1));
		assertThat(this.events).containsExactly("retry 1 first", "outcome FAILURE_WITHOUT_RETRY 1");
	}

	@Test
	void contextSetOnlyInsideAttempt() {
		Retry retry = retry(builder().maxAttempts(3));
		RetryExecution execution = retry.startExecution();

		RetryContext first = execution.attempt((context) -> {
			assertThat(RetryContext.current()).isEqualTo(context);
			return context;
		});
		assertThat(RetryContext.current()).isNull();
		execution.onError(new IOException());
		RetryContext second = execution.attempt((context) -> context);

		assertThat(first.getAttempt()).isEqualTo(1);
		assertThat(second.getAttempt()).isEqualTo(2);
		assertThat(second.getInvocationId()).isEqualTo(first.getInvocationId())
			.isEqualTo(execution.getInvocationId());
	}

	@Test
	void contextRestoredWhenAttemptThrows() {
		RetryExecution execution = retry(builder()).startExecution();

		assertThatIllegalStateException().isThrownBy(() -> execution.attempt((context) -> {
			throw new IllegalStateException("start failed");
		}));

		assertThat(RetryContext.current()).isNull();
	}

	@Test
	void stepsOutOfOrderRejected() {
		RetryExecution execution = retry(builder().maxAttempts(3)).startExecution();

		assertThatIllegalStateException().isThrownBy(() -> execution.onError(new IOException()))
			.withMessage("Retry 'manual' received onError with no attempt running; call attempt first");
		execution.attempt((context) -> null);
		assertThatIllegalStateException().isThrownBy(() -> execution.attempt((context) -> null))
			.withMessage("Retry 'manual' cannot start attempt 2 before attempt 1 is reported through onError, "
					+ "onResult or onComplete");
		assertThatIllegalStateException().isThrownBy(() -> execution.abort(new IOException()))
			.withMessage("Retry 'manual' cannot abort while attempt 1 is running; report it first");
		execution.onComplete();
		assertThatIllegalStateException().isThrownBy(() -> execution.attempt((context) -> null))
			.withMessage("Retry 'manual' received attempt after its execution ended; start a new execution");
	}

	@Test
	void deadlineMeasuredFromStart() {
		Retry retry = retry(builder().maxAttempts(10).maxDuration(Duration.ofSeconds(2)));
		RetryExecution execution = retry.startExecution();

		this.clock.advance(Duration.ofMillis(1500));
		execution.attempt((context) -> null);

		assertThat(execution.onError(new IOException())).isNull();
		assertThat(retry.getMetrics().failureWithoutRetry()).isEqualTo(1);
	}

	private RetryConfig.Builder builder() {
		return RetryConfig.custom().waitDuration(WAIT).ticker(this.clock).sleeper(this.clock).scheduler(this.clock);
	}

	private Retry retry(RetryConfig.Builder builder) {
		Retry retry = Retry.of("manual", builder.build());
		retry.addListener(new RetryListener() {

			@Override
			public void onRetry(Retry source, int attempt, Throwable error, Duration wait) {
				RetryExecutionTests.this.events
					.add("retry " + attempt + ((error != null) ? " " + error.getMessage() : ""));
			}

			@Override
			public void onOutcome(Retry source, RetryOutcome outcome, int attempts, Throwable lastErrorOrNull) {
				RetryExecutionTests.this.events.add("outcome " + outcome + " " + attempts);
			}

		});
		return retry;
	}

}
