package dev.resilience.core.breaker;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/**
 * Decides whether a call's exception or result is a failure, a success, or ignored.
 *
 * <p>Rules, in order: {@code CompletionException} and {@code ExecutionException} wrappers are removed;
 * an exception of an ignored type (subclasses included) is ignored; with no recorded types and no
 * predicate every other exception is a failure; otherwise an exception is a failure when it is of a
 * recorded type or matches the predicate, and a success when it is neither.
 */
final class CallClassifier {

	static final int SUCCESS = 0;

	static final int FAILURE = 1;

	static final int IGNORED = 2;

	private final Class<?>[] recordExceptions;

	private final Class<?>[] ignoreExceptions;

	private final Predicate<Throwable> recordExceptionPredicate;

	private final Predicate<Object> recordResultPredicate;

	CallClassifier(CircuitBreakerConfig config) {
		this.recordExceptions = config.getRecordExceptions().toArray(new Class<?>[0]);
		this.ignoreExceptions = config.getIgnoreExceptions().toArray(new Class<?>[0]);
		this.recordExceptionPredicate = config.getRecordExceptionPredicate();
		this.recordResultPredicate = config.getRecordResultPredicate();
	}

	/**
	 * Returns the exception without its {@code CompletionException} and {@code ExecutionException}
	 * wrappers.
	 */
	static Throwable unwrap(Throwable error) {
		Throwable current = error;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	int classifyError(Throwable unwrapped) {
		if (isInstance(this.ignoreExceptions, unwrapped)) {
			return IGNORED;
		}
		if (this.recordExceptions.length == 0 && this.recordExceptionPredicate == null) {
			return FAILURE;
		}
		if (isInstance(this.recordExceptions, unwrapped)
				|| (this.recordExceptionPredicate != null && this.recordExceptionPredicate.test(unwrapped))) {
			return FAILURE;
		}
		return SUCCESS;
	}

	boolean isFailureResult(Object result) {
		return this.recordResultPredicate != null && this.recordResultPredicate.test(result);
	}

	private static boolean isInstance(Class<?>[] types, Throwable error) {
		for (Class<?> type : types) {
			if (type.isInstance(error)) {
				return true;
			}
		}
		return false;
	}

}
