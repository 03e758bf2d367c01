package dev.resilience.spring.observation;

/**
 * The end state of a protected call, recorded in the {@code resilience.outcome} key of its
 * observation.
 *
 * @since 0.1.0
 */
public enum CallOutcome {

	/** The method returned a value, on the first attempt or after retries. */
	SUCCESS("success"),

	/** The call ended with an exception, other than a rejection, that no fallback handled. */
	FAILURE("failure"),

	/** The fallback method returned a value. */
	FALLBACK("fallback"),

	/**
	 * An open or half-open circuit breaker rejected the call with {@code CallNotPermittedException},
	 * and no fallback handled it.
	 */
	REJECTED("rejected"),

	/** The caller cancelled the returned future, or the subscriber cancelled its subscription. */
	CANCELLED("cancelled");

	private final String keyValue;

	CallOutcome(String keyValue) {
		this.keyValue = keyValue;
	}

	/**
	 * Returns the value of this outcome in the {@code resilience.outcome} key.
	 * @return the lowercase name, for example {@code fallback}
	 */
	public String keyValue() {
		return this.keyValue;
	}

}
