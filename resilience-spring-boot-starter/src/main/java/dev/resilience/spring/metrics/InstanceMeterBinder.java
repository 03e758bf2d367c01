package dev.resilience.spring.metrics;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds meters for each instance of a registry (a retry or a circuit breaker) to every meter
 * registry it is bound to, and keeps them in step as instances are added, removed or replaced.
 * <p>
 * Design note on concurrency: {@link #bindTo} and the registry events all run under this object's
 * lock. {@link #bindTo} starts listening to the registry before it reads the current instances,
 * so an instance added in between is seen twice. The second binding is skipped because the
 * instance is already bound to that meter registry. The registries call their listeners outside
 * their own locks, so this lock is never taken while a registry lock is held.
 *
 * @param <I> the instance type
 */
abstract class InstanceMeterBinder<I> implements MeterBinder {

	// Guarded by this.
	private final List<MeterRegistry> meterRegistries = new ArrayList<>();

	// Guarded by this. Keyed by identity, because a replaced instance has the same name.
	private final Map<I, List<BoundMeters>> boundMeters = new IdentityHashMap<>();

	// Guarded by this.
	private boolean listening;

	@Override
	public synchronized void bindTo(MeterRegistry meterRegistry) {
		if (!this.listening) {
			listenToRegistry();
			this.listening = true;
		}
		for (MeterRegistry bound : this.meterRegistries) {
			if (bound == meterRegistry) {
				return;
			}
		}
		this.meterRegistries.add(meterRegistry);
		for (I instance : currentInstances()) {
			bind(instance, meterRegistry);
		}
	}

	/**
	 * Binds the meters of an instance that was added to the registry.
	 * @param instance the new instance
	 */
	protected final synchronized void added(I instance) {
		for (MeterRegistry meterRegistry : this.meterRegistries) {
			bind(instance, meterRegistry);
		}
	}

	/**
	 * Removes the meters of an instance that was removed from the registry.
	 * @param instance the removed instance
	 */
	protected final synchronized void removed(I instance) {
		List<BoundMeters> meters = this.boundMeters.remove(instance);
		if (meters != null) {
			meters.forEach(BoundMeters::unbind);
		}
	}

	/**
	 * Moves the meters from a replaced instance to its replacement. The replacement has the same
	 * name, so its meters have the same ids and are registered only after the old ones are removed.
	 * @param previous the replaced instance
	 * @param replacement the new instance
	 */
	protected final synchronized void replaced(I previous, I replacement) {
		removed(previous);
		added(replacement);
	}

	/**
	 * Registers this binder as a listener of the registry, which calls {@link #added},
	 * {@link #removed} and {@link #replaced}. Called once, on the first {@link #bindTo}.
	 */
	protected abstract void listenToRegistry();

	/**
	 * Returns the instances now in the registry.
	 * @return the instances
	 */
	protected abstract List<I> currentInstances();

	/**
	 * Registers the meters of one instance in one meter registry and starts recording.
	 * @param instance the instance
	 * @param meterRegistry the meter registry
	 * @return the meters, to unbind when the instance leaves the registry
	 */
	protected abstract BoundMeters bindMeters(I instance, MeterRegistry meterRegistry);

	private void bind(I instance, MeterRegistry meterRegistry) {
		List<BoundMeters> meters = this.boundMeters.computeIfAbsent(instance, (key) -> new ArrayList<>());
		for (BoundMeters bound : meters) {
			if (bound.meterRegistry() == meterRegistry) {
				return;
			}
		}
		meters.add(bindMeters(instance, meterRegistry));
	}

	/**
	 * The meters of one instance in one meter registry.
	 */
	interface BoundMeters {

		/**
		 * Returns the meter registry that contains the meters.
		 * @return the meter registry
		 */
		MeterRegistry meterRegistry();

		/**
		 * Stops recording and removes the meters from the meter registry.
		 */
		void unbind();

	}

}
