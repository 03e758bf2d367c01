package dev.resilience.core.breaker;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;

import dev.resilience.core.InvalidConfigException;
import dev.resilience.core.time.Scheduler;
import dev.resilience.core.time.Ticker;

/**
 * The immutable configuration of a {@link CircuitBreaker}, created through {@link #custom()}.
 *
 * <p>Instances are immutable and thread-safe. The builder validates every value in
 * {@link Builder#build()} and rejects, with an {@link InvalidConfigException} that names the
 * setting, the rule and the value, any configuration the breaker could not honour.
 */
public final class CircuitBreakerConfig {

	/** Default failure-rate threshold: 50 percent. */
	public static final float DEFAULT_FAILURE_RATE_THRESHOLD = 50;

	/** Default slow-call-rate threshold: 100 percent. */
	public static final float DEFAULT_SLOW_CALL_RATE_THRESHOLD = 100;

	/** Default duration above which a call is slow: 60 seconds. */
	public static final Duration DEFAULT_SLOW_CALL_DURATION_THRESHOLD = Duration.ofSeconds(60);

	/** Default window size of a count-based window: 100 calls. */
	public static final int DEFAULT_SLIDING_WINDOW_SIZE = 100;

	/** Default duration of a time-based window: 60 seconds. */
	public static final Duration DEFAULT_SLIDING_WINDOW_DURATION = Duration.ofSeconds(60);

	/** Default minimum number of calls before a rate is computed: 100. */
	public static final int DEFAULT_MINIMUM_NUMBER_OF_CALLS = 100;

	/** Default wait in the open state before trial calls are let through: 60 seconds. */
	public static final Duration DEFAULT_WAIT_DURATION_IN_OPEN_STATE = Duration.ofSeconds(60);

	/** Default number of trial calls in the half-open state: 10. */
	public static final int DEFAULT_PERMITTED_NUMBER_OF_CALLS_IN_HALF_OPEN_STATE = 10;

	/** Largest count-based window size: 524,288 calls, which leaves the packed window counters headroom. */
	public static final int MAX_SLIDING_WINDOW_SIZE = 1 << 19;

	/** Maximum duration of a time-based window: one day, kept as 86,400 one-second buckets. */
	public static final Duration MAX_SLIDING_WINDOW_DURATION = Duration.ofDays(1);

	/** Largest number of trial calls in the half-open state: 65,535. */
	public static final int MAX_PERMITTED_NUMBER_OF_CALLS_IN_HALF_OPEN_STATE = 0xFFFF;

	private static final CircuitBreakerConfig DEFAULTS = custom().build();

	private final SlidingWindowType slidingWindowType;

	private final int slidingWindowSize;

	private final Duration slidingWindowDuration;

	private final int minimumNumberOfCalls;

	private final float failureRateThreshold;

	private final float slowCallRateThreshold;

	private final Duration slowCallDurationThreshold;

	private final Duration waitDurationInOpenState;

	private final double waitDurationInOpenStateMultiplier;

	private final Duration maxWaitDurationInOpenState;

	private final double waitDurationInOpenStateJitter;

	private final boolean automaticTransitionFromOpenToHalfOpen;

	private final int permittedNumberOfCallsInHalfOpenState;

	private final Duration maxWaitDurationInHalfOpenState;

	private final List<Class<? extends Throwable>> recordExceptions;

	private final List<Class<? extends Throwable>> ignoreExceptions;

	private final Predicate<Throwable> recordExceptionPredicate;

	private final Predicate<Object> recordResultPredicate;

	private final Ticker ticker;

	private final Clock clock;

	private final Scheduler scheduler;

	private final DoubleSupplier random;

	private CircuitBreakerConfig(Builder builder) {
		this.slidingWindowType = builder.slidingWindowType;
		this.slidingWindowSize = builder.slidingWindowSize;
		this.slidingWindowDuration = builder.slidingWindowDuration;
		this.minimumNumberOfCalls = builder.minimumNumberOfCalls;
		this.failureRateThreshold = builder.failureRateThreshold;
		this.slowCallRateThreshold = builder.slowCallRateThreshold;
		this.slowCallDurationThreshold = builder.slowCallDurationThreshold;
		this.waitDurationInOpenState = builder.waitDurationInOpenState;
		this.waitDurationInOpenStateMultiplier = builder.waitDurationInOpenStateMultiplier;
		this.maxWaitDurationInOpenState = builder.maxWaitDurationInOpenState;
		this.waitDurationInOpenStateJitter = builder.waitDurationInOpenStateJitter;
		this.automaticTransitionFromOpenToHalfOpen = builder.automaticTransitionFromOpenToHalfOpen;
		this.permittedNumberOfCallsInHalfOpenState = builder.permittedNumberOfCallsInHalfOpenState;
		this.maxWaitDurationInHalfOpenState = builder.maxWaitDurationInHalfOpenState;
		this.recordExceptions = List.copyOf(builder.recordExceptions);
		this.ignoreExceptions = List.copyOf(builder.ignoreExceptions);
		this.recordExceptionPredicate = builder.recordExceptionPredicate;
		this.recordResultPredicate = builder.recordResultPredicate;
		this.ticker = builder.ticker;
		this.clock = builder.clock;
		this.scheduler = builder.scheduler;
		this.random = builder.random;
	}

	/**
	 * Returns the default configuration.
	 * @return the configuration that {@code custom().build()} creates
	 */
	public static CircuitBreakerConfig ofDefaults() {
		return DEFAULTS;
	}

	/**
	 * Returns a builder that starts from the defaults.
	 * @return a new builder
	 */
	public static Builder custom() {
		return new Builder();
	}

	/**
	 * Returns a builder that starts from this configuration.
	 * @return a new builder holding this configuration's values
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Returns the kind of sliding window.
	 * @return the window type, {@link SlidingWindowType#COUNT_BASED} by default
	 */
	public SlidingWindowType getSlidingWindowType() {
		return this.slidingWindowType;
	}

	/**
	 * Returns the number of calls a count-based window holds.
	 * @return the window size in calls
	 */
	public int getSlidingWindowSize() {
		return this.slidingWindowSize;
	}

	/**
	 * Returns the span of a time-based window.
	 * @return the window duration, a whole number of seconds
	 */
	public Duration getSlidingWindowDuration() {
		return this.slidingWindowDuration;
	}

	/**
	 * Returns the number of calls the window must hold before any rate is computed.
	 * @return the minimum number of calls
	 */
	public int getMinimumNumberOfCalls() {
		return this.minimumNumberOfCalls;
	}

	/**
	 * Returns the failure rate, in percent, at or above which the breaker opens.
	 * @return the threshold in (0, 100]
	 */
	public float getFailureRateThreshold() {
		return this.failureRateThreshold;
	}

	/**
	 * Returns the slow-call rate, in percent, at or above which the breaker opens.
	 * @return the threshold in (0, 100]
	 */
	public float getSlowCallRateThreshold() {
		return this.slowCallRateThreshold;
	}

	/**
	 * Returns the duration above which a call is slow. A call that takes exactly this long is not slow.
	 * @return the slow-call duration threshold
	 */
	public Duration getSlowCallDurationThreshold() {
		return this.slowCallDurationThreshold;
	}

	/**
	 * Returns the time the breaker stays open before it lets trial calls through, the first time it
	 * opens after being closed.
	 * @return the initial wait in the open state
	 */
	public Duration getWaitDurationInOpenState() {
		return this.waitDurationInOpenState;
	}

	/**
	 * Returns the factor applied to the open wait each time the breaker reopens from half-open.
	 * @return the multiplier, 1 for a constant wait
	 */
	public double getWaitDurationInOpenStateMultiplier() {
		return this.waitDurationInOpenStateMultiplier;
	}

	/**
	 * Returns the cap on the open wait as it grows.
	 * @return the maximum open wait, or {@code null} for no cap
	 */
	public Duration getMaxWaitDurationInOpenState() {
		return this.maxWaitDurationInOpenState;
	}

	/**
	 * Returns the jitter factor applied to each open wait.
	 * @return a factor in [0, 1): 0.2 spreads the wait over plus or minus 20 percent
	 */
	public double getWaitDurationInOpenStateJitter() {
		return this.waitDurationInOpenStateJitter;
	}

	/**
	 * Returns whether the scheduler moves the breaker to half-open when the open wait has elapsed,
	 * instead of the first call after it.
	 * @return {@code true} for a scheduled transition
	 */
	public boolean isAutomaticTransitionFromOpenToHalfOpen() {
		return this.automaticTransitionFromOpenToHalfOpen;
	}

	/**
	 * Returns the number of trial calls let through in the half-open state.
	 * @return the number of permitted trial calls
	 */
	public int getPermittedNumberOfCallsInHalfOpenState() {
		return this.permittedNumberOfCallsInHalfOpenState;
	}

	/**
	 * Returns the longest time the breaker stays half-open before it opens again.
	 * @return the maximum half-open wait, {@link Duration#ZERO} for no limit
	 */
	public Duration getMaxWaitDurationInHalfOpenState() {
		return this.maxWaitDurationInHalfOpenState;
	}

	/**
	 * Returns the exception types recorded as failures; empty means every exception not ignored.
	 * @return the recorded exception types, subclasses included
	 */
	public List<Class<? extends Throwable>> getRecordExceptions() {
		return this.recordExceptions;
	}

	/**
	 * Returns the exception types that are neither failures nor successes. They win over
	 * {@link #getRecordExceptions()}.
	 * @return the ignored exception types, subclasses included
	 */
	public List<Class<? extends Throwable>> getIgnoreExceptions() {
		return this.ignoreExceptions;
	}

	/**
	 * Returns the predicate that records an exception as a failure in addition to
	 * {@link #getRecordExceptions()}.
	 * @return the predicate, or {@code null} when none is set
	 */
	public Predicate<Throwable> getRecordExceptionPredicate() {
		return this.recordExceptionPredicate;
	}

	/**
	 * Returns the predicate that records a returned result as a failure.
	 * @return the predicate, or {@code null} when every result is a success
	 */
	public Predicate<Object> getRecordResultPredicate() {
		return this.recordResultPredicate;
	}

	/**
	 * Returns the ticker that measures call durations and waits.
	 * @return the ticker
	 */
	public Ticker getTicker() {
		return this.ticker;
	}

	/**
	 * Returns the wall clock used only for the timestamps of transitions.
	 * @return the clock
	 */
	public Clock getClock() {
		return this.clock;
	}

	/**
	 * Returns the scheduler used for the automatic transition from open to half-open.
	 * @return the scheduler
	 */
	public Scheduler getScheduler() {
		return this.scheduler;
	}

	/**
	 * Returns the source of random numbers in [0, 1) for the open-wait jitter.
	 * @return the random source
	 */
	public DoubleSupplier getRandom() {
		return this.random;
	}

	@Override
	public String toString() {
		return "CircuitBreakerConfig[slidingWindowType=" + this.slidingWindowType + ", slidingWindowSize="
				+ this.slidingWindowSize + ", slidingWindowDuration=" + this.slidingWindowDuration
				+ ", minimumNumberOfCalls=" + this.minimumNumberOfCalls + ", failureRateThreshold="
				+ this.failureRateThreshold + ", slowCallRateThreshold=" + this.slowCallRateThreshold
				+ ", slowCallDurationThreshold=" + this.slowCallDurationThreshold + ", waitDurationInOpenState="
				+ this.waitDurationInOpenState + ", permittedNumberOfCallsInHalfOpenState="
				+ this.permittedNumberOfCallsInHalfOpenState + "]";
	}

	/**
	 * Builds a {@link CircuitBreakerConfig}. Setters only store values; {@link #build()} validates them
	 * together.
	 *
	 * <p>A builder is not thread-safe.
	 */
	public static final class Builder {

		private SlidingWindowType slidingWindowType = SlidingWindowType.COUNT_BASED;

		private int slidingWindowSize = DEFAULT_SLIDING_WINDOW_SIZE;

		private Duration slidingWindowDuration = DEFAULT_SLIDING_WINDOW_DURATION;

		private int minimumNumberOfCalls = DEFAULT_MINIMUM_NUMBER_OF_CALLS;

		private float failureRateThreshold = DEFAULT_FAILURE_RATE_THRESHOLD;

		private float slowCallRateThreshold = DEFAULT_SLOW_CALL_RATE_THRESHOLD;

		private Duration slowCallDurationThreshold = DEFAULT_SLOW_CALL_DURATION_THRESHOLD;

		private Duration waitDurationInOpenState = DEFAULT_WAIT_DURATION_IN_OPEN_STATE;

		private double waitDurationInOpenStateMultiplier = 1;

		private Duration maxWaitDurationInOpenState;

		private double waitDurationInOpenStateJitter;

		private boolean automaticTransitionFromOpenToHalfOpen;

		private int permittedNumberOfCallsInHalfOpenState = DEFAULT_PERMITTED_NUMBER_OF_CALLS_IN_HALF_OPEN_STATE;

		private Duration maxWaitDurationInHalfOpenState = Duration.ZERO;

		private List<Class<? extends Throwable>> recordExceptions = List.of();

		private List<Class<? extends Throwable>> ignoreExceptions = List.of();

		private Predicate<Throwable> recordExceptionPredicate;

		private Predicate<Object> recordResultPredicate;

		private Ticker ticker = Ticker.system();

		private Clock clock = Clock.systemUTC();

		private Scheduler scheduler;

		private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

		private Builder() {
		}

		private Builder(CircuitBreakerConfig config) {
			this.slidingWindowType = config.slidingWindowType;
			this.slidingWindowSize = config.slidingWindowSize;
			this.slidingWindowDuration = config.slidingWindowDuration;
			this.minimumNumberOfCalls = config.minimumNumberOfCalls;
			this.failureRateThreshold = config.failureRateThreshold;
			this.slowCallRateThreshold = config.slowCallRateThreshold;
			this.slowCallDurationThreshold = config.slowCallDurationThreshold;
			this.waitDurationInOpenState = config.waitDurationInOpenState;
			this.waitDurationInOpenStateMultiplier = config.waitDurationInOpenStateMultiplier;
			this.maxWaitDurationInOpenState = config.maxWaitDurationInOpenState;
			this.waitDurationInOpenStateJitter = config.waitDurationInOpenStateJitter;
			this.automaticTransitionFromOpenToHalfOpen = config.automaticTransitionFromOpenToHalfOpen;
			this.permittedNumberOfCallsInHalfOpenState = config.permittedNumberOfCallsInHalfOpenState;
			this.maxWaitDurationInHalfOpenState = config.maxWaitDurationInHalfOpenState;
			this.recordExceptions = config.recordExceptions;
			this.ignoreExceptions = config.ignoreExceptions;
			this.recordExceptionPredicate = config.recordExceptionPredicate;
			this.recordResultPredicate = config.recordResultPredicate;
			this.ticker = config.ticker;
			this.clock = config.clock;
			this.scheduler = config.scheduler;
			this.random = config.random;
		}

		/**
		 * Sets a count-based window of the given size.
		 * @param size the number of calls in the window, 1 to {@value CircuitBreakerConfig#MAX_SLIDING_WINDOW_SIZE}
		 * @return this builder
		 */
		public Builder countBasedWindow(int size) {
			this.slidingWindowType = SlidingWindowType.COUNT_BASED;
			this.slidingWindowSize = size;
			return this;
		}

		/**
		 * Sets a time-based window of the given duration.
		 * @param duration the span of the window, a whole number of seconds from 1 second to 1 day
		 * @return this builder
		 */
		public Builder timeBasedWindow(Duration duration) {
			this.slidingWindowType = SlidingWindowType.TIME_BASED;
			this.slidingWindowDuration = duration;
			return this;
		}

		/**
		 * Sets the kind of sliding window without changing its size or duration.
		 * @param type the window type
		 * @return this builder
		 */
		public Builder slidingWindowType(SlidingWindowType type) {
			this.slidingWindowType = type;
			return this;
		}

		/**
		 * Sets the number of calls a count-based window holds.
		 * @param size the window size in calls
		 * @return this builder
		 */
		public Builder slidingWindowSize(int size) {
			this.slidingWindowSize = size;
			return this;
		}

		/**
		 * Sets the span of a time-based window.
		 * @param duration the window duration, a whole number of seconds
		 * @return this builder
		 */
		public Builder slidingWindowDuration(Duration duration) {
			this.slidingWindowDuration = duration;
			return this;
		}

		/**
		 * Sets the number of calls the window must hold before any rate is computed. For a count-based
		 * window it must not exceed the window size.
		 * @param minimumNumberOfCalls at least 1
		 * @return this builder
		 */
		public Builder minimumNumberOfCalls(int minimumNumberOfCalls) {
			this.minimumNumberOfCalls = minimumNumberOfCalls;
			return this;
		}

		/**
		 * Sets the failure rate at or above which the breaker opens.
		 * @param percent greater than 0 and at most 100
		 * @return this builder
		 */
		public Builder failureRateThreshold(float percent) {
			this.failureRateThreshold = percent;
			return this;
		}

		/**
		 * Sets the slow-call rate at or above which the breaker opens.
		 * @param percent greater than 0 and at most 100
		 * @return this builder
		 */
		public Builder slowCallRateThreshold(float percent) {
			this.slowCallRateThreshold = percent;
			return this;
		}

		/**
		 * Sets the duration above which a call is slow.
		 * @param threshold a positive duration
		 * @return this builder
		 */
		public Builder slowCallDurationThreshold(Duration threshold) {
			this.slowCallDurationThreshold = threshold;
			return this;
		}

		/**
		 * Sets the time the breaker stays open before it lets trial calls through.
		 * @param wait a positive duration
		 * @return this builder
		 */
		public Builder waitDurationInOpenState(Duration wait) {
			this.waitDurationInOpenState = wait;
			return this;
		}

		/**
		 * Makes the open wait grow each time the breaker reopens from half-open, until it closes.
		 * @param multiplier at least 1
		 * @param maxWait the cap on the wait, or {@code null} for no cap
		 * @return this builder
		 */
		public Builder waitDurationInOpenStateBackoff(double multiplier, Duration maxWait) {
			this.waitDurationInOpenStateMultiplier = multiplier;
			this.maxWaitDurationInOpenState = maxWait;
			return this;
		}

		/**
		 * Spreads each open wait at random over plus or minus the given fraction of it.
		 * @param jitter a factor in [0, 1)
		 * @return this builder
		 */
		public Builder waitDurationInOpenStateJitter(double jitter) {
			this.waitDurationInOpenStateJitter = jitter;
			return this;
		}

		/**
		 * Sets whether the scheduler moves the breaker to half-open as soon as the open wait has
		 * elapsed.
		 * @param enabled {@code true} for a scheduled transition
		 * @return this builder
		 */
		public Builder automaticTransitionFromOpenToHalfOpen(boolean enabled) {
			this.automaticTransitionFromOpenToHalfOpen = enabled;
			return this;
		}

		/**
		 * Sets the number of trial calls let through in the half-open state.
		 * @param permittedCalls 1 to {@value CircuitBreakerConfig#MAX_PERMITTED_NUMBER_OF_CALLS_IN_HALF_OPEN_STATE}
		 * @return this builder
		 */
		public Builder permittedNumberOfCallsInHalfOpenState(int permittedCalls) {
			this.permittedNumberOfCallsInHalfOpenState = permittedCalls;
			return this;
		}

		/**
		 * Sets the longest time the breaker stays half-open before it opens again.
		 * @param maxWait zero for no limit, or a positive duration
		 * @return this builder
		 */
		public Builder maxWaitDurationInHalfOpenState(Duration maxWait) {
			this.maxWaitDurationInHalfOpenState = maxWait;
			return this;
		}

		/**
		 * Sets the exception types recorded as failures, subclasses included. When empty, every
		 * exception that is not ignored is a failure; otherwise other exceptions count as successes.
		 * @param types the recorded types
		 * @return this builder
		 */
		public Builder recordExceptions(List<Class<? extends Throwable>> types) {
			this.recordExceptions = List.copyOf(types);
			return this;
		}

		/**
		 * Sets the exception types that are recorded nowhere, subclasses included. Ignoring wins over
		 * recording.
		 * @param types the ignored types
		 * @return this builder
		 */
		public Builder ignoreExceptions(List<Class<? extends Throwable>> types) {
			this.ignoreExceptions = List.copyOf(types);
			return this;
		}

		/**
		 * Sets a predicate that records an exception as a failure in addition to the recorded types.
		 * @param predicate the predicate, or {@code null} to remove it
		 * @return this builder
		 */
		public Builder recordException(Predicate<Throwable> predicate) {
			this.recordExceptionPredicate = predicate;
			return this;
		}

		/**
		 * Sets a predicate that records a returned result as a failure.
		 * @param predicate the predicate, or {@code null} to remove it
		 * @return this builder
		 */
		public Builder recordResult(Predicate<Object> predicate) {
			this.recordResultPredicate = predicate;
			return this;
		}

		/**
		 * Sets the ticker that measures durations; tests pass a {@link dev.resilience.core.time.ManualClock}.
		 * @param ticker the ticker
		 * @return this builder
		 */
		public Builder ticker(Ticker ticker) {
			this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
			return this;
		}

		/**
		 * Sets the wall clock used for transition timestamps.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock must not be null");
			return this;
		}

		/**
		 * Sets the scheduler for the automatic transition from open to half-open.
		 * @param scheduler the scheduler, or {@code null} for {@link Scheduler#shared()}
		 * @return this builder
		 */
		public Builder scheduler(Scheduler scheduler) {
			this.scheduler = scheduler;
			return this;
		}

		/**
		 * Sets the source of random numbers in [0, 1) for the open-wait jitter.
		 * @param random the random source
		 * @return this builder
		 */
		public Builder random(DoubleSupplier random) {
			this.random = Objects.requireNonNull(random, "random must not be null");
			return this;
		}

		/**
		 * Validates the values and builds the configuration.
		 * @return the configuration
		 * @throws InvalidConfigException if a value breaks its rule; the message names the setting,
		 * the rule and the rejected value, and {@link InvalidConfigException#getSetting()} names the
		 * setting
		 */
		public CircuitBreakerConfig build() {
			Objects.requireNonNull(this.slidingWindowType, "slidingWindowType must not be null");
			checkPercent("failureRateThreshold", this.failureRateThreshold);
			checkPercent("slowCallRateThreshold", this.slowCallRateThreshold);
			checkPositive("slowCallDurationThreshold", this.slowCallDurationThreshold);
			checkPositive("waitDurationInOpenState", this.waitDurationInOpenState);
			checkNotNegative("maxWaitDurationInHalfOpenState", this.maxWaitDurationInHalfOpenState);
			if (this.slidingWindowType == SlidingWindowType.COUNT_BASED) {
				checkCountWindow();
			}
			else {
				checkTimeWindow();
			}
			if (this.minimumNumberOfCalls < 1) {
				throw new InvalidConfigException("minimumNumberOfCalls", this.minimumNumberOfCalls,
						"minimumNumberOfCalls must be at least 1, but was " + this.minimumNumberOfCalls);
			}
			if (this.permittedNumberOfCallsInHalfOpenState < 1
					|| this.permittedNumberOfCallsInHalfOpenState > MAX_PERMITTED_NUMBER_OF_CALLS_IN_HALF_OPEN_STATE) {
				throw new InvalidConfigException("permittedNumberOfCallsInHalfOpenState",
						this.permittedNumberOfCallsInHalfOpenState,
						"permittedNumberOfCallsInHalfOpenState must be between 1 and "
								+ MAX_PERMITTED_NUMBER_OF_CALLS_IN_HALF_OPEN_STATE + ", but was "
								+ this.permittedNumberOfCallsInHalfOpenState);
			}
			checkOpenStateBackoff();
			Objects.requireNonNull(this.recordExceptions, "recordExceptions must not be null");
			Objects.requireNonNull(this.ignoreExceptions, "ignoreExceptions must not be null");
			return new CircuitBreakerConfig(this);
		}

		private void checkCountWindow() {
			if (this.slidingWindowSize < 1 || this.slidingWindowSize > MAX_SLIDING_WINDOW_SIZE) {
				throw new InvalidConfigException("slidingWindowSize", this.slidingWindowSize,
						"slidingWindowSize must be between 1 and " + MAX_SLIDING_WINDOW_SIZE + ", but was "
								+ this.slidingWindowSize);
			}
			if (this.minimumNumberOfCalls > this.slidingWindowSize) {
				throw new InvalidConfigException("minimumNumberOfCalls", this.minimumNumberOfCalls,
						"minimumNumberOfCalls (" + this.minimumNumberOfCalls + ") must not exceed slidingWindowSize ("
								+ this.slidingWindowSize
								+ ") of a count-based window, because the window could never hold that many calls; "
								+ "lower minimumNumberOfCalls or raise slidingWindowSize");
			}
		}

		private void checkTimeWindow() {
			Duration duration = this.slidingWindowDuration;
			Objects.requireNonNull(duration, "slidingWindowDuration must not be null");
			if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(MAX_SLIDING_WINDOW_DURATION) > 0
					|| duration.getNano() != 0) {
				throw new InvalidConfigException("slidingWindowDuration", duration,
						"slidingWindowDuration must be a whole number of seconds from 1s to 1 day, but was "
								+ duration);
			}
		}

		private void checkOpenStateBackoff() {
			if (!(this.waitDurationInOpenStateMultiplier >= 1)
					|| Double.isInfinite(this.waitDurationInOpenStateMultiplier)) {
				throw new InvalidConfigException("waitDurationInOpenStateMultiplier",
						this.waitDurationInOpenStateMultiplier, "waitDurationInOpenStateMultiplier must be a finite "
								+ "number of at least 1, but was " + this.waitDurationInOpenStateMultiplier);
			}
			if (this.maxWaitDurationInOpenState != null
					&& this.maxWaitDurationInOpenState.compareTo(this.waitDurationInOpenState) < 0) {
				throw new InvalidConfigException("maxWaitDurationInOpenState", this.maxWaitDurationInOpenState,
						"maxWaitDurationInOpenState (" + this.maxWaitDurationInOpenState
								+ ") must not be shorter than waitDurationInOpenState (" + this.waitDurationInOpenState
								+ ")");
			}
			if (!(this.waitDurationInOpenStateJitter >= 0 && this.waitDurationInOpenStateJitter < 1)) {
				throw new InvalidConfigException("waitDurationInOpenStateJitter", this.waitDurationInOpenStateJitter,
						"waitDurationInOpenStateJitter must be in [0, 1), but was "
								+ this.waitDurationInOpenStateJitter);
			}
		}

		private static void checkPercent(String name, float percent) {
			if (!(percent > 0 && percent <= 100)) {
				throw new InvalidConfigException(name, percent,
						name + " must be greater than 0 and at most 100 (percent), but was " + percent);
			}
		}

		private static void checkPositive(String name, Duration duration) {
			Objects.requireNonNull(duration, () -> name + " must not be null");
			if (duration.isNegative() || duration.isZero()) {
				throw new InvalidConfigException(name, duration, name + " must be positive, but was " + duration);
			}
		}

		private static void checkNotNegative(String name, Duration duration) {
			Objects.requireNonNull(duration, () -> name + " must not be null");
			if (duration.isNegative()) {
				throw new InvalidConfigException(name, duration, name + " must not be negative, but was " + duration);
			}
		}

	}

}
