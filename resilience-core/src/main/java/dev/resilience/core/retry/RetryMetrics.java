package dev.resilience.core.retry;

/**
 * A snapshot of the counts a {@link Retry} has kept since it was created. Each execution counts once,
 * under its {@link RetryOutcome}, when it ends. Executions still running, and asynchronous executions
 * cancelled by the caller, are in no outcome count.
 *
 * @param successWithoutRetry the executions whose first attempt succeeded
 * @param successWithRetry the executions that succeeded after at least one retry
 * @param failureWithRetry the executions that failed after at least one retry
 * @param failureWithoutRetry the executions that failed on their first attempt without a retry
 * @param attempts the attempts started by all executions, first attempts included
 */
public record RetryMetrics(long successWithoutRetry, long successWithRetry, long failureWithRetry,
		long failureWithoutRetry, long attempts) {

	/**
	 * Returns the count of one outcome.
	 * @param outcome the outcome
	 * @return the number of executions that ended with {@code outcome}
	 */
	public long count(RetryOutcome outcome) {
		return switch (outcome) {
			case SUCCESS_WITHOUT_RETRY -> this.successWithoutRetry;
			case SUCCESS_WITH_RETRY -> this.successWithRetry;
			case FAILURE_WITH_RETRY -> this.failureWithRetry;
			case FAILURE_WITHOUT_RETRY -> this.failureWithoutRetry;
		};
	}

}
