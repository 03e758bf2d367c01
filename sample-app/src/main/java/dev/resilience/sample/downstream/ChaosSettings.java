package dev.resilience.sample.downstream;

import java.time.Duration;

import dev.resilience.sample.web.InvalidRequestValueException;

/**
 * Fault injection settings of the pricing API: the share of requests that fail and the delay
 * added before each response.
 *
 * @param failureRate share of requests that fail with HTTP 503, from 0.0 (none) to 1.0 (all)
 * @param latency delay added to every request before the response, from zero to
 * {@link #MAX_LATENCY}
 */
public record ChaosSettings(double failureRate, Duration latency) {

	/** Largest accepted latency, so that a typo cannot hold request threads for minutes. */
	public static final Duration MAX_LATENCY = Duration.ofSeconds(30);

	/** Settings that inject no fault. */
	public static final ChaosSettings NONE = new ChaosSettings(0.0, Duration.ZERO);

	/**
	 * Creates settings after checking both values.
	 * @throws InvalidRequestValueException if {@code failureRate} is outside [0.0, 1.0] or
	 * {@code latency} is negative or longer than {@link #MAX_LATENCY}
	 */
	public ChaosSettings {
		if (!(failureRate >= 0.0 && failureRate <= 1.0)) {
			throw new InvalidRequestValueException("failureRate", failureRate,
					"failureRate must be between 0.0 and 1.0 inclusive, but was " + failureRate
							+ ". Use for example 0.5 to fail half of the requests");
		}
		if (latency == null || latency.isNegative() || latency.compareTo(MAX_LATENCY) > 0) {
			throw new InvalidRequestValueException("latency", print(latency),
					"latency must be between 0ms and " + print(MAX_LATENCY) + ", but was "
							+ print(latency) + ". Use for example \"200ms\" or \"2s\"");
		}
	}

	/**
	 * Returns the latency in a format accepted by {@code PUT /chaos}, such as {@code 200ms} or
	 * {@code 2s}.
	 * @return the formatted latency
	 */
	public String formattedLatency() {
		return print(this.latency);
	}

	/**
	 * Formats a duration in whole seconds or milliseconds where it has no smaller part, and in
	 * ISO-8601 otherwise, so that the text parses back to the same duration.
	 */
	private static String print(Duration duration) {
		if (duration == null) {
			return "null";
		}
		if (duration.toNanosPart() % 1_000_000 != 0) {
			return duration.toString();
		}
		long millis = duration.toMillis();
		return (millis != 0 && millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

}
