package dev.resilience.core.breaker;

/**
 * Thrown when a circuit breaker rejects a call because it is open, forced open, or half-open with
 * all trial calls already taken. The protected call did not run.
 *
 * <p>The stack trace is not filled in: a rejection happens often while a breaker is open, and the
 * place it is thrown from is always the breaker itself.
 */
public class CallNotPermittedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String breakerName;

	private final CircuitBreaker.State state;

	/**
	 * Creates an exception for a call rejected by the named breaker.
	 * @param breakerName the name of the breaker that rejected the call
	 * @param state the state of the breaker when it rejected the call
	 */
	public CallNotPermittedException(String breakerName, CircuitBreaker.State state) {
		super("Circuit breaker '" + breakerName + "' is " + state + " and does not permit further calls", null,
				false, false);
		this.breakerName = breakerName;
		this.state = state;
	}

	/**
	 * Returns the name of the breaker that rejected the call.
	 * @return the breaker name
	 */
	public String getBreakerName() {
		return this.breakerName;
	}

	/**
	 * Returns the state of the breaker when it rejected the call.
	 * @return the state at rejection time
	 */
	public CircuitBreaker.State getState() {
		return this.state;
	}

}
