package dev.resilience.core.breaker;

/**
 * A snapshot of the calls a circuit breaker currently holds in its window.
 *
 * <p>Rates are percentages from 0 to 100, or {@code -1} while the window holds fewer calls than the
 * configured minimum number of calls. In the half-open state the window holds only trial calls.
 *
 * @param failureRate the percentage of buffered calls that failed, or -1
 * @param slowCallRate the percentage of buffered calls that were slow, or -1
 * @param bufferedCalls the number of calls in the window
 * @param failedCalls the number of failed calls in the window
 * @param slowCalls the number of slow calls in the window, failed or not
 * @param notPermittedCalls the number of calls rejected since the breaker was created or last reset
 */
public record CircuitBreakerMetrics(float failureRate, float slowCallRate, int bufferedCalls, int failedCalls,
		int slowCalls, long notPermittedCalls) {

	/**
	 * Returns the number of buffered calls that did not fail.
	 * @return the number of successful calls in the window
	 */
	public int successfulCalls() {
		return this.bufferedCalls - this.failedCalls;
	}

}
