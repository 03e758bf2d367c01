package dev.resilience.core.retry;

/**
 * The end state of one execution of a {@link Retry}. An execution is one call of {@code execute} or
 * {@code executeCompletionStage}, with all of its attempts.
 */
public enum RetryOutcome {

	/** The first attempt succeeded. */
	SUCCESS_WITHOUT_RETRY("success_without_retry"),

	/** An attempt after at least one retry succeeded. */
	SUCCESS_WITH_RETRY("success_with_retry"),

	/**
	 * The execution failed after at least one retry: the attempts or the time ran out, a later
	 * attempt failed with an exception that is not retried, or the thread was interrupted while
	 * waiting.
	 */
	FAILURE_WITH_RETRY("failure_with_retry"),

	/**
	 * The execution failed on its first attempt without a retry: the exception is not retried, only
	 * one attempt is allowed, the deadline left no time for a retry, or the thread was interrupted
	 * during the first wait.
	 */
	FAILURE_WITHOUT_RETRY("failure_without_retry");

	private final String tagValue;

	RetryOutcome(String tagValue) {
		this.tagValue = tagValue;
	}

	/**
	 * Returns the name of this outcome for a meter tag.
	 * @return the lowercase name, for example {@code success_without_retry}
	 */
	public String tagValue() {
		return this.tagValue;
	}

	static RetryOutcome of(boolean success, int attempts) {
		if (success) {
			return (attempts > 1) ? SUCCESS_WITH_RETRY : SUCCESS_WITHOUT_RETRY;
		}
		return (attempts > 1) ? FAILURE_WITH_RETRY : FAILURE_WITHOUT_RETRY;
	}

}
