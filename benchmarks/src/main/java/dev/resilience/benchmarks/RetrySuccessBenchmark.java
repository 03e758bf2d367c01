package dev.resilience.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.resilience.core.CheckedSupplier;
import dev.resilience.core.retry.Retry;
import dev.resilience.core.retry.RetryMetrics;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

/**
 * The cost of a retried call that succeeds on its first attempt, on one thread: our retry,
 * Resilience4j's, Spring Framework's {@link RetryTemplate} and Failsafe's, against the bare call as
 * a baseline.
 *
 * <p>Every retry allows 3 attempts with a fixed wait of 500 ms, which the successful call never
 * reaches. The call is the same trivial field read as in {@link BreakerSuccessBenchmark}, built once
 * in {@link #setUp()}.
 *
 * <p>This class is not thread-safe; JMH gives each benchmark thread its own instance.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class RetrySuccessBenchmark {

	private Object value;

	private CheckedSupplier<Object> ourCall;

	private io.github.resilience4j.core.functions.CheckedSupplier<Object> resilience4jCall;

	private Retryable<Object> springCall;

	private dev.failsafe.function.CheckedSupplier<Object> failsafeCall;

	private Retry ours;

	private io.github.resilience4j.retry.Retry resilience4j;

	private RetryTemplate springRetryTemplate;

	private FailsafeExecutor<Object> failsafe;

	/**
	 * Creates the retries and the calls.
	 */
	@Setup
	public void setUp() {
		this.value = new Object();
		this.ourCall = () -> this.value;
		this.resilience4jCall = () -> this.value;
		this.springCall = () -> this.value;
		this.failsafeCall = () -> this.value;
		this.ours = Retry.of("success", Settings.ourRetryConfig());
		this.resilience4j = io.github.resilience4j.retry.Retry.of("success", Settings.resilience4jRetryConfig());
		this.springRetryTemplate = new RetryTemplate(org.springframework.core.retry.RetryPolicy.builder()
			.maxRetries(Settings.MAX_ATTEMPTS - 1)
			.delay(Settings.RETRY_WAIT)
			.build());
		this.failsafe = Failsafe.with(RetryPolicy.builder()
			.withMaxAttempts(Settings.MAX_ATTEMPTS)
			.withDelay(Settings.RETRY_WAIT)
			.build());
	}

	/**
	 * Checks, for the two retries that count their calls, that every call of the trial succeeded on
	 * its first attempt.
	 * @param params the parameters of the running benchmark, which name its method
	 */
	@TearDown
	public void checkRetry(BenchmarkParams params) {
		switch (BenchmarkMethods.name(params)) {
			case "ours" -> {
				RetryMetrics metrics = this.ours.getMetrics();
				if (metrics.successWithoutRetry() == 0 || metrics.attempts() != metrics.successWithoutRetry()) {
					throw new IllegalStateException("Expected only first-attempt successes, but the retry counted " + metrics);
				}
			}
			case "resilience4j" -> {
				io.github.resilience4j.retry.Retry.Metrics metrics = this.resilience4j.getMetrics();
				if (metrics.getNumberOfSuccessfulCallsWithoutRetryAttempt() == 0
						|| metrics.getNumberOfTotalCalls() != metrics.getNumberOfSuccessfulCallsWithoutRetryAttempt()) {
					throw new IllegalStateException("Expected only first-attempt successes, but the retry counted "
							+ metrics.getNumberOfSuccessfulCallsWithoutRetryAttempt() + " of "
							+ metrics.getNumberOfTotalCalls() + " calls");
				}
			}
			default -> {
				// The baseline uses no retry; RetryTemplate and Failsafe keep no counts to check.
			}
		}
	}

	/**
	 * Runs the bare call.
	 * @return the call's value
	 * @throws Throwable never, the call does not throw
	 */
	@Benchmark
	public Object baseline() throws Throwable {
		return this.ourCall.get();
	}

	/**
	 * Runs the call through our retry.
	 * @return the call's value
	 * @throws Throwable never, the call does not throw
	 */
	@Benchmark
	public Object ours() throws Throwable {
		return this.ours.execute(this.ourCall);
	}

	/**
	 * Runs the call through Resilience4j's retry.
	 * @return the call's value
	 * @throws Throwable never, the call does not throw
	 */
	@Benchmark
	public Object resilience4j() throws Throwable {
		return this.resilience4j.executeCheckedSupplier(this.resilience4jCall);
	}

	/**
	 * Runs the call through Spring Framework's retry template.
	 * @return the call's value
	 * @throws Exception never, the call does not throw
	 */
	@Benchmark
	public Object springRetryTemplate() throws Exception {
		return this.springRetryTemplate.execute(this.springCall);
	}

	/**
	 * Runs the call through Failsafe's retry policy.
	 * @return the call's value
	 */
	@Benchmark
	public Object failsafe() {
		return this.failsafe.get(this.failsafeCall);
	}

}
