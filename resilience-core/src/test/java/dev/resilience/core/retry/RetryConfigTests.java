package dev.resilience.core.retry;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import dev.resilience.core.time.ManualClock;
import dev.resilience.core.time.Scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Tests for {@link RetryConfig}: defaults, copying and validation messages.
 */
class RetryConfigTests {

	@Test
	void defaults() {
		RetryConfig config = RetryConfig.ofDefaults();

		assertThat(config.getMaxAttempts()).isEqualTo(3);
		assertThat(config.getBackoff()).isEqualTo(Backoff.fixed(Duration.ofMillis(500)));
		assertThat(config.getBackoff().getJitter()).isEqualTo(Jitter.NONE);
		assertThat(config.getMaxDuration()).isEqualTo(Duration.ZERO);
		assertThat(config.getRetryExceptions()).isEmpty();
		assertThat(config.getIgnoreExceptions()).isEmpty();
		assertThat(config.getRetryExceptionPredicate()).isNull();
		assertThat(config.isMatchCauses()).isFalse();
		assertThat(config.getRetryResultPredicate()).isNull();
		assertThat(config.isFailAfterMaxAttempts()).isFalse();
		assertThat(config.getScheduler()).isSameAs(Scheduler.shared());
		assertThat(config.getRandom().getAsDouble()).isBetween(0.0, 1.0);
	}

	@Test
	void toBuilderCopiesEverySetting() {
		ManualClock clock = new ManualClock();
		Predicate<Throwable> exceptionPredicate = (ex) -> true;
		Predicate<Object> resultPredicate = (result) -> false;
		RetryConfig config = RetryConfig.custom()
			.maxAttempts(7)
			.exponentialBackoff(Duration.ofMillis(10), 3, Duration.ofSeconds(2))
			.jitter(Jitter.EQUAL)
			.maxDuration(Duration.ofSeconds(30))
			.retryExceptions(List.of(IOException.class))
			.ignoreExceptions(List.of(IllegalStateException.class))
			.retryOnException(exceptionPredicate)
			.matchCauses(true)
			.retryOnResult(resultPredicate)
			.failAfterMaxAttempts(true)
			.ticker(clock)
			.sleeper(clock)
			.scheduler(clock)
			.random(() -> 0.25)
			.build();

		RetryConfig copy = config.toBuilder().build();

		assertThat(copy.getMaxAttempts()).isEqualTo(7);
		assertThat(copy.getBackoff()).isEqualTo(
				Backoff.exponential(Duration.ofMillis(10), 3, Duration.ofSeconds(2)).withJitter(Jitter.EQUAL));
		assertThat(copy.getMaxDuration()).isEqualTo(Duration.ofSeconds(30));
		assertThat(copy.getRetryExceptions()).containsExactly(IOException.class);
		assertThat(copy.getIgnoreExceptions()).containsExactly(IllegalStateException.class);
		assertThat(copy.getRetryExceptionPredicate()).isSameAs(exceptionPredicate);
		assertThat(copy.isMatchCauses()).isTrue();
		assertThat(copy.getRetryResultPredicate()).isSameAs(resultPredicate);
		assertThat(copy.isFailAfterMaxAttempts()).isTrue();
		assertThat(copy.getTicker()).isSameAs(clock);
		assertThat(copy.getSleeper()).isSameAs(clock);
		assertThat(copy.getScheduler()).isSameAs(clock);
		assertThat(copy.getRandom().getAsDouble()).isEqualTo(0.25);
	}

	@Test
	void toBuilderKeepsFixedBackoffWithJitter() {
		RetryConfig config = RetryConfig.custom().waitDuration(Duration.ofSeconds(2)).jitter(Jitter.FULL).build();

		assertThat(config.toBuilder().build().getBackoff())
			.isEqualTo(Backoff.fixed(Duration.ofSeconds(2)).withJitter(Jitter.FULL));
	}

	@Test
	void waitDurationReplacesExponentialBackoff() {
		RetryConfig config = RetryConfig.custom()
			.exponentialBackoff(Duration.ofSeconds(1), 2, null)
			.jitter(Jitter.FULL)
			.waitDuration(Duration.ofSeconds(3))
			.build();

		assertThat(config.getBackoff()).isEqualTo(Backoff.fixed(Duration.ofSeconds(3)).withJitter(Jitter.FULL));
	}

	@Test
	void backoffSetsWaitsAndJitter() {
		Backoff backoff = Backoff.exponential(Duration.ofSeconds(1), 2, null).withJitter(Jitter.DECORRELATED);

		assertThat(RetryConfig.custom().backoff(backoff).build().getBackoff()).isEqualTo(backoff);
	}

	@Test
	void unboundedExponentialBackoffWithManyAttemptsBuilds() {
		RetryConfig config = RetryConfig.custom()
			.maxAttempts(100)
			.exponentialBackoff(Duration.ofSeconds(1), 10, null)
			.build();

		assertThat(config.getBackoff().getMaxWait()).isNull();
		assertThat(config.getBackoff().delayBeforeRetry(99, null, 0)).isEqualTo(Backoff.MAX_DELAY);
	}

	@Test
	void zeroWaitIsAllowed() {
		assertThat(RetryConfig.custom().waitDuration(Duration.ZERO).build().getBackoff().getInitialWait()).isZero();
	}

	@Test
	void buildRejectsInvalidMaxAttempts() {
		assertThatIllegalArgumentException().isThrownBy(() -> RetryConfig.custom().maxAttempts(0).build())
			.withMessage("maxAttempts must be at least 1 (1 means one call and no retry), but was 0");
	}

	@Test
	void buildRejectsInvalidWaits() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RetryConfig.custom().waitDuration(Duration.ofSeconds(-1)).build())
			.withMessage("waitDuration must not be negative, but was PT-1S");
		assertThatIllegalArgumentException().isThrownBy(() -> RetryConfig.custom().waitDuration(null).build())
			.withMessage("waitDuration must not be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RetryConfig.custom().exponentialBackoff(Duration.ofSeconds(-1), 2, null).build())
			.withMessage("waitDuration must not be negative, but was PT-1S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RetryConfig.custom()
				.exponentialBackoff(Duration.ofSeconds(1), 2, Duration.ofDays(3))
				.build())
			.withMessage("maxWaitDuration must be at most PT24H (Backoff.MAX_DELAY), but was PT72H");
	}

	@Test
	void buildRejectsInvalidMultiplier() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RetryConfig.custom().exponentialBackoff(Duration.ofSeconds(1), 0.99, null).build())
			.withMessage("multiplier must be a finite number of at least 1, but was 0.99");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RetryConfig.custom()
				.exponentialBackoff(Duration.ofSeconds(1), Double.POSITIVE_INFINITY, null)
				.build())
			.withMessage("multiplier must be a finite number of at least 1, but was Infinity");
	}

	@Test
	void buildRejectsMaxWaitShorterThanInitial() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RetryConfig.custom()
				.exponentialBackoff(Duration.ofSeconds(2), 2, Duration.ofSeconds(1))
				.build())
			.withMessage("maxWaitDuration (PT1S) must not be shorter than waitDuration (PT2S); "
					+ "raise maxWaitDuration or lower waitDuration");
	}

	@Test
	void buildRejectsInvalidMaxDuration() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RetryConfig.custom().maxDuration(Duration.ofMillis(-5)).build())
			.withMessage("maxDuration must be zero (no deadline) or positive, but was PT-0.005S");
		assertThatIllegalArgumentException().isThrownBy(() -> RetryConfig.custom().maxDuration(null).build())
			.withMessage("maxDuration must be zero (no deadline) or positive, but was null");
	}

	@Test
	void buildRejectsMissingJitter() {
		assertThatIllegalArgumentException().isThrownBy(() -> RetryConfig.custom().jitter(null).build())
			.withMessage("jitter must not be null; use Jitter.NONE for no jitter");
	}

	@Test
	void settersRejectNullTimeSources() {
		assertThatNullPointerException().isThrownBy(() -> RetryConfig.custom().ticker(null))
			.withMessage("ticker must not be null");
		assertThatNullPointerException().isThrownBy(() -> RetryConfig.custom().sleeper(null))
			.withMessage("sleeper must not be null");
		assertThatNullPointerException().isThrownBy(() -> RetryConfig.custom().random(null))
			.withMessage("random must not be null");
	}

}
