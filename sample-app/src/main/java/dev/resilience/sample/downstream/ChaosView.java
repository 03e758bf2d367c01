package dev.resilience.sample.downstream;

/**
 * Body returned by {@code GET /chaos} and {@code PUT /chaos}: the settings now in force.
 *
 * @param failureRate share of requests that fail, from 0.0 to 1.0
 * @param latency delay added to each request, such as {@code "200ms"}
 */
public record ChaosView(double failureRate, String latency) {

	/**
	 * Creates the view of the given settings.
	 * @param settings the settings
	 * @return the view
	 */
	public static ChaosView of(ChaosSettings settings) {
		return new ChaosView(settings.failureRate(), settings.formattedLatency());
	}

}
