package dev.resilience.spring.health;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.breaker.CircuitBreaker.State;
import dev.resilience.core.breaker.CircuitBreakerConfig;
import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.core.time.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BreakersHealth}.
 */
class BreakersHealthTests {

	private final ManualClock clock = new ManualClock();

	private final CircuitBreakerRegistry registry = new CircuitBreakerRegistry(CircuitBreakerConfig.custom()
		.slidingWindowSize(4)
		.minimumNumberOfCalls(2)
		.waitDurationInOpenState(Duration.ofSeconds(10))
		.ticker(this.clock)
		.scheduler(this.clock)
		.build());

	@ParameterizedTest
	@CsvSource({ "CLOSED, UP", "METRICS_ONLY, UP", "DISABLED, UP", "HALF_OPEN, UNKNOWN", "OPEN, CIRCUIT_OPEN",
			"FORCED_OPEN, CIRCUIT_OPEN" })
	void stateMapsToStatus(State state, String status) {
		assertThat(BreakersHealth.statusOf(state)).isEqualTo(status);
		CircuitBreaker breaker = this.registry.circuitBreaker("payments");
		moveTo(breaker, state);
		BreakersHealth.Result result = new BreakersHealth(this.registry, Set.of("payments")).check();
		assertThat(result.status()).isEqualTo(status);
		assertThat(detail(result, "payments")).containsEntry("status", status).containsEntry("state", state.name());
	}

	@Test
	void worstStatusWins() {
		this.registry.circuitBreaker("accounts");
		moveTo(this.registry.circuitBreaker("ledger"), State.HALF_OPEN);
		BreakersHealth health = new BreakersHealth(this.registry, Set.of(BreakersHealth.ALL));
		assertThat(health.check().status()).isEqualTo("UNKNOWN");
		this.registry.circuitBreaker("payments").transitionToOpen();
		assertThat(health.check().status()).isEqualTo("CIRCUIT_OPEN");
		assertThat(health.check().details().keySet()).containsExactly("accounts", "ledger", "payments");
	}

	@Test
	void onlyIncludedBreakersReported() {
		this.registry.circuitBreaker("accounts").transitionToForcedOpen();
		this.registry.circuitBreaker("payments");
		BreakersHealth.Result result = new BreakersHealth(this.registry, Set.of("payments", "missing")).check();
		assertThat(result.status()).isEqualTo("UP");
		assertThat(result.details().keySet()).containsExactly("payments");
		assertThat(this.registry.find("missing")).isEmpty();
	}

	@Test
	void noIncludedBreakerIsUp() {
		this.registry.circuitBreaker("payments").transitionToForcedOpen();
		BreakersHealth.Result result = new BreakersHealth(this.registry, Set.of()).check();
		assertThat(result.status()).isEqualTo("UP");
		assertThat(result.details()).isEmpty();
	}

	@Test
	void detailsCarryWindowAndTransitionTime() {
		CircuitBreaker breaker = this.registry.circuitBreaker("payments");
		breaker.onError(breaker.acquirePermission(), 1_000, new IllegalStateException("down"));
		breaker.onSuccess(breaker.acquirePermission(), 1_000);
		Map<String, Object> detail = detail(new BreakersHealth(this.registry, Set.of("payments")).check(), "payments");
		assertThat(detail).containsEntry("failureRate", 50f)
			.containsEntry("slowCallRate", 0f)
			.containsEntry("bufferedCalls", 2)
			.containsEntry("failedCalls", 1)
			.containsEntry("notPermittedCalls", 0L)
			.containsEntry("lastTransitionTime", breaker.getLastTransitionTime().toString());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> detail(BreakersHealth.Result result, String name) {
		return (Map<String, Object>) result.details().get(name);
	}

	private void moveTo(CircuitBreaker breaker, State state) {
		switch (state) {
			case CLOSED -> breaker.transitionToClosed();
			case OPEN -> breaker.transitionToOpen();
			case HALF_OPEN -> {
				breaker.transitionToOpen();
				this.clock.advance(Duration.ofSeconds(11));
				breaker.releasePermission(breaker.acquirePermission());
			}
			case FORCED_OPEN -> breaker.transitionToForcedOpen();
			case DISABLED -> breaker.transitionToDisabled();
			case METRICS_ONLY -> breaker.transitionToMetricsOnly();
		}
		assertThat(breaker.getState()).isEqualTo(state);
	}

}
