package dev.resilience.spring.health;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the {@code breakers} health indicator, bound from {@code management.health.breakers.*}
 * like Spring Boot's own health indicators.
 * <p>
 * This class is a mutable JavaBean for the binder and is not thread-safe.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("management.health.breakers")
public class BreakersHealthProperties {

	/**
	 * Whether to add the breakers health indicator. Off by default, because an open breaker for one
	 * dependency should not take the whole instance out of service.
	 */
	private boolean enabled;

	/**
	 * Names of the circuit breakers the health indicator reports, or * for all. Empty reports none.
	 */
	private Set<String> include = new LinkedHashSet<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Set<String> getInclude() {
		return this.include;
	}

	public void setInclude(Set<String> include) {
		this.include = include;
	}

}
