package dev.resilience.core.retry;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import dev.resilience.core.breaker.CallNotPermittedException;

/**
 * Decides whether an exception is retried, following the rules described on {@link RetryConfig}.
 *
 * <p>This class is immutable and thread-safe when the configured predicate is.
 */
final class ExceptionClassifier {

	private final List<Class<? extends Throwable>> retryExceptions;

	private final List<Class<? extends Throwable>> ignoreExceptions;

	private final Predicate<Throwable> retryPredicate;

	private final boolean matchCauses;

	ExceptionClassifier(RetryConfig config) {
		this.retryExceptions = config.getRetryExceptions();
		this.ignoreExceptions = config.getIgnoreExceptions();
		this.retryPredicate = config.getRetryExceptionPredicate();
		this.matchCauses = config.isMatchCauses();
	}

	/**
	 * Removes {@link CompletionException} and {@link ExecutionException} wrappers that have a cause.
	 */
	static Throwable unwrap(Throwable error) {
		Throwable current = error;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null && current.getCause() != current) {
			current = current.getCause();
		}
		return current;
	}

	/**
	 * Returns whether an exception is retried. The exception is unwrapped first.
	 */
	boolean isRetryable(Throwable error) {
		Throwable unwrapped = unwrap(error);
		if (anyInChain(unwrapped, ExceptionClassifier::isNeverRetried)) {
			return false;
		}
		if (anyInChain(unwrapped, (candidate) -> isInstanceOfAny(this.ignoreExceptions, candidate))) {
			return false;
		}
		if (this.retryExceptions.isEmpty() && this.retryPredicate == null) {
			return true;
		}
		return anyInChain(unwrapped, this::isRetryMatch);
	}

	private boolean isRetryMatch(Throwable candidate) {
		return isInstanceOfAny(this.retryExceptions, candidate)
				|| (this.retryPredicate != null && this.retryPredicate.test(candidate));
	}

	/**
	 * Tests the exception alone, or with match-causes each exception of its cause chain. A chain
	 * that loops back on itself is followed only until an exception repeats.
	 */
	private boolean anyInChain(Throwable error, Predicate<Throwable> test) {
		if (!this.matchCauses) {
			return test.test(error);
		}
		Set<Throwable> visited = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable current = error; current != null && visited.add(current); current = current.getCause()) {
			if (test.test(current)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns whether the exception is never retried. A rejection by a circuit breaker is not, because
	 * the breaker would reject the next attempt too. An {@link InterruptedException} is a request to
	 * stop the thread, so retrying would ignore it.
	 */
	private static boolean isNeverRetried(Throwable candidate) {
		return candidate instanceof CallNotPermittedException || candidate instanceof InterruptedException;
	}

	private static boolean isInstanceOfAny(List<Class<? extends Throwable>> types, Throwable candidate) {
		for (int i = 0; i < types.size(); i++) {
			if (types.get(i).isInstance(candidate)) {
				return true;
			}
		}
		return false;
	}

}
