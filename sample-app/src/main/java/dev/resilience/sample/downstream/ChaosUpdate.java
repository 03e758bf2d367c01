package dev.resilience.sample.downstream;

import java.time.Duration;

import org.springframework.boot.convert.DurationStyle;

import dev.resilience.sample.web.InvalidRequestValueException;

/**
 * Body of {@code PUT /chaos}. Each field is optional, and a field left out keeps its current
 * value.
 *
 * @param failureRate share of requests that fail, from 0.0 to 1.0, or {@code null}
 * @param latency delay added to each request, such as {@code "200ms"}, {@code "2s"} or
 * {@code "PT0.5S"} (a bare number is read as milliseconds), or {@code null}
 */
public record ChaosUpdate(Double failureRate, String latency) {

	/**
	 * Applies this update to the current settings.
	 * @param current the settings before the update
	 * @return the settings after the update
	 * @throws InvalidRequestValueException if a field is not a valid value
	 */
	public ChaosSettings applyTo(ChaosSettings current) {
		double newFailureRate = (this.failureRate != null) ? this.failureRate : current.failureRate();
		Duration newLatency = (this.latency != null) ? parseLatency(this.latency) : current.latency();
		return new ChaosSettings(newFailureRate, newLatency);
	}

	private static Duration parseLatency(String value) {
		try {
			return DurationStyle.detectAndParse(value.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestValueException("latency", value, "latency must be a duration such as "
					+ "\"200ms\", \"2s\" or \"PT0.5S\", but was \"" + value + "\"");
		}
	}

}
