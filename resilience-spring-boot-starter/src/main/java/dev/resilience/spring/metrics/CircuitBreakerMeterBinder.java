package dev.resilience.spring.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * breaker move to its replacement, so each name and tag set has exactly one meter.
 * <p>
 * Meters, each tagged with the breaker {@code name}:
 * <ul>
 * <li>{@code resilience.breaker.calls}, a timer of permitted calls tagged
 * {@code outcome=success|failure|ignored} and {@code exception}, the simple class name of the
 * exception or {@code none};</li>
 * <li>{@code resilience.breaker.not.permitted.calls}, a counter of rejected calls;</li>
 * <li>{@code resilience.breaker.state}, one gauge per state tagged {@code state} (lowercase), 1 for
 * the current state and 0 for the others;</li>
 * <li>{@code resilience.breaker.failure.rate} and {@code resilience.breaker.slow.call.rate},
 * gauges of the rates in percent, -1 while the window contains fewer calls than the minimum number
 * of calls;</li>
 * <li>{@code resilience.breaker.buffered.calls}, gauges of the calls in the window tagged
 * {@code kind=successful|failed};</li>
 * <li>{@code resilience.breaker.transitions}, a counter of state transitions tagged {@code from}
 * and {@code to} (lowercase states), registered at the first transition of each pair.</li>
 * </ul>
 * The call timers with {@code exception=none} exist from the start for each outcome, so a rate
 * over them is 0 rather than absent. A timer per exception class is registered at its first call;
 * after {@value #MAX_EXCEPTION_TAGS} distinct names per breaker and outcome, further classes share
 * {@code exception=other}, so an application that throws many exception types cannot create
 * unbounded series.
 * <p>
 * Timers and counters are recorded by a breaker listener, which allocates nothing per call once
 * the timer of an exception class exists. The counters keep counting across a reset of the
 * breaker, as counters must never decrease.
 * <p>
 * This class is thread-safe.
 *
 * @since 0.1.0
 */
public class CircuitBreakerMeterBinder extends InstanceMeterBinder<CircuitBreaker> {

	/**
	 * The maximum number of distinct {@code exception} tag values per breaker and outcome, besides
	 * {@code none} and {@code other}.
	 */
	public static final int MAX_EXCEPTION_TAGS = 20;

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
	 * <p>
	 * Meters registered on first use are registered and removed under this object's lock, and
	 * none is registered after {@link #unbind()}, so a listener call that races with the removal
	 * of the breaker cannot leave a meter behind.
	 */
	private static final class BreakerMeters implements CircuitBreakerListener, BoundMeters {

		private static final String NONE = "none";

		private static final String OTHER = "other";

		private final CircuitBreaker breaker;

		private final MeterRegistry meterRegistry;

		private final CallTimers successfulCalls;

		private final CallTimers failedCalls;

		private final CallTimers ignoredCalls;

		private final Counter notPermittedCalls;

		// Guarded by this.
		private final List<Meter> meters = new ArrayList<>();

		// Guarded by this. Indexed by the ordinals of the from and to states.
		private final Counter[][] transitions;

		// Guarded by this.
		private boolean unbound;

		BreakerMeters(CircuitBreaker breaker, MeterRegistry meterRegistry) {
			this.breaker = breaker;
			this.meterRegistry = meterRegistry;
			int states = CircuitBreaker.State.values().length;
			this.transitions = new Counter[states][states];
			this.successfulCalls = new CallTimers("success");
			this.failedCalls = new CallTimers("failure");
			this.ignoredCalls = new CallTimers("ignored");
			this.notPermittedCalls = add(Counter.builder("resilience.breaker.not.permitted.calls")
				.description("Calls rejected by the circuit breaker")
				.baseUnit("calls")
				.tag("name", breaker.getName())
				.register(meterRegistry));
			registerStateGauges();
			registerWindowGauges();
		}

		private void registerStateGauges() {
			for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
				add(Gauge
					.builder("resilience.breaker.state", this.breaker, (guarded) -> (guarded.getState() == state) ? 1 : 0)
					.description("Whether the circuit breaker is in the state of the state tag: 1 if it is, 0 if not")
					.baseUnit("state")
					.tag("name", this.breaker.getName())
					.tag("state", lowercase(state))
					.register(this.meterRegistry));
			}
		}

		private void registerWindowGauges() {
			String name = this.breaker.getName();
			add(Gauge
				.builder("resilience.breaker.failure.rate", this.breaker, (guarded) -> guarded.getMetrics().failureRate())
				.description("Failure rate of the calls in the circuit breaker's window, "
						+ "or -1 while it contains fewer calls than the minimum number of calls")
				.baseUnit("percent")
				.tag("name", name)
				.register(this.meterRegistry));
			add(Gauge
				.builder("resilience.breaker.slow.call.rate", this.breaker, (guarded) -> guarded.getMetrics().slowCallRate())
				.description("Slow-call rate of the calls in the circuit breaker's window, "
						+ "or -1 while it contains fewer calls than the minimum number of calls")
				.baseUnit("percent")
				.tag("name", name)
				.register(this.meterRegistry));
			add(Gauge
				.builder("resilience.breaker.buffered.calls", this.breaker,
						(guarded) -> guarded.getMetrics().successfulCalls())
				.description("Calls in the circuit breaker's window, by kind")
				.baseUnit("calls")
				.tag("name", name)
				.tag("kind", "successful")
				.register(this.meterRegistry));
			add(Gauge
				.builder("resilience.breaker.buffered.calls", this.breaker, (guarded) -> guarded.getMetrics().failedCalls())
				.description("Calls in the circuit breaker's window, by kind")
				.baseUnit("calls")
				.tag("name", name)
				.tag("kind", "failed")
				.register(this.meterRegistry));
		}

		private static String lowercase(CircuitBreaker.State state) {
			return state.name().toLowerCase(Locale.ROOT);
		}

		private synchronized <M extends Meter> M add(M meter) {
			this.meters.add(meter);
			return meter;
		}

		@Override
		public void onSuccess(CircuitBreaker breaker, long durationNanos) {
			this.successfulCalls.record(null, durationNanos);
		}

		@Override
		public void onFailure(CircuitBreaker breaker, long durationNanos, Throwable error) {
			this.failedCalls.record(error, durationNanos);
		}

		@Override
		public void onIgnoredError(CircuitBreaker breaker, long durationNanos, Throwable error) {
			this.ignoredCalls.record(error, durationNanos);
		}

		@Override
		public void onCallNotPermitted(CircuitBreaker breaker) {
			this.notPermittedCalls.increment();
		}

		@Override
		public void onStateTransition(CircuitBreaker breaker, CircuitBreaker.State from, CircuitBreaker.State to) {
			Counter counter = transitionCounter(from, to);
			if (counter != null) {
				counter.increment();
			}
		}

		private synchronized Counter transitionCounter(CircuitBreaker.State from, CircuitBreaker.State to) {
			Counter counter = this.transitions[from.ordinal()][to.ordinal()];
			if (counter == null && !this.unbound) {
				counter = add(Counter.builder("resilience.breaker.transitions")
					.description("State transitions of the circuit breaker")
					.baseUnit("transitions")
					.tag("name", this.breaker.getName())
					.tag("from", lowercase(from))
					.tag("to", lowercase(to))
					.register(this.meterRegistry));
				this.transitions[from.ordinal()][to.ordinal()] = counter;
			}
			return counter;
		}

		@Override
		public MeterRegistry meterRegistry() {
			return this.meterRegistry;
		}

		@Override
		public synchronized void unbind() {
			this.unbound = true;
			this.breaker.removeListener(this);
			this.meters.forEach(this.meterRegistry::remove);
			this.meters.clear();
		}

		/**
		 * The call timers of one outcome: one for calls without an exception, and one per exception
		 * class name, registered at its first call.
		 */
		private final class CallTimers {

			private final String outcome;

			private final Timer withoutException;

			private final Map<Class<?>, Timer> byExceptionType = new ConcurrentHashMap<>();

			// Guarded by the enclosing BreakerMeters.
			private final Set<String> exceptionTags = new HashSet<>();

			CallTimers(String outcome) {
				this.outcome = outcome;
				this.withoutException = add(timer(NONE));
			}

			void record(Throwable error, long durationNanos) {
				Timer timer = (error != null) ? timerFor(error.getClass()) : this.withoutException;
				if (timer != null) {
					timer.record(durationNanos, TimeUnit.NANOSECONDS);
				}
			}

			private Timer timerFor(Class<?> exceptionType) {
				Timer timer = this.byExceptionType.get(exceptionType);
				return (timer != null) ? timer : register(exceptionType);
			}

			private Timer register(Class<?> exceptionType) {
				synchronized (BreakerMeters.this) {
					Timer timer = this.byExceptionType.get(exceptionType);
					if (timer != null || BreakerMeters.this.unbound) {
						return timer;
					}
					String tag = simpleName(exceptionType);
					if (!this.exceptionTags.contains(tag)) {
						if (this.exceptionTags.size() < MAX_EXCEPTION_TAGS) {
							this.exceptionTags.add(tag);
						}
						else {
							tag = OTHER;
						}
					}
					timer = add(timer(tag));
					this.byExceptionType.put(exceptionType, timer);
					return timer;
				}
			}

			private Timer timer(String exception) {
				return Timer.builder("resilience.breaker.calls")
					.description("Duration of the calls permitted by the circuit breaker, by outcome and exception")
					.tag("name", BreakerMeters.this.breaker.getName())
					.tag("outcome", this.outcome)
					.tag("exception", exception)
					.register(BreakerMeters.this.meterRegistry);
			}

			private static String simpleName(Class<?> type) {
				String simpleName = type.getSimpleName();
				return simpleName.isEmpty() ? type.getName() : simpleName;
			}

		}

	}

}
