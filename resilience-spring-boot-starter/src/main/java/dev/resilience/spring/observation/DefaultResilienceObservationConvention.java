package dev.resilience.spring.observation;

import dev.resilience.spring.observation.ResilienceObservationDocumentation.HighCardinalityKeyNames;
import dev.resilience.spring.observation.ResilienceObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValues;

/**
 * The default convention of {@code resilience.call} observations.
 * <p>
 * Low-cardinality keys: {@code resilience.name}, the instance name, from the start, and
 * {@code resilience.outcome} once the call has ended. The outcome is left out while the call runs,
 * so that meters recorded at the start (the long task timer of active calls, the counters of
 * events) all have the same set of tags. High-cardinality key: {@code resilience.attempts}, the
 * number of attempts, for traces. The contextual name, which tracing uses as the span name, is the
 * method as {@code SimpleClassName.methodName}.
 * <p>
 * This class is thread-safe.
 *
 * @since 0.1.0
 */
public class DefaultResilienceObservationConvention implements ResilienceObservationConvention {

	/**
	 * The name of the observation: {@value}.
	 */
	public static final String NAME = "resilience.call";

	/**
	 * A shared instance.
	 */
	public static final DefaultResilienceObservationConvention INSTANCE = new DefaultResilienceObservationConvention();

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(ResilienceCallContext context) {
		return context.getMethodName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ResilienceCallContext context) {
		KeyValues keyValues = KeyValues.of(LowCardinalityKeyNames.NAME.withValue(context.getInstanceName()));
		CallOutcome outcome = context.getOutcome();
		return (outcome != null) ? keyValues.and(LowCardinalityKeyNames.OUTCOME.withValue(outcome.keyValue()))
				: keyValues;
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ResilienceCallContext context) {
		int attempts = context.getAttempts();
		return (attempts > 0)
				? KeyValues.of(HighCardinalityKeyNames.ATTEMPTS.withValue(Integer.toString(attempts)))
				: KeyValues.empty();
	}

}
