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

/**
 * A diagnostic, not a comparison: splits the cost of the single-thread success path of
 * {@link BreakerSuccessBenchmark} into the clock reads and the rest. {@code run.sh} leaves it out
 * of the suite; run it with {@code java -jar benchmarks.jar CostBreakdown}.
 *
 * <p>The "without clock" variants give each breaker a clock that always returns 0, so they measure
 * the permission, recording and event code alone. Comparing a variant with its "without clock"
 * twin gives the share of the clock, and {@link #nanoTime()} gives the cost of one clock read.
 *
 * <p>This class is not thread-safe; JMH gives each benchmark thread its own instance.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class BreakerCostBreakdown {

	private Object value;

	private CheckedSupplier<Object> ourCall;

	private io.github.resilience4j.core.functions.CheckedSupplier<Object> resilience4jCall;

	private CircuitBreaker ours;

	private CircuitBreaker oursWithoutClock;

	private io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4jSynchronizedWithoutClock;

	/**
	 * Creates the breakers and the calls.
	 */
	@Setup
	public void setUp() {
		this.value = new Object();
		this.ourCall = () -> this.value;
		this.resilience4jCall = () -> this.value;
		this.ours = CircuitBreaker.of("breakdown", Settings.ourBreakerConfig(Settings.FAILURE_RATE_THRESHOLD));
		this.oursWithoutClock = CircuitBreaker.of("breakdown-without-clock",
				Settings.ourBreakerConfig(Settings.FAILURE_RATE_THRESHOLD).toBuilder().ticker(() -> 0L).build());
		this.resilience4jSynchronizedWithoutClock = io.github.resilience4j.circuitbreaker.CircuitBreaker.of(
				"breakdown-without-clock",
				io.github.resilience4j.circuitbreaker.CircuitBreakerConfig
					.from(Settings.resilience4jBreakerConfig(Settings.FAILURE_RATE_THRESHOLD,
							SlidingWindowSynchronizationStrategy.SYNCHRONIZED))
					.currentTimestampFunction((clock) -> 0L, TimeUnit.NANOSECONDS)
					.build());
	}

	/**
	 * Reads the monotonic clock once, as both libraries do through {@link System#nanoTime()}.
	 * @return the reading
	 */
	@Benchmark
	public long nanoTime() {
		return System.nanoTime();
	}

	/**
	 * Runs the call through our breaker, as {@link BreakerSuccessBenchmark#ours()} does.
	 * @return the call's value
	 * @throws Throwable never, the call does not throw
	 */
	@Benchmark
	public Object ours() throws Throwable {
		return this.ours.execute(this.ourCall);
	}

	/**
	 * Runs the call through our breaker with a clock that always returns 0.
	 * @return the call's value
	 * @throws Throwable never, the call does not throw
	 */
	@Benchmark
	public Object oursWithoutClock() throws Throwable {
		return this.oursWithoutClock.execute(this.ourCall);
	}

	/**
	 * Runs the call through Resilience4j's synchronized breaker with a clock that always returns 0.
	 * @return the call's value
	 * @throws Throwable never, the call does not throw
	 */
	@Benchmark
	public Object resilience4jSynchronizedWithoutClock() throws Throwable {
		return this.resilience4jSynchronizedWithoutClock.executeCheckedSupplier(this.resilience4jCall);
	}

}
