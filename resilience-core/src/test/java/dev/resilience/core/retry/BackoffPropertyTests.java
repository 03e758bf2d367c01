package dev.resilience.core.retry;

import java.time.Duration;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of {@link Backoff} over many random inputs: waits stay between zero and the cap, never
 * decrease before jitter, and each jitter stays within its documented range. Inputs come from a
 * seeded generator, so a failure names the seed and the case that reproduce it.
 */
class BackoffPropertyTests {

	private static final long SEED = Long.getLong("backoff.property.seed", 20261204L);

	private static final int CASES = 1_000;

	private static final long MAX_DELAY_MILLIS = Backoff.MAX_DELAY.toMillis();

	@Test
	void waitsStayWithinCapAndNeverDecrease() {
		SplittableRandom random = new SplittableRandom(SEED);
		for (int index = 0; index < CASES; index++) {
			long initialMillis = random.nextLong(MAX_DELAY_MILLIS + 1);
			double multiplier = 1 + random.nextDouble() * 999;
			boolean capped = random.nextBoolean();
			long maxMillis = Math.min(initialMillis + random.nextLong(MAX_DELAY_MILLIS + 1), MAX_DELAY_MILLIS);
			int retries = 1 + random.nextInt(2_000);
			Duration max = capped ? Duration.ofMillis(maxMillis) : null;
			Duration cap = (max != null) ? max : Backoff.MAX_DELAY;
			Backoff backoff = Backoff.exponential(Duration.ofMillis(initialMillis), multiplier, max);
			String description = "seed " + SEED + ", case " + index + ": initial " + initialMillis + " ms, multiplier "
					+ multiplier + ", max " + max;

			Duration previous = Duration.ZERO;
			for (int retry = 1; retry <= retries; retry++) {
				Duration wait = backoff.delayBeforeRetry(retry, null, 0.5);
				assertThat(wait).as(description + ", retry " + retry).isBetween(previous, cap);
				previous = wait;
			}
		}
	}

	@Test
	void jitterStaysWithinItsRange() {
		SplittableRandom random = new SplittableRandom(SEED);
		for (int index = 0; index < CASES; index++) {
			long initialMillis = random.nextLong(MAX_DELAY_MILLIS + 1);
			double multiplier = 1 + random.nextDouble() * 99;
			int retry = 1 + random.nextInt(200);
			// Every tenth case takes an end of the range, 0 or 1, which random draws would rarely hit.
			double draw = random.nextDouble();
			if (index % 20 == 0) {
				draw = 0.0;
			}
			else if (index % 10 == 0) {
				draw = 1.0;
			}
			Duration previous = Duration.ofMillis(random.nextLong(MAX_DELAY_MILLIS + 1));
			Backoff backoff = Backoff.exponential(Duration.ofMillis(initialMillis), multiplier, null);
			String description = "seed " + SEED + ", case " + index + ": initial " + initialMillis + " ms, multiplier "
					+ multiplier + ", retry " + retry + ", random " + draw + ", previous " + previous;

			Duration base = backoff.delayBeforeRetry(retry, null, draw);
			Duration full = backoff.withJitter(Jitter.FULL).delayBeforeRetry(retry, previous, draw);
			Duration equal = backoff.withJitter(Jitter.EQUAL).delayBeforeRetry(retry, previous, draw);
			Duration decorrelated = backoff.withJitter(Jitter.DECORRELATED).delayBeforeRetry(retry, previous, draw);

			assertThat(full).as(description).isBetween(Duration.ZERO, base);
			assertThat(equal).as(description).isBetween(base.dividedBy(2), base);
			assertThat(decorrelated).as(description).isBetween(backoff.getInitialWait(), Backoff.MAX_DELAY);
			assertThat(decorrelated.toNanos()).as(description)
				.isLessThanOrEqualTo(Math.max(backoff.getInitialWait().toNanos(), 3 * previous.toNanos()));
		}
	}

}
