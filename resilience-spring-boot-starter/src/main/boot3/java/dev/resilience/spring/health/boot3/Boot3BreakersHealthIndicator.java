package dev.resilience.spring.health.boot3;

import java.util.Objects;

import dev.resilience.spring.health.BreakersHealth;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The {@code breakers} health indicator for Spring Boot 3.5, whose health types live in
 * {@code org.springframework.boot.actuate.health}. It reports the result of
 * {@link BreakersHealth}, like the Spring Boot 4 indicator.
 * <p>
 * This class is thread-safe.
 *
 * @since 0.1.0
 */
public class Boot3BreakersHealthIndicator implements HealthIndicator {

	private final BreakersHealth breakersHealth;

	/**
	 * Creates the indicator.
	 * @param breakersHealth the check of the opted-in breakers
	 */
	public Boot3BreakersHealthIndicator(BreakersHealth breakersHealth) {
		this.breakersHealth = Objects.requireNonNull(breakersHealth, "breakersHealth must not be null");
	}

	@Override
	public Health health() {
		BreakersHealth.Result result = this.breakersHealth.check();
		return Health.status(result.status()).withDetails(result.details()).build();
	}

}
