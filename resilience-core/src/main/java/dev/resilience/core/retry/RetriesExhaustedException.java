package dev.resilience.core.retry;

/**
 * Thrown when every attempt returned a result that matched the result predicate and
 * {@link RetryConfig#isFailAfterMaxAttempts()} is set.
 */
public final class RetriesExhaustedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient Object lastResult;

	private final int attempts;

	/**
	 * Creates an exception for an execution whose last result still matched the result predicate.
	 * @param retryName the name of the retry
	 * @param attempts the number of attempts made
	 * @param lastResult the result of the last attempt, possibly {@code null}
	 */
	public RetriesExhaustedException(String retryName, int attempts, Object lastResult) {
		super("Retry '" + retryName + "' made " + attempts + " attempt(s) and the last result still matched the "
				+ "result predicate");
		this.attempts = attempts;
		this.lastResult = lastResult;
	}

	/**
	 * Returns the result of the last attempt.
	 * @return the last result, possibly {@code null}
	 */
	public Object getLastResult() {
		return this.lastResult;
	}

	/**
	 * Returns the number of attempts made.
	 * @return the number of attempts, at least 1
	 */
	public int getAttempts() {
		return this.attempts;
	}

}
