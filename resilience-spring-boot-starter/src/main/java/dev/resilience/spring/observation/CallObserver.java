package dev.resilience.spring.observation;

/**
 * Starts the observation of each protected call. The advice requests one when a call starts.
 * <p>
 * Implementations are thread-safe.
 *
 * @since 0.1.0
 * @see ObservationCallObserver
 */
@FunctionalInterface
public interface CallObserver {

	/**
	 * An observer whose observations record nothing.
	 */
	CallObserver NONE = (instanceName, methodName) -> CallObservation.NONE;

	/**
	 * Starts the observation of one call, on the thread that starts the call, so that the current
	 * observation there becomes its parent.
	 * @param instanceName the name of the retry instance, or of the circuit breaker when the method
	 * is not retried
	 * @param methodName the protected method as {@code SimpleClassName.methodName}
	 * @return the started observation
	 */
	CallObservation start(String instanceName, String methodName);

}
