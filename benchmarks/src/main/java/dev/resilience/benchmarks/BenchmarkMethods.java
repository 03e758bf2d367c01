package dev.resilience.benchmarks;

import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Tells a state's tear-down which benchmark method ran, so that it checks only the component that
 * method used.
 */
public final class BenchmarkMethods {

	private BenchmarkMethods() {
	}

	/**
	 * Returns the name of the running benchmark method, without its class.
	 * @param params the parameters of the running benchmark
	 * @return the method name, such as {@code ours}
	 */
	public static String name(BenchmarkParams params) {
		String benchmark = params.getBenchmark();
		return benchmark.substring(benchmark.lastIndexOf('.') + 1);
	}

}
