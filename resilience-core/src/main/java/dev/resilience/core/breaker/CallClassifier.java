package dev.resilience.core.breaker;

import java.lang.System.Logger.Level;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
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

	private static final System.Logger logger = System.getLogger(CircuitBreaker.class.getName());

	static final int SUCCESS = 0;

	static final int FAILURE = 1;

	static final int IGNORED = 2;

	private final Class<?>[] recordExceptions;

	private final Class<?>[] ignoreExceptions;

	private final Predicate<Throwable> recordExceptionPredicate;

	private final Predicate<Object> recordResultPredicate;

	private final String breakerName;

	private final AtomicBoolean predicateWarned = new AtomicBoolean();

	CallClassifier(String breakerName, CircuitBreakerConfig config) {
		this.breakerName = breakerName;
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
		if (isInstance(this.recordExceptions, unwrapped) || matchesRecordPredicate(unwrapped)) {
			return FAILURE;
		}
		return SUCCESS;
	}

	/**
	 * Returns whether the exception predicate matches. A predicate that throws counts the exception
	 * as a failure, so that the permit is still settled and the caller still gets its own outcome.
	 */
	private boolean matchesRecordPredicate(Throwable unwrapped) {
		if (this.recordExceptionPredicate == null) {
			return false;
		}
		try {
			return this.recordExceptionPredicate.test(unwrapped);
		}
		catch (RuntimeException ex) {
			predicateFailed("recordException", ex);
			return true;
		}
	}

	/**
	 * Returns whether the result predicate matches. A predicate that throws counts the result as a
	 * success, for the same reason as above.
	 */
	boolean isFailureResult(Object result) {
		if (this.recordResultPredicate == null) {
			return false;
		}
		try {
			return this.recordResultPredicate.test(result);
		}
		catch (RuntimeException ex) {
			predicateFailed("recordResult", ex);
			return false;
		}
	}

	private void predicateFailed(String predicate, RuntimeException ex) {
		Level level = this.predicateWarned.compareAndSet(false, true) ? Level.WARNING : Level.DEBUG;
		logger.log(level, "The " + predicate + " predicate of circuit breaker '" + this.breakerName + "' threw; "
				+ "the call was classified without it. Fix the predicate so that it never throws", ex);
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
