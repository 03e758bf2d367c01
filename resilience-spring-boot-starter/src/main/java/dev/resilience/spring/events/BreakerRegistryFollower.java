package dev.resilience.spring.events;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.breaker.CircuitBreakerListener;
import dev.resilience.core.breaker.CircuitBreakerRegistry;

/**
 * Keeps a listener of its own on every breaker of a registry: on the breakers present when
 * {@link #start()} runs and on those added or put in place of another later. A removed or
 * replaced breaker loses the listener. {@link #close()} removes them all and stops following the
 * registry.
 * <p>
 * Design note on concurrency: attaching and detaching run under this object's lock. The registry
 * calls its listeners outside its own locks, so this lock is never taken while a registry lock is
 * held. {@link #start()} follows the registry before it reads the present breakers, so a breaker
 * added in between is seen twice and attached once. A breaker removed between that read and its
 * attachment is detached again at once, because it is no longer the one the registry returns.
 * <p>
 * This class is thread-safe.
 */
abstract class BreakerRegistryFollower implements AutoCloseable {

	private final CircuitBreakerRegistry registry;

	private final CircuitBreakerRegistry.RegistryListener registryListener = new CircuitBreakerRegistry.RegistryListener() {

		@Override
		public void onAdded(CircuitBreaker breaker) {
			attach(breaker);
		}

		@Override
		public void onRemoved(CircuitBreaker breaker) {
			detach(breaker);
		}

		@Override
		public void onReplaced(CircuitBreaker previous, CircuitBreaker replacement) {
			detach(previous);
			attach(replacement);
		}

	};

	// Guarded by this. Keyed by identity, because a replacement has the same name.
	private final Map<CircuitBreaker, CircuitBreakerListener> attached = new IdentityHashMap<>();

	// Guarded by this.
	private boolean started;

	// Guarded by this.
	private boolean closed;

	BreakerRegistryFollower(CircuitBreakerRegistry registry) {
		this.registry = Objects.requireNonNull(registry, "registry must not be null");
	}

	/**
	 * Attaches a listener to every present breaker and follows the registry from now on. Subclasses
	 * call it once, at the end of their constructor. Later calls do nothing.
	 */
	final synchronized void start() {
		if (this.started || this.closed) {
			return;
		}
		this.started = true;
		this.registry.addRegistryListener(this.registryListener);
		for (CircuitBreaker breaker : this.registry.getAll()) {
			attach(breaker);
			if (this.registry.find(breaker.getName()).orElse(null) != breaker) {
				detach(breaker);
			}
		}
	}

	/**
	 * Stops following the registry and removes every listener this object attached.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.registry.removeRegistryListener(this.registryListener);
		for (CircuitBreaker breaker : new ArrayList<>(this.attached.keySet())) {
			detach(breaker);
		}
	}

	/**
	 * Returns the breakers that have a listener of this object, in no particular order.
	 * @return a new list
	 */
	final synchronized List<CircuitBreaker> attachedBreakers() {
		return new ArrayList<>(this.attached.keySet());
	}

	/**
	 * Creates the listener for one breaker. Called under this object's lock, once per breaker.
	 * @param breaker the breaker
	 * @return its listener
	 */
	protected abstract CircuitBreakerListener createListener(CircuitBreaker breaker);

	/**
	 * Called after the listener was removed from a breaker that left the registry. Called under this
	 * object's lock.
	 * @param breaker the breaker
	 */
	protected void detached(CircuitBreaker breaker) {
	}

	private synchronized void attach(CircuitBreaker breaker) {
		if (this.closed || this.attached.containsKey(breaker)) {
			return;
		}
		CircuitBreakerListener listener = createListener(breaker);
		this.attached.put(breaker, listener);
		breaker.addListener(listener);
	}

	private synchronized void detach(CircuitBreaker breaker) {
		CircuitBreakerListener listener = this.attached.remove(breaker);
		if (listener != null) {
			breaker.removeListener(listener);
			detached(breaker);
		}
	}

}
