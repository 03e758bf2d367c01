package dev.resilience.core.retry;

import java.time.Duration;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of {@link Backoff} over random inputs: waits stay between zero and the cap, never
 * decrease before jitter, and each jitter stays within its documented range.
 */
class BackoffProperties {

	/** {@link Backoff#MAX_DELAY} in milliseconds, as a constant that annotations accept. */
	private static final long MAX_DELAY_MILLIS = 86_400_000L;

	@Property(tries = 1)
	void maxDelayConstantMatchesBackoff() {
		assertThat(Duration.ofMillis(MAX_DELAY_MILLIS)).isEqualTo(Backoff.MAX_DELAY);
	}

	@Property
	void waitsStayWithinCapAndNeverDecrease(@ForAll @LongRange(min = 0, max = MAX_DELAY_MILLIS) long initialMillis,
			@ForAll @DoubleRange(min = 1, max = 1_000) double multiplier,
			@ForAll @LongRange(min = 0, max = MAX_DELAY_MILLIS) long extraMaxMillis,
			@ForAll boolean capped, @ForAll @IntRange(min = 1, max = 2_000) int retries) {
		Duration initial = Duration.ofMillis(initialMillis);
		Duration max = capped ? Duration.ofMillis(Math.min(initialMillis + extraMaxMillis, MAX_DELAY_MILLIS)) : null;
		Duration cap = (max != null) ? max : Backoff.MAX_DELAY;
		Backoff backoff = Backoff.exponential(initial, multiplier, max);

		Duration previous = Duration.ZERO;
		for (int retry = 1; retry <= retries; retry++) {
			Duration wait = backoff.delayBeforeRetry(retry, null, 0.5);
			assertThat(wait).isBetween(previous, cap);
			previous = wait;
		}
	}

	@Property
	void jitterStaysWithinItsRange(@ForAll @LongRange(min = 0, max = MAX_DELAY_MILLIS) long initialMillis,
			@ForAll @DoubleRange(min = 1, max = 100) double multiplier,
			@ForAll @IntRange(min = 1, max = 200) int retry,
			@ForAll @DoubleRange(min = 0, max = 1) double random,
			@ForAll @LongRange(min = 0, max = MAX_DELAY_MILLIS) long previousMillis) {
		Backoff backoff = Backoff.exponential(Duration.ofMillis(initialMillis), multiplier, null);
		Duration base = backoff.delayBeforeRetry(retry, null, random);
		Duration previous = Duration.ofMillis(previousMillis);

		Duration full = backoff.withJitter(Jitter.FULL).delayBeforeRetry(retry, previous, random);
		Duration equal = backoff.withJitter(Jitter.EQUAL).delayBeforeRetry(retry, previous, random);
		Duration decorrelated = backoff.withJitter(Jitter.DECORRELATED).delayBeforeRetry(retry, previous, random);

		assertThat(full).isBetween(Duration.ZERO, base);
		assertThat(equal).isBetween(base.dividedBy(2), base);
		assertThat(decorrelated).isBetween(backoff.getInitialWait(), Backoff.MAX_DELAY);
		assertThat(decorrelated.toNanos())
			.isLessThanOrEqualTo(Math.max(backoff.getInitialWait().toNanos(), 3 * previous.toNanos()));
	}

}
