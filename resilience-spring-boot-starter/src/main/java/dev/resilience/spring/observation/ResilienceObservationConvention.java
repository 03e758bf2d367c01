package dev.resilience.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * An {@link ObservationConvention} for {@code resilience.call} observations. Define a bean of this
 * type to change their name or key values; {@link DefaultResilienceObservationConvention} is the
 * one used otherwise.
 *
 * @since 0.1.0
 */
public interface ResilienceObservationConvention extends ObservationConvention<ResilienceCallContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ResilienceCallContext;
	}

}
