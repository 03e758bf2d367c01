package dev.resilience.sample.downstream;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FaultInjector}.
 */
class FaultInjectorTests {

	private static final double LARGEST_BELOW_ONE = Math.nextDown(1.0);

	@Test
	void zeroRateNeverFailsEvenAtSmallestDraw() {
		FaultInjector injector = new FaultInjector(() -> 0.0);

		assertThat(injector.shouldFail(settings(0.0))).isFalse();
	}

	@Test
	void fullRateAlwaysFailsEvenAtLargestDraw() {
		FaultInjector injector = new FaultInjector(() -> LARGEST_BELOW_ONE);

		assertThat(injector.shouldFail(settings(1.0))).isTrue();
	}

	@Test
	void partialRateFailsDrawsBelowIt() {
		assertThat(new FaultInjector(() -> 0.29).shouldFail(settings(0.3))).isTrue();
		assertThat(new FaultInjector(() -> 0.3).shouldFail(settings(0.3))).isFalse();
	}

	@Test
	void defaultRandomHonoursBothEnds() {
		FaultInjector injector = new FaultInjector();

		assertThat(IntStream.range(0, 10_000).filter((i) -> injector.shouldFail(settings(0.0))).count()).isZero();
		assertThat(IntStream.range(0, 10_000).filter((i) -> injector.shouldFail(settings(1.0))).count())
			.isEqualTo(10_000);
	}

	@Test
	void updateReplacesSettings() {
		FaultInjector injector = new FaultInjector();
		assertThat(injector.getSettings()).isEqualTo(ChaosSettings.NONE);

		ChaosSettings updated = injector.update((current) -> new ChaosSettings(0.5, Duration.ofMillis(20)));

		assertThat(updated).isEqualTo(new ChaosSettings(0.5, Duration.ofMillis(20)));
		assertThat(injector.getSettings()).isEqualTo(updated);
	}

	private static ChaosSettings settings(double failureRate) {
		return new ChaosSettings(failureRate, Duration.ZERO);
	}

}
