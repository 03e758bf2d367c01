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
 * The cost of a successful call through a closed circuit breaker on one thread: our breaker and
 * Resilience4j's with each of its two window strategies, against the bare call as a baseline.
 *
 * <p>Every variant runs the same trivial call, a field read whose value JMH consumes. The calls are
 * built once in {@link #setUp()}, so no variant allocates a lambda per operation.
 *
 * <p>This class is not thread-safe; JMH gives each benchmark thread its own instance.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class BreakerSuccessBenchmark {

	private Object value;

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
		this.ourCall = () -> this.value;
		this.resilience4jCall = () -> this.value;
		this.ours = CircuitBreaker.of("success", Settings.ourBreakerConfig(Settings.FAILURE_RATE_THRESHOLD));
		this.resilience4jSynchronized = io.github.resilience4j.circuitbreaker.CircuitBreaker.of("success-synchronized",
				Settings.resilience4jBreakerConfig(Settings.FAILURE_RATE_THRESHOLD,
						SlidingWindowSynchronizationStrategy.SYNCHRONIZED));
		this.resilience4jLockFree = io.github.resilience4j.circuitbreaker.CircuitBreaker.of("success-lock-free",
				Settings.resilience4jBreakerConfig(Settings.FAILURE_RATE_THRESHOLD,
						SlidingWindowSynchronizationStrategy.LOCK_FREE));
	}

	/**
	 * Checks that the breaker of the benchmark that ran is closed and recorded the calls.
	 * @param params the parameters of the running benchmark, which name its method
	 */
	@TearDown
	public void checkBreaker(BenchmarkParams params) {
		switch (BenchmarkMethods.name(params)) {
			case "ours" -> BreakerChecks.check(this.ours, 0);
			case "resilience4jSynchronized" -> BreakerChecks.check(this.resilience4jSynchronized, 0);
			case "resilience4jLockFree" -> BreakerChecks.check(this.resilience4jLockFree, 0);
			default -> {
				// The baseline uses no breaker.
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
	 * Runs the call through our breaker.
	 * @return the call's value
	 * @throws Throwable never, the call does not throw
	 */
	@Benchmark
	public Object ours() throws Throwable {
		return this.ours.execute(this.ourCall);
	}

	/**
	 * Runs the call through Resilience4j's breaker with the synchronized window, its default.
	 * @return the call's value
	 * @throws Throwable never, the call does not throw
	 */
	@Benchmark
	public Object resilience4jSynchronized() throws Throwable {
		return this.resilience4jSynchronized.executeCheckedSupplier(this.resilience4jCall);
	}

	/**
	 * Runs the call through Resilience4j's breaker with the lock-free window.
	 * @return the call's value
	 * @throws Throwable never, the call does not throw
	 */
	@Benchmark
	public Object resilience4jLockFree() throws Throwable {
		return this.resilience4jLockFree.executeCheckedSupplier(this.resilience4jCall);
	}

}
