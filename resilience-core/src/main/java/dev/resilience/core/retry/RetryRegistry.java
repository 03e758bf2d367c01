package dev.resilience.core.retry;

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
 * Retries keyed by name, created on first use from a configuration chosen by name.
 *
 * <p>This class is thread-safe. Creating a retry for a name happens at most once, even when many
 * threads ask for it together, and {@link RegistryListener#onAdded} is then called once. Listeners
 * see the changes to a name in the order they happened. Listener methods run on the thread that
 * changed the registry. A {@link RuntimeException} thrown by a
 * listener is logged through {@link System.Logger} and does not stop the other listeners or the
 * change.
 */
public final class RetryRegistry {

	private final ConcurrentMap<String, Retry> retries = new ConcurrentHashMap<>();

	// Serializes creating, removing and replacing retries, and the listener calls of each, so that
	// listeners see the changes to one name in the order they happened. Lookups never take it.
	private final Object lifecycleLock = new Object();

	private final Function<String, RetryConfig> configForName;

	private final List<RegistryListener> listeners = new CopyOnWriteArrayList<>();

	private final ListenerFailureLog failureLog = new ListenerFailureLog("Retry registry listener");

	/**
	 * Creates a registry whose retries all use the given configuration unless one is passed.
	 * @param defaultConfig the configuration for retries created by name only
	 */
	public RetryRegistry(RetryConfig defaultConfig) {
		this((name) -> defaultConfig);
		Objects.requireNonNull(defaultConfig, "defaultConfig must not be null");
	}

	/**
	 * Creates a registry that chooses each retry's configuration from its name.
	 * @param configForName returns the configuration of the retry with the given name
	 */
	public RetryRegistry(Function<String, RetryConfig> configForName) {
		this.configForName = Objects.requireNonNull(configForName, "configForName must not be null");
	}

	/**
	 * Creates a registry with the default configuration.
	 * @return a new registry
	 */
	public static RetryRegistry ofDefaults() {
		return new RetryRegistry(RetryConfig.ofDefaults());
	}

	/**
	 * Returns the retry with the given name, creating it from the registry's configuration on first
	 * use.
	 * @param name the retry name, not blank
	 * @return the retry
	 * @throws IllegalArgumentException if {@code name} is null or blank
	 * @throws NullPointerException if the configuration function returns {@code null} for a new name
	 */
	public Retry retry(String name) {
		return retry(name, () -> this.configForName.apply(name));
	}

	/**
	 * Returns the retry with the given name, creating it with the given configuration on first use.
	 * An existing retry keeps its configuration.
	 * @param name the retry name, not blank
	 * @param config the configuration for a new retry
	 * @return the retry
	 * @throws IllegalArgumentException if {@code name} is null or blank
	 */
	public Retry retry(String name, RetryConfig config) {
		Objects.requireNonNull(config, "config must not be null");
		return retry(name, () -> config);
	}

	private Retry retry(String name, Supplier<RetryConfig> config) {
		checkName(name);
		Retry existing = this.retries.get(name);
		if (existing != null) {
			return existing;
		}

		synchronized (this.lifecycleLock) {
			existing = this.retries.get(name);
			if (existing != null) {
				return existing;
			}
			RetryConfig resolved = Objects.requireNonNull(config.get(),
					() -> "The configuration function returned null for retry '" + name + "'");
			Retry retry = Retry.of(name, resolved);
			this.retries.put(name, retry);
			notifyListeners("onAdded", name, (listener) -> listener.onAdded(retry));
			return retry;
		}
	}

	/**
	 * Returns the retry with the given name if it exists. Never creates one.
	 * @param name the retry name
	 * @return the retry, or empty
	 */
	public Optional<Retry> find(String name) {
		return (name != null) ? Optional.ofNullable(this.retries.get(name)) : Optional.empty();
	}

	/**
	 * Returns all retries, sorted by name.
	 * @return a new list of the retries
	 */
	public List<Retry> getAll() {
		List<Retry> all = new ArrayList<>(this.retries.values());
		all.sort(Comparator.comparing(Retry::getName));
		return all;
	}

	/**
	 * Removes the retry with the given name. Executions already running on it finish normally.
	 * @param name the retry name
	 * @return the removed retry, or empty if none had that name
	 */
	public Optional<Retry> remove(String name) {
		if (name == null) {
			return Optional.empty();
		}
		synchronized (this.lifecycleLock) {
			Retry removed = this.retries.remove(name);
			if (removed == null) {
				return Optional.empty();
			}
			notifyListeners("onRemoved", name, (listener) -> listener.onRemoved(removed));
			return Optional.of(removed);
		}
	}

	/**
	 * Replaces the retry with the given name by a new one with the given configuration, or adds it
	 * when the name is new. Executions already running on the previous retry finish with it.
	 * @param name the retry name, not blank
	 * @param config the configuration of the new retry
	 * @return the new retry
	 * @throws IllegalArgumentException if {@code name} is null or blank
	 */
	public Retry replace(String name, RetryConfig config) {
		checkName(name);
		Objects.requireNonNull(config, "config must not be null");
		Retry replacement = Retry.of(name, config);
		synchronized (this.lifecycleLock) {
			Retry previous = this.retries.put(name, replacement);
			if (previous != null) {
				notifyListeners("onReplaced", name, (listener) -> listener.onReplaced(previous, replacement));
			}
			else {
				notifyListeners("onAdded", name, (listener) -> listener.onAdded(replacement));
			}
		}
		return replacement;
	}

	/**
	 * Returns the names of all retries.
	 * @return an unmodifiable view of the names, in no particular order
	 */
	public Collection<String> getNames() {
		return Collections.unmodifiableSet(this.retries.keySet());
	}

	/**
	 * Adds a listener for retries added, removed and replaced from now on.
	 * @param listener the listener
	 */
	public void addRegistryListener(RegistryListener listener) {
		this.listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
	}

	private void notifyListeners(String method, String name, Consumer<RegistryListener> action) {
		for (RegistryListener listener : this.listeners) {
			try {
				action.accept(listener);
			}
			catch (RuntimeException ex) {
				this.failureLog.log(listener, method, name, ex);
			}
		}
	}

	private static void checkName(String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("Retry name must not be blank, but was '" + name + "'");
		}
	}

	/**
	 * Receives changes to the set of retries in a registry, for example to bind or remove meters.
	 */
	public interface RegistryListener {

		/**
		 * Called after a retry was added.
		 * @param retry the new retry
		 */
		default void onAdded(Retry retry) {
		}

		/**
		 * Called after a retry was removed.
		 * @param retry the removed retry
		 */
		default void onRemoved(Retry retry) {
		}

		/**
		 * Called after a retry was replaced.
		 * @param previous the removed retry
		 * @param replacement the retry now registered under the same name
		 */
		default void onReplaced(Retry previous, Retry replacement) {
		}

	}

}
