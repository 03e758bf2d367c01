package dev.resilience.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.breaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowSynchronizationStrategy;
import org.openjdk.jol.info.GraphLayout;

/**
 * Measures the heap that registered circuit breakers retain: 10,000 breakers with a count-based
 * window of 100 calls in one registry, ours against Resilience4j's with each window strategy, and
 * prints a Markdown table of bytes per breaker.
 *
 * <p>Each size is the total size of the object graph reachable from the registry and the list of
 * names, as JOL computes it for the running JVM. The size of the same graph before any breaker is
 * registered is subtracted, so configuration objects and the name strings, which the caller owns,
 * do not count. The second measurement is taken after one successful call on each breaker, which
 * shows state that a library creates lazily.
 *
 * <p>Run it with {@code java -cp benchmarks.jar dev.resilience.benchmarks.HeapPerBreaker}.
 */
public final class HeapPerBreaker {

	private static final int BREAKERS = 10_000;

	private HeapPerBreaker() {
	}

	/**
	 * Measures every library and prints the table to standard output.
	 * @param args ignored
	 * @throws Throwable if a breaker rejects the warm-up call, which a new breaker never does
	 */
	public static void main(String[] args) throws Throwable {
		List<String> names = new ArrayList<>(BREAKERS);
		for (int i = 0; i < BREAKERS; i++) {
			names.add(String.format(Locale.ROOT, "breaker-%05d", i));
		}

		List<Row> rows = new ArrayList<>();
		rows.add(measureOurs(names));
		rows.add(measureResilience4j(names, SlidingWindowSynchronizationStrategy.SYNCHRONIZED));
		rows.add(measureResilience4j(names, SlidingWindowSynchronizationStrategy.LOCK_FREE));

		System.out.println("Retained heap of " + String.format(Locale.ROOT, "%,d", BREAKERS)
				+ " registered breakers (count window " + Settings.WINDOW_SIZE + "), measured with JOL on "
				+ System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
		System.out.println();
		System.out.println("| library | empty registry (B) | registered (B) | B per breaker | after one call each (B) "
				+ "| B per breaker after one call |");
		System.out.println("|---|---:|---:|---:|---:|---:|");
		for (Row row : rows) {
			System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d | %,d |%n", row.library(), row.empty(),
					row.registered(), row.perBreaker(row.registered()), row.afterCall(),
					row.perBreaker(row.afterCall()));
		}
		Row ours = rows.get(0);
		long smallerPeer = Math.min(rows.get(1).perBreaker(rows.get(1).registered()),
				rows.get(2).perBreaker(rows.get(2).registered()));
		System.out.println();
		System.out.printf(Locale.ROOT, "ours / smaller Resilience4j, registered: %.2f%n",
				(double) ours.perBreaker(ours.registered()) / smallerPeer);
	}

	private static Row measureOurs(List<String> names) throws Throwable {
		CircuitBreakerRegistry registry = new CircuitBreakerRegistry(
				Settings.ourBreakerConfig(Settings.FAILURE_RATE_THRESHOLD));
		long empty = sizeOf(registry, names);
		for (String name : names) {
			registry.circuitBreaker(name);
		}
		long registered = sizeOf(registry, names);
		for (String name : names) {
			CircuitBreaker breaker = registry.circuitBreaker(name);
			breaker.execute(() -> name);
		}
		long afterCall = sizeOf(registry, names);
		return new Row("ours", empty, registered, afterCall);
	}

	private static Row measureResilience4j(List<String> names, SlidingWindowSynchronizationStrategy strategy)
			throws Throwable {
		io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry registry =
				io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry.of(
						Settings.resilience4jBreakerConfig(Settings.FAILURE_RATE_THRESHOLD, strategy));
		long empty = sizeOf(registry, names);
		for (String name : names) {
			registry.circuitBreaker(name);
		}
		long registered = sizeOf(registry, names);
		for (String name : names) {
			io.github.resilience4j.circuitbreaker.CircuitBreaker breaker = registry.circuitBreaker(name);
			breaker.executeCheckedSupplier(() -> name);
		}
		long afterCall = sizeOf(registry, names);
		return new Row("Resilience4j " + strategy, empty, registered, afterCall);
	}

	private static long sizeOf(Object registry, List<String> names) {
		return GraphLayout.parseInstance(registry, names).totalSize();
	}

	/**
	 * The measurements of one library.
	 */
	private record Row(String library, long empty, long registered, long afterCall) {

		long perBreaker(long total) {
			return Math.round((double) (total - this.empty) / BREAKERS);
		}

	}

}
