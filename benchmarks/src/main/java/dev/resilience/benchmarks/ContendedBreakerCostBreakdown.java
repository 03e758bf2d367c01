package dev.resilience.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
import org.openjdk.jmh.annotations.Threads;

/**
 * A diagnostic, not a comparison: splits the cost of the two-thread success path of
 * {@link BreakerContendedBenchmark} into the clock reads, the shared atomic updates and the rest.
 * {@code run.sh} leaves it out of the suite; run it with
 * {@code java -jar benchmarks.jar ContendedBreakerCostBreakdown}.
 *
 * <p>{@link #sharedIncrement()} is one atomic increment of a counter both threads share, which is
 * what our count-based window does twice per call (its position and its slot).
 *
 * <p>This class is thread-safe after {@link #setUp()}: the benchmark threads share one instance and
 * only read its fields, while the breakers and the counter are thread-safe.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Threads(2)
public class ContendedBreakerCostBreakdown {

	private Object value;

	private CheckedSupplier<Object> ourCall;

	private io.github.resilience4j.core.functions.CheckedSupplier<Object> resilience4jCall;

	private CircuitBreaker oursWithoutClock;

	private io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4jSynchronizedWithoutClock;

	private final AtomicLong counter = new AtomicLong();

	/**
	 * Creates the shared breakers and the calls.
	 */
	@Setup
	public void setUp() {
		this.value = new Object();
		this.ourCall = () -> this.value;
		this.resilience4jCall = () -> this.value;
		this.oursWithoutClock = CircuitBreaker.of("contended-without-clock",
				Settings.ourBreakerConfig(Settings.FAILURE_RATE_THRESHOLD).toBuilder().ticker(() -> 0L).build());
		this.resilience4jSynchronizedWithoutClock = io.github.resilience4j.circuitbreaker.CircuitBreaker.of(
				"contended-without-clock",
				io.github.resilience4j.circuitbreaker.CircuitBreakerConfig
					.from(Settings.resilience4jBreakerConfig(Settings.FAILURE_RATE_THRESHOLD,
							SlidingWindowSynchronizationStrategy.SYNCHRONIZED))
					.currentTimestampFunction((clock) -> 0L, TimeUnit.NANOSECONDS)
					.build());
	}

	/**
	 * Reads the monotonic clock once on each thread.
	 * @return the reading
	 */
	@Benchmark
	public long nanoTime() {
		return System.nanoTime();
	}

	/**
	 * Increments a counter that both threads share.
	 * @return the previous count
	 */
	@Benchmark
	public long sharedIncrement() {
		return this.counter.getAndIncrement();
	}

	/**
	 * Runs the call through our shared breaker with a clock that always returns 0.
	 * @return the call's value
	 * @throws Throwable never, the call does not throw
	 */
	@Benchmark
	public Object oursWithoutClock() throws Throwable {
		return this.oursWithoutClock.execute(this.ourCall);
	}

	/**
	 * Runs the call through Resilience4j's shared synchronized breaker with a clock that always
	 * returns 0.
	 * @return the call's value
	 * @throws Throwable never, the call does not throw
	 */
	@Benchmark
	public Object resilience4jSynchronizedWithoutClock() throws Throwable {
		return this.resilience4jSynchronizedWithoutClock.executeCheckedSupplier(this.resilience4jCall);
	}

}
