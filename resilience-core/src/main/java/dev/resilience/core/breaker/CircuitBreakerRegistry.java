package dev.resilience.core.breaker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Circuit breakers keyed by name, created on first use from a configuration chosen by name.
 *
 * <p>This class is thread-safe. Creating a breaker for a name happens at most once, even when many
 * threads ask for it together, and registry listeners see the changes to a name in the order they
 * happened. Looking up an existing breaker takes no lock.
 */
public final class CircuitBreakerRegistry {

	private static final System.Logger logger = System.getLogger(CircuitBreakerRegistry.class.getName());

	private final ConcurrentMap<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

	// Serializes creating, removing and replacing breakers, and the listener calls of each, so that
	// listeners see the changes to one name in the order they happened. Lookups never take it.
	private final Object lifecycleLock = new Object();

	private final Function<String, CircuitBreakerConfig> configForName;

	private final List<RegistryListener> listeners = new CopyOnWriteArrayList<>();

	/**
	 * Creates a registry whose breakers all use the given configuration unless one is passed.
	 * @param defaultConfig the configuration for breakers created by name only
	 */
	public CircuitBreakerRegistry(CircuitBreakerConfig defaultConfig) {
		this((name) -> defaultConfig);
		Objects.requireNonNull(defaultConfig, "defaultConfig must not be null");
	}

	/**
	 * Creates a registry that chooses each breaker's configuration from its name.
	 * @param configForName returns the configuration of the breaker with the given name
	 */
	public CircuitBreakerRegistry(Function<String, CircuitBreakerConfig> configForName) {
		this.configForName = Objects.requireNonNull(configForName, "configForName must not be null");
	}

	/**
	 * Creates a registry with the default configuration.
	 * @return a new registry
	 */
	public static CircuitBreakerRegistry ofDefaults() {
		return new CircuitBreakerRegistry(CircuitBreakerConfig.ofDefaults());
	}

	/**
	 * Returns the breaker with the given name, creating it from the registry's configuration on first
	 * use.
	 * @param name the breaker name
	 * @return the breaker
	 */
	public CircuitBreaker circuitBreaker(String name) {
		return circuitBreaker(name, () -> this.configForName.apply(name));
	}

	/**
	 * Returns the breaker with the given name, creating it with the given configuration on first use.
	 * An existing breaker keeps its configuration.
	 * @param name the breaker name
	 * @param config the configuration for a new breaker
	 * @return the breaker
	 */
	public CircuitBreaker circuitBreaker(String name, CircuitBreakerConfig config) {
		Objects.requireNonNull(config, "config must not be null");
		return circuitBreaker(name, () -> config);
	}

	private CircuitBreaker circuitBreaker(String name, Supplier<CircuitBreakerConfig> config) {
		checkName(name);
		CircuitBreaker existing = this.breakers.get(name);
		if (existing != null) {
			return existing;
		}
		synchronized (this.lifecycleLock) {
			existing = this.breakers.get(name);
			if (existing != null) {
				return existing;
			}
			CircuitBreaker breaker = CircuitBreaker.of(name, config.get());
			this.breakers.put(name, breaker);
			notifyListeners((listener) -> listener.onAdded(breaker));
			return breaker;
		}
	}

	/**
	 * Returns the breaker with the given name if it exists. Never creates one.
	 * @param name the breaker name
	 * @return the breaker, or empty
	 */
	public Optional<CircuitBreaker> find(String name) {
		return Optional.ofNullable(this.breakers.get(name));
	}

	/**
	 * Returns all breakers, sorted by name.
	 * @return a new list of the breakers
	 */
	public List<CircuitBreaker> getAll() {
		List<CircuitBreaker> all = new ArrayList<>(this.breakers.values());
		all.sort(Comparator.comparing(CircuitBreaker::getName));
		return all;
	}

	/**
	 * Removes the breaker with the given name and frees what it owns: its scheduled transition and
	 * its listeners.
	 * @param name the breaker name
	 * @return the removed breaker, or empty if none had that name
	 */
	public Optional<CircuitBreaker> remove(String name) {
		synchronized (this.lifecycleLock) {
			CircuitBreaker removed = this.breakers.remove(name);
			if (removed == null) {
				return Optional.empty();
			}
			close(removed);
			notifyListeners((listener) -> listener.onRemoved(removed));
			return Optional.of(removed);
		}
	}

	/**
	 * Replaces the breaker with the given name by a new, closed one with the given configuration.
	 * @param name the breaker name
	 * @param config the configuration of the new breaker
	 * @return the new breaker
	 */
	public CircuitBreaker replace(String name, CircuitBreakerConfig config) {
		checkName(name);
		Objects.requireNonNull(config, "config must not be null");
		CircuitBreaker replacement = CircuitBreaker.of(name, config);
		synchronized (this.lifecycleLock) {
			CircuitBreaker previous = this.breakers.put(name, replacement);
			if (previous != null) {
				close(previous);
				notifyListeners((listener) -> listener.onReplaced(previous, replacement));
			}
			else {
				notifyListeners((listener) -> listener.onAdded(replacement));
			}
		}
		return replacement;
	}

	/**
	 * Returns the names of all breakers.
	 * @return a view of the names
	 */
	public Collection<String> getNames() {
		return Collections.unmodifiableSet(this.breakers.keySet());
	}

	/**
	 * Adds a listener for breakers added, removed and replaced from now on.
	 * @param listener the listener
	 */
	public void addRegistryListener(RegistryListener listener) {
		this.listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
	}

	/**
	 * Removes one registration of a listener added earlier; does nothing if it was not added. A change
	 * already being delivered may still reach the listener.
	 * @param listener the listener
	 */
	public void removeRegistryListener(RegistryListener listener) {
		this.listeners.remove(listener);
	}

	/**
	 * Calls every registry listener; one that throws is logged and does not stop the others or the
	 * registry operation.
	 */
	private void notifyListeners(Consumer<RegistryListener> event) {
		for (RegistryListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.log(System.Logger.Level.WARNING, "Registry listener " + listener + " threw; the circuit breaker "
						+ "registry carried on", ex);
			}
		}
	}

	private static void close(CircuitBreaker breaker) {
		if (breaker instanceof DefaultCircuitBreaker defaultBreaker) {
			defaultBreaker.close();
		}
	}

	private static void checkName(String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("Circuit breaker name must not be blank, but was '" + name + "'");
		}
	}

	/**
	 * Receives changes to the set of breakers in a registry, for example to bind or remove meters.
	 */
	public interface RegistryListener {

		/**
		 * Called after a breaker was added.
		 * @param breaker the new breaker
		 */
		default void onAdded(CircuitBreaker breaker) {
		}

		/**
		 * Called after a breaker was removed.
		 * @param breaker the removed breaker
		 */
		default void onRemoved(CircuitBreaker breaker) {
		}

		/**
		 * Called after a breaker was replaced.
		 * @param previous the removed breaker
		 * @param replacement the breaker now registered under the same name
		 */
		default void onReplaced(CircuitBreaker previous, CircuitBreaker replacement) {
		}

	}

}
