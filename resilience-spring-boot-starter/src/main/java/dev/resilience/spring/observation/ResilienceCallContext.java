package dev.resilience.spring.observation;

import io.micrometer.observation.Observation;

/**
 * The context of a {@code resilience.call} observation: which instance protects the call, which
 * method it calls, how many attempts ran and how the call ended.
 * <p>
 * The attempt count and the outcome change while the call runs. They are volatile, because the
 * attempts of an asynchronous call run on different threads.
 *
 * @since 0.1.0
 */
public class ResilienceCallContext extends Observation.Context {

	private final String instanceName;

	private final String methodName;

	private volatile int attempts;

	private volatile CallOutcome outcome;

	/**
	 * Creates the context of one call.
	 * @param instanceName the name of the retry instance, or of the circuit breaker when the method
	 * is not retried
	 * @param methodName the protected method as {@code SimpleClassName.methodName}
	 */
	public ResilienceCallContext(String instanceName, String methodName) {
		this.instanceName = instanceName;
		this.methodName = methodName;
	}

	/**
	 * Returns the name of the instance that protects the call.
	 * @return the retry instance name, or the breaker name when the method is not retried
	 */
	public String getInstanceName() {
		return this.instanceName;
	}

	/**
	 * Returns the protected method.
	 * @return the method as {@code SimpleClassName.methodName}
	 */
	public String getMethodName() {
		return this.methodName;
	}

	/**
	 * Returns the number of attempts started so far.
	 * @return the attempts, 0 before the first
	 */
	public int getAttempts() {
		return this.attempts;
	}

	/**
	 * Sets the number of attempts started so far.
	 * @param attempts the attempts
	 */
	public void setAttempts(int attempts) {
		this.attempts = attempts;
	}

	/**
	 * Returns how the call ended.
	 * @return the outcome, or {@code null} while the call runs
	 */
	public CallOutcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Sets how the call ended.
	 * @param outcome the outcome
	 */
	public void setOutcome(CallOutcome outcome) {
		this.outcome = outcome;
	}

}
