package dev.resilience.core.retry;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;

import dev.resilience.core.time.Scheduler;
import dev.resilience.core.time.Sleeper;
import dev.resilience.core.time.Ticker;

/**
 * The immutable configuration of a {@link Retry}, created through {@link #custom()}.
 *
 * <p><b>Attempts.</b> {@link #getMaxAttempts()} counts every execution of the call, the first
 * included: 1 means one call and no wait, 3 means the first call and at most two retries, each
 * preceded by a wait from the {@link Backoff}.
 *
 * <p><b>What is retried.</b> An exception is first unwrapped from any
 * {@link java.util.concurrent.CompletionException} and {@link java.util.concurrent.ExecutionException}
 * that has a cause. Then, in this order:
 * <ol>
 * <li>a {@link dev.resilience.core.breaker.CallNotPermittedException} or an
 * {@link InterruptedException} is never retried;</li>
 * <li>an exception that is an instance of an ignore-exception type is not retried, even when it also
 * matches a retry-exception type;</li>
 * <li>with no retry-exception types and no exception predicate, every other exception is
 * retried;</li>
 * <li>otherwise an exception is retried when it is an instance of a retry-exception type or matches
 * the exception predicate.</li>
 * </ol>
 * With {@link #isMatchCauses()}, each step tests the exception and every cause in its chain: any match
 * in the chain for a step counts. A result is retried when the result predicate matches it.
 *
 * <p><b>Deadline.</b> When {@link #getMaxDuration()} is positive, the ticker is read before the first
 * attempt, and no retry starts whose wait would end after that reading plus the maximum duration. A
 * wait that ends exactly at the deadline is allowed. The running attempt is never cut short.
 *
 * <p>Instances are immutable and thread-safe. The builder validates every value in
 * {@link Builder#build()} and rejects, with an {@link IllegalArgumentException} that names the
 * setting, the rule and the value, any configuration the retry could not honour.
 */
public final class RetryConfig {

	/** Default number of attempts, the first included: 3. */
	public static final int DEFAULT_MAX_ATTEMPTS = 3;

	/** Default fixed wait between attempts: 500 milliseconds. */
	public static final Duration DEFAULT_WAIT_DURATION = Duration.ofMillis(500);

	private static final RetryConfig DEFAULTS = custom().build();

	private final int maxAttempts;

	private final Backoff backoff;

	private final Duration maxDuration;

	private final List<Class<? extends Throwable>> retryExceptions;

	private final List<Class<? extends Throwable>> ignoreExceptions;

	private final Predicate<Throwable> retryExceptionPredicate;

	private final boolean matchCauses;

	private final Predicate<Object> retryResultPredicate;

	private final boolean failAfterMaxAttempts;

	private final Ticker ticker;

	private final Sleeper sleeper;

	private final Scheduler scheduler;

	private final DoubleSupplier random;

	private RetryConfig(Builder builder, Backoff backoff) {
		this.maxAttempts = builder.maxAttempts;
		this.backoff = backoff;
		this.maxDuration = builder.maxDuration;
		this.retryExceptions = builder.retryExceptions;
		this.ignoreExceptions = builder.ignoreExceptions;
		this.retryExceptionPredicate = builder.retryExceptionPredicate;
		this.matchCauses = builder.matchCauses;
		this.retryResultPredicate = builder.retryResultPredicate;
		this.failAfterMaxAttempts = builder.failAfterMaxAttempts;
		this.ticker = builder.ticker;
		this.sleeper = builder.sleeper;
		this.scheduler = builder.scheduler;
		this.random = builder.random;
	}

	/**
	 * Returns the default configuration: 3 attempts, a fixed wait of 500 milliseconds without jitter,
	 * no deadline, and every exception retried except the ones that are never retried.
	 * @return the configuration that {@code custom().build()} creates
	 */
	public static RetryConfig ofDefaults() {
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
	 * Returns the number of attempts, the first included.
	 * @return at least 1; 1 means one call and no retry
	 */
	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	/**
	 * Returns the waits between attempts.
	 * @return the backoff
	 */
	public Backoff getBackoff() {
		return this.backoff;
	}

	/**
	 * Returns the overall deadline of an execution, measured with the ticker from the start of the
	 * first attempt.
	 * @return the maximum duration, {@link Duration#ZERO} for no deadline
	 */
	public Duration getMaxDuration() {
		return this.maxDuration;
	}

	/**
	 * Returns the exception types that are retried, subclasses included.
	 * @return the retried types; empty, with no exception predicate, means every exception that is
	 * not ignored
	 */
	public List<Class<? extends Throwable>> getRetryExceptions() {
		return this.retryExceptions;
	}

	/**
	 * Returns the exception types that are never retried, subclasses included. They win over
	 * {@link #getRetryExceptions()} and the exception predicate.
	 * @return the ignored types
	 */
	public List<Class<? extends Throwable>> getIgnoreExceptions() {
		return this.ignoreExceptions;
	}

	/**
	 * Returns the predicate that retries an exception in addition to {@link #getRetryExceptions()}.
	 * @return the predicate, or {@code null} when none is set
	 */
	public Predicate<Throwable> getRetryExceptionPredicate() {
		return this.retryExceptionPredicate;
	}

	/**
	 * Returns whether classification tests every cause in an exception's chain, not only the
	 * exception itself.
	 * @return {@code true} to test the cause chain
	 */
	public boolean isMatchCauses() {
		return this.matchCauses;
	}

	/**
	 * Returns the predicate that retries a returned result.
	 * @return the predicate, or {@code null} when no result is retried
	 */
	public Predicate<Object> getRetryResultPredicate() {
		return this.retryResultPredicate;
	}

	/**
	 * Returns whether an execution whose last result still matches the result predicate throws
	 * {@link RetriesExhaustedException} instead of returning that result.
	 * @return {@code true} to throw
	 */
	public boolean isFailAfterMaxAttempts() {
		return this.failAfterMaxAttempts;
	}

	/**
	 * Returns the ticker that measures the deadline.
	 * @return the ticker
	 */
	public Ticker getTicker() {
		return this.ticker;
	}

	/**
	 * Returns the sleeper through which synchronous executions wait.
	 * @return the sleeper
	 */
	public Sleeper getSleeper() {
		return this.sleeper;
	}

	/**
	 * Returns the scheduler that starts the retries of asynchronous executions.
	 * @return the configured scheduler, or {@link Scheduler#shared()} when none is set
	 */
	public Scheduler getScheduler() {
		return (this.scheduler != null) ? this.scheduler : Scheduler.shared();
	}

	/**
	 * Returns the source of random numbers in [0, 1] for the jitter.
	 * @return the random source
	 */
	public DoubleSupplier getRandom() {
		return this.random;
	}

	@Override
	public String toString() {
		return "RetryConfig[maxAttempts=" + this.maxAttempts + ", backoff=" + this.backoff + ", maxDuration="
				+ this.maxDuration + ", retryExceptions=" + this.retryExceptions + ", ignoreExceptions="
				+ this.ignoreExceptions + ", matchCauses=" + this.matchCauses + ", failAfterMaxAttempts="
				+ this.failAfterMaxAttempts + "]";
	}

	/**
	 * Builds a {@link RetryConfig}. Setters only store values; {@link #build()} validates them
	 * together.
	 *
	 * <p>A builder is not thread-safe.
	 */
	public static final class Builder {

		private int maxAttempts = DEFAULT_MAX_ATTEMPTS;

		private Duration waitDuration = DEFAULT_WAIT_DURATION;

		private boolean exponential;

		private double multiplier = 1;

		private Duration maxWaitDuration;

		private Jitter jitter = Jitter.NONE;

		private Duration maxDuration = Duration.ZERO;

		private List<Class<? extends Throwable>> retryExceptions = List.of();

		private List<Class<? extends Throwable>> ignoreExceptions = List.of();

		private Predicate<Throwable> retryExceptionPredicate;

		private boolean matchCauses;

		private Predicate<Object> retryResultPredicate;

		private boolean failAfterMaxAttempts;

		private Ticker ticker = Ticker.system();

		private Sleeper sleeper = Sleeper.system();

		private Scheduler scheduler;

		private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

		private Builder() {
		}

		private Builder(RetryConfig config) {
			this.maxAttempts = config.maxAttempts;
			backoff(config.backoff);
			this.maxDuration = config.maxDuration;
			this.retryExceptions = config.retryExceptions;
			this.ignoreExceptions = config.ignoreExceptions;
			this.retryExceptionPredicate = config.retryExceptionPredicate;
			this.matchCauses = config.matchCauses;
			this.retryResultPredicate = config.retryResultPredicate;
			this.failAfterMaxAttempts = config.failAfterMaxAttempts;
			this.ticker = config.ticker;
			this.sleeper = config.sleeper;
			this.scheduler = config.scheduler;
			this.random = config.random;
		}

		/**
		 * Sets the number of attempts, the first included.
		 * @param maxAttempts at least 1; 1 means one call and no retry, 3 means at most two retries
		 * @return this builder
		 */
		public Builder maxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
			return this;
		}

		/**
		 * Sets a fixed wait between attempts, replacing any exponential backoff. The jitter is kept.
		 * @param wait from zero to {@link Backoff#MAX_DELAY}
		 * @return this builder
		 */
		public Builder waitDuration(Duration wait) {
			this.waitDuration = wait;
			this.exponential = false;
			this.multiplier = 1;
			this.maxWaitDuration = null;
			return this;
		}

		/**
		 * Sets an exponential backoff. The jitter is kept.
		 * @param initial the wait before the first retry, from zero to {@link Backoff#MAX_DELAY}
		 * @param multiplier the growth factor, a finite number of at least 1
		 * @param max the cap on the wait, from {@code initial} to {@link Backoff#MAX_DELAY}, or
		 * {@code null} to cap at {@link Backoff#MAX_DELAY}
		 * @return this builder
		 */
		public Builder exponentialBackoff(Duration initial, double multiplier, Duration max) {
			this.waitDuration = initial;
			this.exponential = true;
			this.multiplier = multiplier;
			this.maxWaitDuration = max;
			return this;
		}

		/**
		 * Sets how each wait is spread at random.
		 * @param jitter the jitter
		 * @return this builder
		 */
		public Builder jitter(Jitter jitter) {
			this.jitter = jitter;
			return this;
		}

		/**
		 * Sets the waits and the jitter from a backoff.
		 * @param backoff the backoff
		 * @return this builder
		 */
		public Builder backoff(Backoff backoff) {
			Objects.requireNonNull(backoff, "backoff must not be null");
			this.waitDuration = backoff.getInitialWait();
			this.exponential = !backoff.isFixed();
			this.multiplier = backoff.getMultiplier();
			this.maxWaitDuration = backoff.isFixed() ? null : backoff.getMaxWait();
			this.jitter = backoff.getJitter();
			return this;
		}

		/**
		 * Sets the overall deadline of an execution, measured from the start of the first attempt.
		 * @param maxDuration zero for no deadline, or a positive duration
		 * @return this builder
		 */
		public Builder maxDuration(Duration maxDuration) {
			this.maxDuration = maxDuration;
			return this;
		}

		/**
		 * Sets the exception types that are retried, subclasses included. When empty and no exception
		 * predicate is set, every exception that is not ignored is retried.
		 * @param types the retried types
		 * @return this builder
		 */
		public Builder retryExceptions(List<Class<? extends Throwable>> types) {
			this.retryExceptions = List.copyOf(types);
			return this;
		}

		/**
		 * Sets the exception types that are never retried, subclasses included. Ignoring wins over
		 * retrying.
		 * @param types the ignored types
		 * @return this builder
		 */
		public Builder ignoreExceptions(List<Class<? extends Throwable>> types) {
			this.ignoreExceptions = List.copyOf(types);
			return this;
		}

		/**
		 * Sets a predicate that retries an exception in addition to the retry-exception types. It
		 * receives the unwrapped exception, and with match-causes also each cause.
		 * @param predicate the predicate, or {@code null} to remove it
		 * @return this builder
		 */
		public Builder retryOnException(Predicate<Throwable> predicate) {
			this.retryExceptionPredicate = predicate;
			return this;
		}

		/**
		 * Sets whether classification tests every cause in an exception's chain.
		 * @param matchCauses {@code true} to test the cause chain
		 * @return this builder
		 */
		public Builder matchCauses(boolean matchCauses) {
			this.matchCauses = matchCauses;
			return this;
		}

		/**
		 * Sets a predicate that retries a returned result when it matches.
		 * @param predicate the predicate, or {@code null} to retry no result
		 * @return this builder
		 */
		public Builder retryOnResult(Predicate<Object> predicate) {
			this.retryResultPredicate = predicate;
			return this;
		}

		/**
		 * Sets whether an execution whose last result still matches the result predicate throws
		 * {@link RetriesExhaustedException} instead of returning that result.
		 * @param failAfterMaxAttempts {@code true} to throw
		 * @return this builder
		 */
		public Builder failAfterMaxAttempts(boolean failAfterMaxAttempts) {
			this.failAfterMaxAttempts = failAfterMaxAttempts;
			return this;
		}

		/**
		 * Sets the ticker that measures the deadline; tests pass a
		 * {@link dev.resilience.core.time.ManualClock}.
		 * @param ticker the ticker
		 * @return this builder
		 */
		public Builder ticker(Ticker ticker) {
			this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
			return this;
		}

		/**
		 * Sets the sleeper through which synchronous executions wait.
		 * @param sleeper the sleeper
		 * @return this builder
		 */
		public Builder sleeper(Sleeper sleeper) {
			this.sleeper = Objects.requireNonNull(sleeper, "sleeper must not be null");
			return this;
		}

		/**
		 * Sets the scheduler that starts the retries of asynchronous executions.
		 * @param scheduler the scheduler, or {@code null} for {@link Scheduler#shared()}
		 * @return this builder
		 */
		public Builder scheduler(Scheduler scheduler) {
			this.scheduler = scheduler;
			return this;
		}

		/**
		 * Sets the source of random numbers in [0, 1] for the jitter.
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
		 * @throws IllegalArgumentException if a value breaks its rule; the message names the setting,
		 * the rule and the rejected value
		 */
		public RetryConfig build() {
			if (this.maxAttempts < 1) {
				throw new IllegalArgumentException("maxAttempts must be at least 1 (1 means one call and no retry), "
						+ "but was " + this.maxAttempts);
			}
			if (this.jitter == null) {
				throw new IllegalArgumentException("jitter must not be null; use Jitter.NONE for no jitter");
			}
			Backoff backoff = createBackoff().withJitter(this.jitter);
			if (this.maxDuration == null || this.maxDuration.isNegative()) {
				throw new IllegalArgumentException(
						"maxDuration must be zero (no deadline) or positive, but was " + this.maxDuration);
			}
			return new RetryConfig(this, backoff);
		}

		private Backoff createBackoff() {
			if (!this.exponential) {
				Backoff.checkWait("waitDuration", this.waitDuration);
				return Backoff.fixed(this.waitDuration);
			}
			return Backoff.exponential("waitDuration", this.waitDuration, "multiplier", this.multiplier,
					"maxWaitDuration", this.maxWaitDuration);
		}

	}

}
