package dev.resilience.spring.dashboard;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the live dashboard page, bound from {@code resilience.dashboard.*}.
 * <p>
 * This class is a mutable JavaBean for the binder and is not thread-safe.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("resilience.dashboard")
public class ResilienceDashboardProperties {

	/**
	 * Whether to serve the live dashboard page at /resilience/dashboard.html in a servlet web
	 * application. The page reads the breakers endpoint, which must be exposed too.
	 */
	private boolean enabled;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
