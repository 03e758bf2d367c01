package dev.resilience.spring.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of the resilience advice, their keys and events.
 *
 * @since 0.1.0
 */
public enum ResilienceObservationDocumentation implements ObservationDocumentation {

	/**
	 * One protected call, from the start of its first attempt to its outcome, fallback included.
	 */
	CALL {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultResilienceObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}

		@Override
		public Observation.Event[] getEvents() {
			return Events.values();
		}

	};

	/**
	 * The low-cardinality keys of {@link #CALL}.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/** The name of the retry instance, or of the circuit breaker when the method is not retried. */
		NAME {

			@Override
			public String asString() {
				return "resilience.name";
			}

		},

		/**
		 * The end state of the call: {@code success}, {@code failure}, {@code fallback},
		 * {@code rejected} or {@code cancelled}.
		 */
		OUTCOME {

			@Override
			public String asString() {
				return "resilience.outcome";
			}

		}

	}

	/**
	 * The high-cardinality keys of {@link #CALL}.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/** The number of attempts that started. */
		ATTEMPTS {

			@Override
			public String asString() {
				return "resilience.attempts";
			}

		}

	}

	/**
	 * The events of {@link #CALL}. Micrometer's default meter handler counts each event in a
	 * counter named after the observation and the event, such as {@code resilience.call.retry}.
	 */
	public enum Events implements Observation.Event {

		/** An attempt after the first starts. The contextual name gives its number. */
		RETRY {

			@Override
			public String getName() {
				return "retry";
			}

			@Override
			public String getContextualName() {
				return "attempt %d";
			}

		},

		/** A circuit breaker rejected an attempt. The contextual name gives the breaker. */
		REJECTED {

			@Override
			public String getName() {
				return "rejected";
			}

			@Override
			public String getContextualName() {
				return "rejected by circuit breaker %s";
			}

		}

	}

}
