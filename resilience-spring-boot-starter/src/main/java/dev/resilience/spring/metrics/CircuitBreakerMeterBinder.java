package dev.resilience.spring.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.breaker.CircuitBreakerListener;
import dev.resilience.core.breaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Binds meters for every circuit breaker of a {@link CircuitBreakerRegistry}, including breakers
 * created after binding. The meters of a removed breaker are removed, and those of a replaced
 * breaker move to its replacement.
 * <p>
 * Meters, each tagged with the breaker {@code name}:
 * <ul>
 * <li>{@code resilience.breaker.calls}, a timer of permitted calls tagged
 * {@code outcome=success|failure|ignored};</li>
 * <li>{@code resilience.breaker.state}, one gauge per state tagged {@code state} (lowercase), 1 for
 * the current state and 0 for the others;</li>
 * <li>{@code resilience.breaker.failure.rate}, a gauge of the failure rate in percent, -1 while
 * the window contains fewer calls than the minimum number of calls;</li>
 * <li>{@code resilience.breaker.not.permitted.calls}, a counter of rejected calls.</li>
 * </ul>
 * The timer and the counter are recorded by a breaker listener, which allocates nothing per call.
 * The counter keeps counting across a reset of the breaker, as counters must never decrease.
 * <p>
 * This class is thread-safe.
 *
 * @since 0.1.0
 */
public class CircuitBreakerMeterBinder extends InstanceMeterBinder<CircuitBreaker> {

	private final CircuitBreakerRegistry breakerRegistry;

	/**
	 * Creates a binder.
	 * @param breakerRegistry the registry whose breakers get meters
	 */
	public CircuitBreakerMeterBinder(CircuitBreakerRegistry breakerRegistry) {
		this.breakerRegistry = Objects.requireNonNull(breakerRegistry, "breakerRegistry must not be null");
	}

	@Override
	protected void listenToRegistry() {
		this.breakerRegistry.addRegistryListener(new CircuitBreakerRegistry.RegistryListener() {

			@Override
			public void onAdded(CircuitBreaker breaker) {
				added(breaker);
			}

			@Override
			public void onRemoved(CircuitBreaker breaker) {
				removed(breaker);
			}

			@Override
			public void onReplaced(CircuitBreaker previous, CircuitBreaker replacement) {
				replaced(previous, replacement);
			}

		});
	}

	@Override
	protected List<CircuitBreaker> currentInstances() {
		return this.breakerRegistry.getAll();
	}

	@Override
	protected BoundMeters bindMeters(CircuitBreaker breaker, MeterRegistry meterRegistry) {
		BreakerMeters meters = new BreakerMeters(breaker, meterRegistry);
		breaker.addListener(meters);
		return meters;
	}

	/**
	 * The meters of one breaker in one meter registry, and the listener that records them.
	 */
	private static final class BreakerMeters implements CircuitBreakerListener, BoundMeters {

		private final CircuitBreaker breaker;

		private final MeterRegistry meterRegistry;

		private final Timer successfulCalls;

		private final Timer failedCalls;

		private final Timer ignoredCalls;

		private final Counter notPermittedCalls;

		private final List<Meter> meters = new ArrayList<>();

		BreakerMeters(CircuitBreaker breaker, MeterRegistry meterRegistry) {
			this.breaker = breaker;
			this.meterRegistry = meterRegistry;
			String name = breaker.getName();
			this.successfulCalls = add(callTimer(name, "success", meterRegistry));
			this.failedCalls = add(callTimer(name, "failure", meterRegistry));
			this.ignoredCalls = add(callTimer(name, "ignored", meterRegistry));
			this.notPermittedCalls = add(Counter.builder("resilience.breaker.not.permitted.calls")
				.description("Calls rejected by the circuit breaker")
				.baseUnit("calls")
				.tag("name", name)
				.register(meterRegistry));
			for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
				add(Gauge.builder("resilience.breaker.state", breaker, (guarded) -> (guarded.getState() == state) ? 1 : 0)
					.description("Whether the circuit breaker is in the state of the state tag: 1 if it is, 0 if not")
					.baseUnit("state")
					.tag("name", name)
					.tag("state", state.name().toLowerCase(Locale.ROOT))
					.register(meterRegistry));
			}
			add(Gauge.builder("resilience.breaker.failure.rate", breaker, (guarded) -> guarded.getMetrics().failureRate())
				.description("Failure rate of the calls in the circuit breaker's window, "
						+ "or -1 while it contains fewer calls than the minimum number of calls")
				.baseUnit("percent")
				.tag("name", name)
				.register(meterRegistry));
		}

		private static Timer callTimer(String name, String outcome, MeterRegistry meterRegistry) {
			return Timer.builder("resilience.breaker.calls")
				.description("Duration of the calls permitted by the circuit breaker, by outcome")
				.tag("name", name)
				.tag("outcome", outcome)
				.register(meterRegistry);
		}

		private <M extends Meter> M add(M meter) {
			this.meters.add(meter);
			return meter;
		}

		@Override
		public void onSuccess(CircuitBreaker breaker, long durationNanos) {
			this.successfulCalls.record(durationNanos, TimeUnit.NANOSECONDS);
		}

		@Override
		public void onFailure(CircuitBreaker breaker, long durationNanos, Throwable error) {
			this.failedCalls.record(durationNanos, TimeUnit.NANOSECONDS);
		}

		@Override
		public void onIgnoredError(CircuitBreaker breaker, long durationNanos, Throwable error) {
			this.ignoredCalls.record(durationNanos, TimeUnit.NANOSECONDS);
		}

		@Override
		public void onCallNotPermitted(CircuitBreaker breaker) {
			this.notPermittedCalls.increment();
		}

		@Override
		public MeterRegistry meterRegistry() {
			return this.meterRegistry;
		}

		@Override
		public void unbind() {
			this.breaker.removeListener(this);
			this.meters.forEach(this.meterRegistry::remove);
		}

	}

}
