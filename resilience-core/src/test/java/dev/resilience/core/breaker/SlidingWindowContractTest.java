package dev.resilience.core.breaker;

import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.resilience.core.time.Ticker;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One contract, run against both window kinds: a count window large enough and a time window long
 * enough to hold every call of each case.
 */
class SlidingWindowContractTest {

	private static final Ticker TIME_ZERO = () -> 0;

	private static final int SUCCESS = WindowCounts.RECORDED;

	private static final int FAILURE = WindowCounts.RECORDED | WindowCounts.FAILED;

	private static final int SLOW = WindowCounts.RECORDED | WindowCounts.SLOW;

	static Stream<Arguments> windows() {
		Function<Thresholds, SlidingWindow> count = (thresholds) -> new CountBasedWindow(100, thresholds);
		Function<Thresholds, SlidingWindow> time = (thresholds) -> new TimeBasedWindow(60, thresholds);
		return Stream.of(Arguments.of("count-based", count), Arguments.of("time-based", time));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("windows")
	void belowMinimumNeverTrips(String kind, Function<Thresholds, SlidingWindow> factory) {
		SlidingWindow window = factory.apply(new Thresholds(50, 100, 5));
		for (int i = 0; i < 4; i++) {
			assertThat(window.record(TIME_ZERO, FAILURE)).isEqualTo(Thresholds.NONE);
		}
		CircuitBreakerMetrics metrics = window.metrics(0, 0);
		assertThat(metrics.failureRate()).isEqualTo(-1f);
		assertThat(metrics.bufferedCalls()).isEqualTo(4);
		assertThat(metrics.failedCalls()).isEqualTo(4);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("windows")
	void tripsAtThresholdNotBelow(String kind, Function<Thresholds, SlidingWindow> factory) {
		SlidingWindow window = factory.apply(new Thresholds(50, 100, 4));
		window.record(TIME_ZERO, SUCCESS);
		window.record(TIME_ZERO, SUCCESS);
		window.record(TIME_ZERO, FAILURE);
		assertThat(window.record(TIME_ZERO, SUCCESS)).isEqualTo(Thresholds.NONE);
		assertThat(window.metrics(0, 0).failureRate()).isEqualTo(25f);
		assertThat(window.record(TIME_ZERO, FAILURE)).isEqualTo(Thresholds.NONE);
		assertThat(window.metrics(0, 0).failureRate()).isEqualTo(40f);
		assertThat(window.record(TIME_ZERO, FAILURE)).isEqualTo(Thresholds.FAILURE_RATE);
		assertThat(window.metrics(0, 0).failureRate()).isEqualTo(50f);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("windows")
	void slowCallRateTripsSeparately(String kind, Function<Thresholds, SlidingWindow> factory) {
		SlidingWindow window = factory.apply(new Thresholds(50, 50, 5));
		window.record(TIME_ZERO, SLOW);
		window.record(TIME_ZERO, SLOW);
		window.record(TIME_ZERO, SUCCESS);
		window.record(TIME_ZERO, SUCCESS);
		assertThat(window.record(TIME_ZERO, SUCCESS)).isEqualTo(Thresholds.NONE);
		assertThat(window.metrics(0, 0).slowCallRate()).isEqualTo(40f);
		assertThat(window.record(TIME_ZERO, SLOW | FAILURE)).isEqualTo(Thresholds.SLOW_CALL_RATE);
		CircuitBreakerMetrics metrics = window.metrics(0, 0);
		assertThat(metrics.slowCallRate()).isEqualTo(50f);
		assertThat(metrics.slowCalls()).isEqualTo(3);
		assertThat(metrics.failedCalls()).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("windows")
	void bothThresholdsCanTripTogether(String kind, Function<Thresholds, SlidingWindow> factory) {
		SlidingWindow window = factory.apply(new Thresholds(100, 100, 1));
		assertThat(window.record(TIME_ZERO, SLOW | FAILURE)).isEqualTo(Thresholds.FAILURE_RATE | Thresholds.SLOW_CALL_RATE);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("windows")
	void snapshotCopiesRejectedCount(String kind, Function<Thresholds, SlidingWindow> factory) {
		SlidingWindow window = factory.apply(new Thresholds(50, 100, 1));
		assertThat(window.metrics(Duration.ofSeconds(1).toNanos(), 42).notPermittedCalls()).isEqualTo(42);
		assertThat(window.metrics(0, 0).bufferedCalls()).isZero();
	}

}
