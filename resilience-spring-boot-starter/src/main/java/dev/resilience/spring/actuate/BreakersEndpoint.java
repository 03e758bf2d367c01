package dev.resilience.spring.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.breaker.CircuitBreakerMetrics;
import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.spring.config.ConfigDescriptions;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * Actuator endpoint {@code breakers} that reports the state and window of each circuit breaker.
 * It only reads the registry, so it never creates a breaker.
 * <p>
 * Responses are records of plain values and maps, so that both Jackson 2 and Jackson 3 write them
 * the same way. This class is thread-safe.
 *
 * @since 0.1.0
 */
@Endpoint(id = "breakers")
public class BreakersEndpoint {

	private final CircuitBreakerRegistry registry;

	/**
	 * Creates the endpoint.
	 * @param registry the registry whose breakers are reported
	 */
	public BreakersEndpoint(CircuitBreakerRegistry registry) {
		this.registry = Objects.requireNonNull(registry, "registry must not be null");
	}

	/**
	 * Reports every breaker, sorted by name.
	 * @return the breakers
	 */
	@ReadOperation
	public BreakersDescriptor breakers() {
		Map<String, BreakerDescriptor> breakers = new LinkedHashMap<>();
		for (CircuitBreaker breaker : this.registry.getAll()) {
			breakers.put(breaker.getName(), BreakerDescriptor.of(breaker));
		}
		return new BreakersDescriptor(breakers);
	}

	/**
	 * Reports one breaker with its effective configuration.
	 * @param name the breaker name
	 * @return the breaker, or {@code null}, which the endpoint turns into 404, when no breaker has
	 * that name
	 */
	@ReadOperation
	public BreakerDetailsDescriptor breaker(@Selector String name) {
		return this.registry.find(name).map(BreakerDetailsDescriptor::of).orElse(null);
	}

	/**
	 * All breakers, by name.
	 *
	 * @param breakers the breakers in name order
	 */
	public record BreakersDescriptor(Map<String, BreakerDescriptor> breakers) {
	}

	/**
	 * The state and window of one breaker.
	 *
	 * @param state the state, such as {@code CLOSED}
	 * @param failureRate the failure rate in percent, or -1 while the window contains fewer calls than
	 * the minimum number of calls
	 * @param bufferedCalls the number of calls in the window
	 * @param failedCalls the number of failed calls in the window
	 * @param notPermittedCalls the number of rejected calls since the breaker was created or reset
	 */
	public record BreakerDescriptor(String state, float failureRate, int bufferedCalls, int failedCalls,
			long notPermittedCalls) {

		static BreakerDescriptor of(CircuitBreaker breaker) {
			CircuitBreakerMetrics metrics = breaker.getMetrics();
			return new BreakerDescriptor(breaker.getState().name(), metrics.failureRate(), metrics.bufferedCalls(),
					metrics.failedCalls(), metrics.notPermittedCalls());
		}

	}

	/**
	 * The state, window and effective configuration of one breaker.
	 *
	 * @param state the state, such as {@code CLOSED}
	 * @param failureRate the failure rate in percent, or -1 while the window contains fewer calls than
	 * the minimum number of calls
	 * @param bufferedCalls the number of calls in the window
	 * @param failedCalls the number of failed calls in the window
	 * @param notPermittedCalls the number of rejected calls since the breaker was created or reset
	 * @param config the effective configuration, with durations as ISO-8601 strings
	 */
	public record BreakerDetailsDescriptor(String state, float failureRate, int bufferedCalls, int failedCalls,
			long notPermittedCalls, Map<String, Object> config) {

		static BreakerDetailsDescriptor of(CircuitBreaker breaker) {
			BreakerDescriptor summary = BreakerDescriptor.of(breaker);
			return new BreakerDetailsDescriptor(summary.state(), summary.failureRate(), summary.bufferedCalls(),
					summary.failedCalls(), summary.notPermittedCalls(),
					ConfigDescriptions.describe(breaker.getConfig()));
		}

	}

}
