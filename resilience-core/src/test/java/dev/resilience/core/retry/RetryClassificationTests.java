package dev.resilience.core.retry;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import dev.resilience.core.breaker.CallNotPermittedException;
import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for which exceptions a {@link Retry} retries. Each test counts the calls an always-failing
 * call receives with three attempts allowed: 3 means retried, 1 means not retried.
 */
class RetryClassificationTests {

	private static final int RETRIED = 3;

	private static final int NOT_RETRIED = 1;

	@Test
	void everyExceptionIsRetriedByDefault() {
		RetryConfig.Builder builder = builder();

		assertThat(callsUntilGivingUp(builder, new IOException())).isEqualTo(RETRIED);
		assertThat(callsUntilGivingUp(builder, new IllegalStateException())).isEqualTo(RETRIED);
		assertThat(callsUntilGivingUp(builder, new Exception())).isEqualTo(RETRIED);
	}

	@Test
	void retryListMatchesSubclasses() {
		RetryConfig.Builder builder = builder().retryExceptions(List.of(IOException.class));

		assertThat(callsUntilGivingUp(builder, new IOException())).isEqualTo(RETRIED);
		assertThat(callsUntilGivingUp(builder, new SocketTimeoutException())).isEqualTo(RETRIED);
		assertThat(callsUntilGivingUp(builder, new IllegalStateException())).isEqualTo(NOT_RETRIED);
		assertThat(callsUntilGivingUp(builder, new TimeoutException())).isEqualTo(NOT_RETRIED);
	}

	@Test
	void ignoreListStopsItsTypesAndSubclasses() {
		RetryConfig.Builder builder = builder().ignoreExceptions(List.of(IllegalArgumentException.class));

		assertThat(callsUntilGivingUp(builder, new IllegalArgumentException())).isEqualTo(NOT_RETRIED);
		assertThat(callsUntilGivingUp(builder, new NumberFormatException())).isEqualTo(NOT_RETRIED);
		assertThat(callsUntilGivingUp(builder, new IllegalStateException())).isEqualTo(RETRIED);
	}

	@Test
	void ignoreWinsOverRetry() {
		RetryConfig.Builder builder = builder().retryExceptions(List.of(IOException.class))
			.ignoreExceptions(List.of(FileNotFoundException.class))
			.retryOnException((ex) -> true);

		assertThat(callsUntilGivingUp(builder, new IOException())).isEqualTo(RETRIED);
		assertThat(callsUntilGivingUp(builder, new FileNotFoundException())).isEqualTo(NOT_RETRIED);
	}

	@Test
	void predicateSelectsRetriedExceptions() {
		RetryConfig.Builder builder = builder().retryOnException((ex) -> "transient".equals(ex.getMessage()));

		assertThat(callsUntilGivingUp(builder, new IllegalStateException("transient"))).isEqualTo(RETRIED);
		assertThat(callsUntilGivingUp(builder, new IllegalStateException("permanent"))).isEqualTo(NOT_RETRIED);
	}

	@Test
	void predicateAddsToRetryList() {
		RetryConfig.Builder builder = builder().retryExceptions(List.of(IOException.class))
			.retryOnException((ex) -> ex instanceof TimeoutException);

		assertThat(callsUntilGivingUp(builder, new IOException())).isEqualTo(RETRIED);
		assertThat(callsUntilGivingUp(builder, new TimeoutException())).isEqualTo(RETRIED);
		assertThat(callsUntilGivingUp(builder, new IllegalStateException())).isEqualTo(NOT_RETRIED);
	}

	@Test
	void causesAreTestedOnlyWithMatchCauses() {
		RuntimeException wrapped = new RuntimeException("wrapper", new RuntimeException(new SocketTimeoutException()));
		RetryConfig.Builder builder = builder().retryExceptions(List.of(IOException.class));

		assertThat(callsUntilGivingUp(builder, wrapped)).isEqualTo(NOT_RETRIED);
		assertThat(callsUntilGivingUp(builder.matchCauses(true), wrapped)).isEqualTo(RETRIED);
	}

	@Test
	void ignoredCauseWinsWithMatchCauses() {
		RetryConfig.Builder builder = builder().matchCauses(true).ignoreExceptions(List.of(FileNotFoundException.class));
		UncheckedIOException wrapped = new UncheckedIOException(new FileNotFoundException("missing"));

		assertThat(callsUntilGivingUp(builder, wrapped)).isEqualTo(NOT_RETRIED);
		assertThat(callsUntilGivingUp(builder.matchCauses(false), wrapped)).isEqualTo(RETRIED);
	}

	@Test
	void predicateSeesEachCauseWithMatchCauses() {
		RetryConfig.Builder builder = builder().matchCauses(true)
			.retryOnException((ex) -> "transient".equals(ex.getMessage()));

		assertThat(callsUntilGivingUp(builder, new RuntimeException(new IllegalStateException("transient"))))
			.isEqualTo(RETRIED);
		assertThat(callsUntilGivingUp(builder, new RuntimeException(new IllegalStateException("permanent"))))
			.isEqualTo(NOT_RETRIED);
	}

	@Test
	void causeChainWithLoopEnds() {
		RuntimeException first = new RuntimeException("first");
		RuntimeException second = new RuntimeException("second", first);
		first.initCause(second);
		RetryConfig.Builder builder = builder().matchCauses(true).retryExceptions(List.of(IOException.class));

		assertThat(callsUntilGivingUp(builder, first)).isEqualTo(NOT_RETRIED);
	}

	@Test
	void wrappersAreRemovedBeforeClassification() {
		RetryConfig.Builder builder = builder().retryExceptions(List.of(IOException.class));
		CompletionException completion = new CompletionException(new ExecutionException(new IOException()));

		assertThat(callsUntilGivingUp(builder, completion)).isEqualTo(RETRIED);
		assertThat(callsUntilGivingUp(builder, new ExecutionException(new IllegalStateException())))
			.isEqualTo(NOT_RETRIED);
	}

	@Test
	void wrapperIsStillThrownUnchanged() {
		Retry retry = Retry.of("test", builder().retryExceptions(List.of(IOException.class)).build());
		CompletionException completion = new CompletionException(new IOException());

		assertThat(catchThrowable(() -> retry.execute(ScriptedCall.of(completion)))).isSameAs(completion);
	}

	@Test
	void callNotPermittedIsNeverRetried() {
		CallNotPermittedException rejected = new CallNotPermittedException("b", CircuitBreaker.State.OPEN);

		assertThat(callsUntilGivingUp(builder(), rejected)).isEqualTo(NOT_RETRIED);
		assertThat(callsUntilGivingUp(builder().retryExceptions(List.of(RuntimeException.class)), rejected))
			.isEqualTo(NOT_RETRIED);
		assertThat(callsUntilGivingUp(builder().retryOnException((ex) -> true), rejected)).isEqualTo(NOT_RETRIED);
		assertThat(callsUntilGivingUp(builder(), new CompletionException(rejected))).isEqualTo(NOT_RETRIED);
		assertThat(callsUntilGivingUp(builder().matchCauses(true), new RuntimeException(rejected)))
			.isEqualTo(NOT_RETRIED);
	}

	@Test
	void interruptedExceptionIsNeverRetried() {
		assertThat(callsUntilGivingUp(builder().retryOnException((ex) -> true), new InterruptedException()))
			.isEqualTo(NOT_RETRIED);
	}

	@Test
	void throwingExceptionPredicateEndsExecution() {
		IllegalStateException predicateFailure = new IllegalStateException("predicate failed");
		IOException failure = new IOException("down");
		Retry retry = Retry.of("test", builder().retryOnException((ex) -> {
			throw predicateFailure;
		}).build());

		Throwable thrown = catchThrowable(() -> retry.execute(ScriptedCall.of(failure)));

		assertThat(thrown).isSameAs(predicateFailure);
		assertThat(thrown.getSuppressed()).containsExactly(failure);
		assertThat(retry.getMetrics().failureWithoutRetry()).isEqualTo(1);
	}

	private static RetryConfig.Builder builder() {
		ManualClock clock = new ManualClock();
		return RetryConfig.custom().maxAttempts(3).waitDuration(Duration.ofMillis(10)).ticker(clock).sleeper(clock);
	}

	private static int callsUntilGivingUp(RetryConfig.Builder builder, Throwable failure) {
		ScriptedCall<Object> call = ScriptedCall.of(failure);
		Throwable thrown = catchThrowable(() -> Retry.of("test", builder.build()).execute(call));
		assertThat(thrown).isSameAs(failure);
		return call.calls();
	}

}
