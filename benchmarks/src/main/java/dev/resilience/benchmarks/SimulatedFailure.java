package dev.resilience.benchmarks;

/**
 * The exception that the failing calls of the benchmarks throw. One instance is thrown again and
 * again, without a stack trace, so that the benchmarks measure how a library records a failure and
 * not how the JVM fills in a stack trace.
 */
final class SimulatedFailure extends RuntimeException {

	private static final long serialVersionUID = 1L;

	static final SimulatedFailure INSTANCE = new SimulatedFailure();

	private SimulatedFailure() {
		super("simulated failure", null, false, false);
	}

}
