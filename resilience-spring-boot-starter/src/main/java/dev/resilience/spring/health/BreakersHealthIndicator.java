package dev.resilience.spring.health;

import java.util.Objects;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code breakers} health indicator for Spring Boot 4, whose health types live in
 * {@code org.springframework.boot.health.contributor}. It reports the result of
 * {@link BreakersHealth}.
 * <p>
 * This class is thread-safe.
 *
 * @since 0.1.0
 */
public class BreakersHealthIndicator implements HealthIndicator {

	private final BreakersHealth breakersHealth;

	/**
	 * Creates the indicator.
	 * @param breakersHealth the check of the opted-in breakers
	 */
	public BreakersHealthIndicator(BreakersHealth breakersHealth) {
		this.breakersHealth = Objects.requireNonNull(breakersHealth, "breakersHealth must not be null");
	}

	@Override
	public Health health() {
		BreakersHealth.Result result = this.breakersHealth.check();
		return Health.status(result.status()).withDetails(result.details()).build();
	}

}
