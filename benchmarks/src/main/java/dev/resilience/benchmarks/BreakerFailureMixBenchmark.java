package dev.resilience.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.resilience.core.CheckedSupplier;
import dev.resilience.core.breaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowSynchronizationStrategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The cost of a call through a closed circuit breaker on one thread when every tenth call fails:
 * our breaker and Resilience4j's with each of its two window strategies, against the bare call with
 * the same failures as a baseline.
 *
 * <p>The failure-rate threshold is 100 percent, so a 10 percent failure rate never opens either
 * breaker, and every call is recorded in the closed state. The failing call throws one shared
 * exception without a stack trace ({@link SimulatedFailure}); the benchmark catches it and returns
 * it, so each operation is one call whatever its outcome.
 *
 * <p>This class is not thread-safe; JMH gives each benchmark thread its own instance, and the
 * failure counter belongs to that thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class BreakerFailureMixBenchmark {

	/** Every call whose number is a multiple of this fails. */
	private static final int FAILURE_PERIOD = 10;

	private Object value;

	private int calls;

	private CheckedSupplier<Object> ourCall;

	private io.github.resilience4j.core.functions.CheckedSupplier<Object> resilience4jCall;

	private CircuitBreaker ours;

	private io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4jSynchronized;

	private io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4jLockFree;

	/**
	 * Creates the breakers and the calls.
	 */
	@Setup
	public void setUp() {
		this.value = new Object();
		this.ourCall = this::nextOutcome;
		this.resilience4jCall = this::nextOutcome;
		this.ours = CircuitBreaker.of("failure-mix",
				Settings.ourBreakerConfig(Settings.UNREACHABLE_FAILURE_RATE_THRESHOLD));
		this.resilience4jSynchronized = io.github.resilience4j.circuitbreaker.CircuitBreaker.of(
				"failure-mix-synchronized", Settings.resilience4jBreakerConfig(
						Settings.UNREACHABLE_FAILURE_RATE_THRESHOLD, SlidingWindowSynchronizationStrategy.SYNCHRONIZED));
		this.resilience4jLockFree = io.github.resilience4j.circuitbreaker.CircuitBreaker.of("failure-mix-lock-free",
				Settings.resilience4jBreakerConfig(Settings.UNREACHABLE_FAILURE_RATE_THRESHOLD,
						SlidingWindowSynchronizationStrategy.LOCK_FREE));
	}

	/**
	 * Checks that the breaker of the benchmark that ran is still closed and that its window contains
	 * exactly one failure per ten calls. Any run of 100 consecutive calls contains 10 failing ones.
	 * @param params the parameters of the running benchmark, which name its method
	 */
	@TearDown
	public void checkBreaker(BenchmarkParams params) {
		int expectedFailedCalls = Settings.WINDOW_SIZE / FAILURE_PERIOD;
		switch (BenchmarkMethods.name(params)) {
			case "ours" -> BreakerChecks.check(this.ours, expectedFailedCalls);
			case "resilience4jSynchronized" -> BreakerChecks.check(this.resilience4jSynchronized, expectedFailedCalls);
			case "resilience4jLockFree" -> BreakerChecks.check(this.resilience4jLockFree, expectedFailedCalls);
			default -> {
				// The baseline uses no breaker.
			}
		}
	}

	private Object nextOutcome() {
		this.calls++;
		if (this.calls % FAILURE_PERIOD == 0) {
			throw SimulatedFailure.INSTANCE;
		}
		return this.value;
	}

	/**
	 * Runs the bare call.
	 * @return the call's value, or the exception it threw
	 * @throws Throwable never, the call throws only {@link SimulatedFailure}
	 */
	@Benchmark
	public Object baseline() throws Throwable {
		try {
			return this.ourCall.get();
		}
		catch (SimulatedFailure ex) {
			return ex;
		}
	}

	/**
	 * Runs the call through our breaker.
	 * @return the call's value, or the exception it threw
	 * @throws Throwable never, the call throws only {@link SimulatedFailure}
	 */
	@Benchmark
	public Object ours() throws Throwable {
		try {
			return this.ours.execute(this.ourCall);
		}
		catch (SimulatedFailure ex) {
			return ex;
		}
	}

	/**
	 * Runs the call through Resilience4j's breaker with the synchronized window.
	 * @return the call's value, or the exception it threw
	 * @throws Throwable never, the call throws only {@link SimulatedFailure}
	 */
	@Benchmark
	public Object resilience4jSynchronized() throws Throwable {
		try {
			return this.resilience4jSynchronized.executeCheckedSupplier(this.resilience4jCall);
		}
		catch (SimulatedFailure ex) {
			return ex;
		}
	}

	/**
	 * Runs the call through Resilience4j's breaker with the lock-free window.
	 * @return the call's value, or the exception it threw
	 * @throws Throwable never, the call throws only {@link SimulatedFailure}
	 */
	@Benchmark
	public Object resilience4jLockFree() throws Throwable {
		try {
			return this.resilience4jLockFree.executeCheckedSupplier(this.resilience4jCall);
		}
		catch (SimulatedFailure ex) {
			return ex;
		}
	}

}
