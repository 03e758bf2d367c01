package dev.resilience.core.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Backoff}: exact waits for each jitter mode with fixed random numbers, saturation
 * at the ceiling, and validation.
 */
class BackoffTests {

	private static final Backoff EXPONENTIAL = Backoff.exponential(Duration.ofMillis(100), 2, Duration.ofSeconds(1));

	@Test
	void fixedWaitWithEachJitter() {
		Backoff fixed = Backoff.fixed(Duration.ofSeconds(1));

		assertThat(waits(fixed, 3, 0.0)).containsExactly(millis(1000), millis(1000), millis(1000));
		assertThat(waits(fixed.withJitter(Jitter.FULL), 2, 0.0)).containsExactly(millis(0), millis(0));
		assertThat(waits(fixed.withJitter(Jitter.FULL), 2, 0.5)).containsExactly(millis(500), millis(500));
		assertThat(waits(fixed.withJitter(Jitter.FULL), 2, 0.999)).containsExactly(millis(999), millis(999));
		assertThat(waits(fixed.withJitter(Jitter.EQUAL), 2, 0.0)).containsExactly(millis(500), millis(500));
		assertThat(waits(fixed.withJitter(Jitter.EQUAL), 2, 0.5)).containsExactly(millis(750), millis(750));
		assertThat(waits(fixed.withJitter(Jitter.EQUAL), 2, 0.999)).containsExactly(nanos(999_500_000),
				nanos(999_500_000));
		assertThat(waits(fixed.withJitter(Jitter.DECORRELATED), 3, 0.999)).containsExactly(millis(1000),
				millis(1000), millis(1000));
	}

	@Test
	void exponentialWithoutJitter() {
		assertThat(waits(EXPONENTIAL, 6, 0.999)).containsExactly(millis(100), millis(200), millis(400), millis(800),
				millis(1000), millis(1000));
	}

	@Test
	void exponentialWithFullJitter() {
		Backoff backoff = EXPONENTIAL.withJitter(Jitter.FULL);

		assertThat(waits(backoff, 6, 0.0)).containsOnly(Duration.ZERO);
		assertThat(waits(backoff, 6, 0.5)).containsExactly(millis(50), millis(100), millis(200), millis(400),
				millis(500), millis(500));
		assertThat(waits(backoff, 6, 0.999)).containsExactly(nanos(99_900_000), nanos(199_800_000),
				nanos(399_600_000), nanos(799_200_000), nanos(999_000_000), nanos(999_000_000));
	}

	@Test
	void exponentialWithEqualJitter() {
		Backoff backoff = EXPONENTIAL.withJitter(Jitter.EQUAL);

		assertThat(waits(backoff, 6, 0.0)).containsExactly(millis(50), millis(100), millis(200), millis(400),
				millis(500), millis(500));
		assertThat(waits(backoff, 6, 0.5)).containsExactly(millis(75), millis(150), millis(300), millis(600),
				millis(750), millis(750));
		assertThat(waits(backoff, 6, 0.999)).containsExactly(nanos(99_950_000), nanos(199_900_000),
				nanos(399_800_000), nanos(799_600_000), nanos(999_500_000), nanos(999_500_000));
	}

	@Test
	void exponentialWithDecorrelatedJitter() {
		Backoff backoff = EXPONENTIAL.withJitter(Jitter.DECORRELATED);

		// Each wait is uniform between the initial wait and three times the previous wait, capped at 1s.
		assertThat(waits(backoff, 4, 0.0)).containsOnly(millis(100));
		assertThat(waits(backoff, 4, 0.5)).containsExactly(millis(200), millis(350), millis(550), millis(550));
		assertThat(waits(backoff, 4, 0.999)).containsExactly(nanos(299_800_000), nanos(898_600_600),
				nanos(999_100_000), nanos(999_100_000));
		assertThat(waits(backoff, 4, 1.0)).containsExactly(millis(300), millis(900), millis(1000), millis(1000));
	}

	@Test
	void decorrelatedWithoutPreviousStartsFromInitial() {
		Backoff backoff = EXPONENTIAL.withJitter(Jitter.DECORRELATED);

		assertThat(backoff.delayBeforeRetry(1, null, 1.0)).isEqualTo(millis(300));
		assertThat(backoff.delayBeforeRetry(5, null, 1.0)).isEqualTo(millis(300));
		assertThat(backoff.delayBeforeRetry(2, millis(200), 1.0)).isEqualTo(millis(600));
	}

	@Test
	void fractionalMultiplierRoundsToNanos() {
		Backoff backoff = Backoff.exponential(Duration.ofNanos(3), 1.5, null);

		// 3, 4.5, 6.75 and 10.125 nanoseconds, rounded to the nearest nanosecond.
		assertThat(waits(backoff, 4, 0.0)).containsExactly(nanos(3), nanos(5), nanos(7), nanos(10));
	}

	@Test
	void largeGrowthSaturatesAtCeiling() {
		Backoff backoff = Backoff.exponential(Duration.ofSeconds(1), 10, null);

		List<Duration> waits = waits(backoff, 100, 0.0);

		assertThat(waits.get(0)).isEqualTo(Duration.ofSeconds(1));
		assertThat(waits.get(4)).isEqualTo(Duration.ofSeconds(10_000));
		assertThat(waits.get(5)).isEqualTo(Backoff.MAX_DELAY);
		assertThat(waits.get(99)).isEqualTo(Backoff.MAX_DELAY);
		for (int i = 0; i < waits.size(); i++) {
			assertThat(waits.get(i)).as("wait %d", i + 1).isBetween(Duration.ZERO, Backoff.MAX_DELAY);
			if (i > 0) {
				assertThat(waits.get(i)).as("wait %d", i + 1).isGreaterThanOrEqualTo(waits.get(i - 1));
			}
		}
		assertThat(backoff.delayBeforeRetry(Integer.MAX_VALUE, null, 0)).isEqualTo(Backoff.MAX_DELAY);
		assertThat(backoff.withJitter(Jitter.FULL).delayBeforeRetry(Integer.MAX_VALUE, null, 1.0))
			.isEqualTo(Backoff.MAX_DELAY);
		assertThat(backoff.withJitter(Jitter.DECORRELATED).delayBeforeRetry(2, Backoff.MAX_DELAY, 1.0))
			.isEqualTo(Backoff.MAX_DELAY);
	}

	@Test
	void largestMultiplierSaturatesAtMaxWait() {
		Backoff backoff = Backoff.exponential(Duration.ofMillis(1), Double.MAX_VALUE, Duration.ofMinutes(1));

		assertThat(backoff.delayBeforeRetry(1, null, 0)).isEqualTo(millis(1));
		assertThat(backoff.delayBeforeRetry(2, null, 0)).isEqualTo(Duration.ofMinutes(1));
		assertThat(backoff.delayBeforeRetry(3, null, 0)).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void zeroInitialWaitStaysZero() {
		Backoff backoff = Backoff.exponential(Duration.ZERO, 10, null);

		assertThat(waits(backoff, 400, 0.5)).containsOnly(Duration.ZERO);
		assertThat(waits(backoff.withJitter(Jitter.DECORRELATED), 5, 1.0)).containsOnly(Duration.ZERO);
	}

	@Test
	void factoriesRejectInvalidValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> Backoff.fixed(Duration.ofMillis(-1)))
			.withMessage("wait must not be negative, but was PT-0.001S");
		assertThatIllegalArgumentException().isThrownBy(() -> Backoff.fixed(null))
			.withMessage("wait must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> Backoff.fixed(Duration.ofDays(2)))
			.withMessage("wait must be at most PT24H (Backoff.MAX_DELAY), but was PT48H");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Backoff.exponential(Duration.ofSeconds(1), 0.5, null))
			.withMessage("multiplier must be a finite number of at least 1, but was 0.5");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Backoff.exponential(Duration.ofSeconds(1), Double.NaN, null))
			.withMessage("multiplier must be a finite number of at least 1, but was NaN");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Backoff.exponential(Duration.ofSeconds(1), Double.POSITIVE_INFINITY, null))
			.withMessage("multiplier must be a finite number of at least 1, but was Infinity");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), 2, Duration.ofSeconds(1)))
			.withMessage("max (PT1S) must not be shorter than initial (PT2S); raise max or lower initial");
	}

	@Test
	void delayBeforeRetryRejectsInvalidArguments() {
		assertThatIllegalArgumentException().isThrownBy(() -> EXPONENTIAL.delayBeforeRetry(0, null, 0.5))
			.withMessage("retryNumber must be at least 1, but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> EXPONENTIAL.delayBeforeRetry(1, null, 1.5))
			.withMessage("random must be in [0, 1], but was 1.5");
		assertThatIllegalArgumentException().isThrownBy(() -> EXPONENTIAL.delayBeforeRetry(1, null, Double.NaN))
			.withMessage("random must be in [0, 1], but was NaN");
	}

	@Test
	void accessorsDescribeTheBackoff() {
		Backoff fixed = Backoff.fixed(Duration.ofSeconds(2));
		Backoff unbounded = Backoff.exponential(Duration.ofSeconds(1), 3, null).withJitter(Jitter.EQUAL);

		assertThat(fixed.isFixed()).isTrue();
		assertThat(fixed.getMultiplier()).isEqualTo(1);
		assertThat(fixed.getMaxWait()).isEqualTo(Duration.ofSeconds(2));
		assertThat(fixed.getJitter()).isEqualTo(Jitter.NONE);
		assertThat(unbounded.isFixed()).isFalse();
		assertThat(unbounded.getInitialWait()).isEqualTo(Duration.ofSeconds(1));
		assertThat(unbounded.getMultiplier()).isEqualTo(3);
		assertThat(unbounded.getMaxWait()).isNull();
		assertThat(unbounded.getJitter()).isEqualTo(Jitter.EQUAL);
		assertThat(unbounded).isEqualTo(Backoff.exponential(Duration.ofSeconds(1), 3, null).withJitter(Jitter.EQUAL));
		assertThat(unbounded).isNotEqualTo(Backoff.exponential(Duration.ofSeconds(1), 3, null));
	}

	/**
	 * Returns the waits before retries 1 to {@code count}, each computed from the previous one as an
	 * execution does.
	 */
	private static List<Duration> waits(Backoff backoff, int count, double random) {
		List<Duration> waits = new ArrayList<>();
		Duration previous = null;
		for (int retry = 1; retry <= count; retry++) {
			previous = backoff.delayBeforeRetry(retry, previous, random);
			waits.add(previous);
		}
		return waits;
	}

	private static Duration millis(long millis) {
		return Duration.ofMillis(millis);
	}

	private static Duration nanos(long nanos) {
		return Duration.ofNanos(nanos);
	}

}
