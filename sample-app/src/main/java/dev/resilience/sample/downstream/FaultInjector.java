package dev.resilience.sample.downstream;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Component;

/**
 * Current fault injection settings of the pricing API, and the decision whether a request fails.
 *
 * <p>Thread-safe: the settings are swapped as one immutable value, so a request never reads the
 * failure rate of one update with the latency of another.
 */
@Component
public class FaultInjector {

	private final AtomicReference<ChaosSettings> settings = new AtomicReference<>(ChaosSettings.NONE);

	private final DoubleSupplier random;

	/**
	 * Creates a fault injector that injects no fault until its settings change.
	 */
	public FaultInjector() {
		this(() -> ThreadLocalRandom.current().nextDouble());
	}

	/**
	 * Creates a fault injector with the given source of randomness.
	 * @param random source of the numbers in [0, 1) that decide whether a request fails; it must
	 * be thread-safe, because requests run concurrently
	 */
	FaultInjector(DoubleSupplier random) {
		this.random = random;
	}

	/**
	 * Returns the current settings.
	 * @return the settings
	 */
	public ChaosSettings getSettings() {
		return this.settings.get();
	}

	/**
	 * Replaces the current settings with the result of the given function, atomically.
	 * @param change function from the current settings to the new ones. It runs again when
	 * another update wins the race, so it must have no side effects
	 * @return the new settings
	 */
	public ChaosSettings update(UnaryOperator<ChaosSettings> change) {
		return this.settings.updateAndGet(change);
	}

	/**
	 * Decides whether a request fails under the given settings. A failure rate of 0.0 never
	 * fails and 1.0 always fails, because the random number is in [0, 1).
	 * @param settings the settings the request runs under
	 * @return {@code true} if the request must fail
	 */
	public boolean shouldFail(ChaosSettings settings) {
		return this.random.getAsDouble() < settings.failureRate();
	}

}
