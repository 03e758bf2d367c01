package dev.resilience.spring.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.resilience.core.retry.Retry;
import dev.resilience.core.retry.RetryListener;
import dev.resilience.core.retry.RetryOutcome;
import dev.resilience.core.retry.RetryRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Binds meters for every retry instance of a {@link RetryRegistry}, including instances created
 * after binding. The meters of a removed instance are removed, and those of a replaced instance
 * move to its replacement.
 * <p>
 * Meters, each tagged with the instance {@code name}:
 * <ul>
 * <li>{@code resilience.retry.calls}, a counter of executions tagged {@code outcome}:
 * {@code success_without_retry}, {@code success_with_retry}, {@code failure_with_retry} or
 * {@code failure_without_retry}. A retry listener increments it when an execution ends, with no
 * allocation per call;</li>
 * <li>{@code resilience.retry.attempts}, a counter of the attempts started, first attempts
 * included, read from the retry's own metrics when the meter registry reads it.</li>
 * </ul>
 * <p>
 * This class is thread-safe.
 *
 * @since 0.1.0
 */
public class RetryMeterBinder extends InstanceMeterBinder<Retry> {

	private final RetryRegistry retryRegistry;

	/**
	 * Creates a binder.
	 * @param retryRegistry the registry whose retry instances get meters
	 */
	public RetryMeterBinder(RetryRegistry retryRegistry) {
		this.retryRegistry = Objects.requireNonNull(retryRegistry, "retryRegistry must not be null");
	}

	@Override
	protected void listenToRegistry() {
		this.retryRegistry.addRegistryListener(new RetryRegistry.RegistryListener() {

			@Override
			public void onAdded(Retry retry) {
				added(retry);
			}

			@Override
			public void onRemoved(Retry retry) {
				removed(retry);
			}

			@Override
			public void onReplaced(Retry previous, Retry replacement) {
				replaced(previous, replacement);
			}

		});
	}

	@Override
	protected List<Retry> currentInstances() {
		return this.retryRegistry.getAll();
	}

	@Override
	protected BoundMeters bindMeters(Retry retry, MeterRegistry meterRegistry) {
		RetryMeters meters = new RetryMeters(retry, meterRegistry);
		retry.addListener(meters);
		return meters;
	}

	/**
	 * The meters of one retry instance in one meter registry, and the listener that records them.
	 */
	private static final class RetryMeters implements RetryListener, BoundMeters {

		private final Retry retry;

		private final MeterRegistry meterRegistry;

		// Indexed by RetryOutcome.ordinal().
		private final List<Counter> callsByOutcome = new ArrayList<>();

		private final Meter attempts;

		RetryMeters(Retry retry, MeterRegistry meterRegistry) {
			this.retry = retry;
			this.meterRegistry = meterRegistry;
			for (RetryOutcome outcome : RetryOutcome.values()) {
				this.callsByOutcome.add(Counter.builder("resilience.retry.calls")
					.description("Executions of the retry instance, by outcome")
					.baseUnit("calls")
					.tag("name", retry.getName())
					.tag("outcome", outcome.tagValue())
					.register(meterRegistry));
			}
			this.attempts = FunctionCounter
				.builder("resilience.retry.attempts", retry, (counted) -> counted.getMetrics().attempts())
				.description("Attempts started by the executions of the retry instance, first attempts included")
				.baseUnit("attempts")
				.tag("name", retry.getName())
				.register(meterRegistry);
		}

		@Override
		public void onOutcome(Retry retry, RetryOutcome outcome, int attempts, Throwable lastErrorOrNull) {
			this.callsByOutcome.get(outcome.ordinal()).increment();
		}

		@Override
		public MeterRegistry meterRegistry() {
			return this.meterRegistry;
		}

		@Override
		public void unbind() {
			this.retry.removeListener(this);
			this.callsByOutcome.forEach(this.meterRegistry::remove);
			this.meterRegistry.remove(this.attempts);
		}

	}

}
