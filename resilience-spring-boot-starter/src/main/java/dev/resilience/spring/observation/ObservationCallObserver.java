package dev.resilience.spring.observation;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;

import org.springframework.util.function.SingletonSupplier;

/**
 * A {@link CallObserver} that starts a Micrometer {@code resilience.call} observation per call in
 * an {@link ObservationRegistry}.
 * <p>
 * The registry and the custom convention are looked up at the first call, so that this observer
 * can be created before the application's observation setup. Without a registry, or with a no-op
 * one, calls record nothing and allocate nothing for observation.
 * <p>
 * This class is thread-safe.
 *
 * @since 0.1.0
 */
public class ObservationCallObserver implements CallObserver {

	private final Supplier<ObservationRegistry> registry;

	private final Supplier<ResilienceObservationConvention> convention;

	/**
	 * Creates an observer that records in the given registry with the default convention.
	 * @param registry the registry
	 */
	public ObservationCallObserver(ObservationRegistry registry) {
		this(() -> registry, () -> null);
		Objects.requireNonNull(registry, "registry must not be null");
	}

	/**
	 * Creates an observer that looks up its registry and convention at the first call.
	 * @param registry supplies the registry, or {@code null} to record nothing
	 * @param convention supplies a custom convention, or {@code null} for
	 * {@link DefaultResilienceObservationConvention}
	 */
	public ObservationCallObserver(Supplier<ObservationRegistry> registry,
			Supplier<ResilienceObservationConvention> convention) {
		this.registry = SingletonSupplier.of(Objects.requireNonNull(registry, "registry must not be null"));
		this.convention = SingletonSupplier.of(Objects.requireNonNull(convention, "convention must not be null"));
	}

	@Override
	public CallObservation start(String instanceName, String methodName) {
		ObservationRegistry registry = this.registry.get();
		if (registry == null || registry.isNoop()) {
			return CallObservation.NONE;
		}
		ResilienceCallContext context = new ResilienceCallContext(instanceName, methodName);
		Observation observation = ResilienceObservationDocumentation.CALL
			.observation(this.convention.get(), DefaultResilienceObservationConvention.INSTANCE, () -> context,
					registry)
			.start();
		return observation.isNoop() ? CallObservation.NONE : new MicrometerCallObservation(observation, context);
	}

	/**
	 * A started observation. Events are dropped once it has stopped, because an observation
	 * rejects them then.
	 */
	private static final class MicrometerCallObservation implements CallObservation {

		private final Observation observation;

		private final ResilienceCallContext context;

		private final AtomicBoolean stopped = new AtomicBoolean();

		MicrometerCallObservation(Observation observation, ResilienceCallContext context) {
			this.observation = observation;
			this.context = context;
		}

		@Override
		public Scope openScope() {
			Observation.Scope scope = this.observation.openScope();
			return scope::close;
		}

		@Override
		public void attemptStarted(int attempt) {
			this.context.setAttempts(attempt);
			if (attempt > 1 && !this.stopped.get()) {
				this.observation.event(ResilienceObservationDocumentation.Events.RETRY.format(attempt));
			}
		}

		@Override
		public void rejected(String breakerName) {
			if (!this.stopped.get()) {
				this.observation.event(ResilienceObservationDocumentation.Events.REJECTED.format(breakerName));
			}
		}

		@Override
		public void stop(CallOutcome outcome, Throwable error) {
			if (!this.stopped.compareAndSet(false, true)) {
				return;
			}
			this.context.setOutcome(outcome);
			if (error != null) {
				this.observation.error(error);
			}
			this.observation.stop();
		}

		@Override
		public Map<Object, Object> contextEntries() {
			return Map.of(ObservationThreadLocalAccessor.KEY, this.observation);
		}

	}

}
