package dev.resilience.core;

/**
 * A supplier whose {@code get} may throw any {@link Throwable}, so that a protected call keeps its
 * checked exceptions instead of having them wrapped.
 *
 * @param <T> the type of the result
 */
@FunctionalInterface
public interface CheckedSupplier<T> {

	/**
	 * Runs the call and returns its result.
	 * @return the result of the call
	 * @throws Throwable whatever the call throws, unchanged
	 */
	T get() throws Throwable;

}
