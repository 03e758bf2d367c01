package dev.resilience.spring.actuate;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.breaker.CircuitBreakerMetrics;
import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.spring.config.ConfigDescriptions;
import dev.resilience.spring.events.BreakerEvent;
import dev.resilience.spring.events.BreakerEventRecorder;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.lang.Nullable;

/**
 * Actuator endpoint {@code breakers} that reports the state, window and recent events of each
 * circuit breaker, and changes the state of one on request.
 * <p>
 * Reading never creates a breaker, and neither does writing: an unknown name is reported as not
 * found. The endpoint's default access is read-only, so the write operation is available only after
 * {@code management.endpoint.breakers.access=unrestricted}.
 * <p>
 * Responses are records of plain values and maps, so that both Jackson 2 and Jackson 3 write them
 * the same way. This class is thread-safe.
 *
 * @since 0.1.0
 */
@Endpoint(id = "breakers", defaultAccess = Access.READ_ONLY)
public class BreakersEndpoint {

	private final CircuitBreakerRegistry registry;

	private final BreakerEventRecorder eventRecorder;

	/**
	 * Creates an endpoint that reports no events.
	 * @param registry the registry whose breakers are reported
	 */
	public BreakersEndpoint(CircuitBreakerRegistry registry) {
		this(registry, null);
	}

	/**
	 * Creates the endpoint.
	 * @param registry the registry whose breakers are reported
	 * @param eventRecorder the recorder of the breakers' recent events, or {@code null} to report none
	 */
	public BreakersEndpoint(CircuitBreakerRegistry registry, BreakerEventRecorder eventRecorder) {
		this.registry = Objects.requireNonNull(registry, "registry must not be null");
		this.eventRecorder = eventRecorder;
	}

	/**
	 * Reports every breaker, sorted by name.
	 * @return the breakers
	 */
	@ReadOperation
	public BreakersDescriptor breakers() {
		Map<String, BreakerDescriptor> breakers = new LinkedHashMap<>();
		for (CircuitBreaker breaker : this.registry.getAll()) {
			breakers.put(breaker.getName(), BreakerDescriptor.of(breaker, events(breaker)));
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
		return this.registry.find(name)
			.map((breaker) -> BreakerDetailsDescriptor.of(breaker, events(breaker)))
			.orElse(null);
	}

	/**
	 * Changes the state of one breaker, or resets it. The request sets exactly one of
	 * {@code state} and {@code action}.
	 * @param name the breaker name
	 * @param state the requested state: {@code CLOSED}, {@code FORCED_OPEN}, {@code DISABLED} or
	 * {@code METRICS_ONLY}, in any letter case
	 * @param action the requested action: {@code reset}, which returns the breaker to a fresh closed
	 * state and clears its count of rejected calls
	 * @return the breaker after the change, or {@code null} when no breaker has that name
	 * @throws InvalidEndpointRequestException if the request sets neither or both, or an unknown
	 * state or action; its reason lists the valid values
	 */
	// The deprecated Spring @Nullable is the marker for optional parameters that both Spring Boot
	// 3.5 and 4.0 read; Spring Boot 3.5 does not read JSpecify's.
	@SuppressWarnings("deprecation")
	@WriteOperation
	public BreakerDetailsDescriptor update(@Selector String name, @Nullable String state, @Nullable String action) {
		CircuitBreaker breaker = this.registry.find(name).orElse(null);
		if (breaker == null) {
			return null;
		}
		change(name, state, action).accept(breaker);
		return BreakerDetailsDescriptor.of(breaker, events(breaker));
	}

	/**
	 * Returns the message for a request that names no existing breaker.
	 * @param name the requested name
	 * @return a message that lists the existing names
	 */
	String notFoundMessage(String name) {
		List<String> names = this.registry.getAll().stream().map(CircuitBreaker::getName).toList();
		return "No circuit breaker is named '" + name + "'; existing breakers: "
				+ (names.isEmpty() ? "none" : String.join(", ", names));
	}

	private List<BreakerEvent> events(CircuitBreaker breaker) {
		return (this.eventRecorder != null) ? this.eventRecorder.events(breaker) : List.of();
	}

	private static Consumer<CircuitBreaker> change(String name, String state, String action) {
		if (state == null && action == null) {
			throw invalid("Invalid request for circuit breaker '" + name + "': set either \"state\" to one of "
					+ RequestedState.validValues() + " or \"action\" to reset, for example {\"state\":\"FORCED_OPEN\"}");
		}
		if (state != null && action != null) {
			throw invalid("Invalid request for circuit breaker '" + name
					+ "': it sets both \"state\" and \"action\"; send only one of them");
		}
		if (action != null) {
			if (!"reset".equals(action.trim().toLowerCase(Locale.ROOT))) {
				throw invalid("Invalid action '" + action + "' for circuit breaker '" + name
						+ "': the only action is reset");
			}
			return CircuitBreaker::reset;
		}
		return RequestedState.parse(name, state).change;
	}

	private static InvalidEndpointRequestException invalid(String message) {
		return new InvalidEndpointRequestException(message, message);
	}

	/**
	 * The states that can be requested. {@code OPEN} and {@code HALF_OPEN} are left out because the
	 * breaker enters and leaves them on its own; {@code FORCED_OPEN} is the open state on request.
	 */
	private enum RequestedState {

		CLOSED(CircuitBreaker::transitionToClosed),

		FORCED_OPEN(CircuitBreaker::transitionToForcedOpen),

		DISABLED(CircuitBreaker::transitionToDisabled),

		METRICS_ONLY(CircuitBreaker::transitionToMetricsOnly);

		private final Consumer<CircuitBreaker> change;

		RequestedState(Consumer<CircuitBreaker> change) {
			this.change = change;
		}

		static RequestedState parse(String name, String state) {
			String normalized = state.trim().toUpperCase(Locale.ROOT);
			for (RequestedState candidate : values()) {
				if (candidate.name().equals(normalized)) {
					return candidate;
				}
			}
			throw invalid("Invalid state '" + state + "' for circuit breaker '" + name + "': the state must be one of "
					+ validValues());
		}

		static String validValues() {
			return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
		}

	}

	/**
	 * All breakers, by name.
	 *
	 * @param breakers the breakers in name order
	 */
	public record BreakersDescriptor(Map<String, BreakerDescriptor> breakers) {
	}

	/**
	 * The state, window and recent events of one breaker.
	 *
	 * @param state the state, such as {@code CLOSED}
	 * @param failureRate the failure rate in percent, or -1 while the window contains fewer calls than
	 * the minimum number of calls
	 * @param slowCallRate the slow-call rate in percent, or -1 like the failure rate
	 * @param bufferedCalls the number of calls in the window
	 * @param failedCalls the number of failed calls in the window
	 * @param slowCalls the number of slow calls in the window, failed or not
	 * @param notPermittedCalls the number of rejected calls since the breaker was created or reset
	 * @param lastTransitionTime when the breaker last changed state, or was created, as an ISO-8601
	 * instant
	 * @param events the recent events, oldest first
	 */
	public record BreakerDescriptor(String state, float failureRate, float slowCallRate, int bufferedCalls,
			int failedCalls, int slowCalls, long notPermittedCalls, String lastTransitionTime,
			List<BreakerEvent> events) {

		static BreakerDescriptor of(CircuitBreaker breaker, List<BreakerEvent> events) {
			CircuitBreakerMetrics metrics = breaker.getMetrics();
			return new BreakerDescriptor(breaker.getState().name(), metrics.failureRate(), metrics.slowCallRate(),
					metrics.bufferedCalls(), metrics.failedCalls(), metrics.slowCalls(), metrics.notPermittedCalls(),
					breaker.getLastTransitionTime().toString(), events);
		}

	}

	/**
	 * The state, window, recent events and effective configuration of one breaker.
	 *
	 * @param state the state, such as {@code CLOSED}
	 * @param failureRate the failure rate in percent, or -1 while the window contains fewer calls than
	 * the minimum number of calls
	 * @param slowCallRate the slow-call rate in percent, or -1 like the failure rate
	 * @param bufferedCalls the number of calls in the window
	 * @param failedCalls the number of failed calls in the window
	 * @param slowCalls the number of slow calls in the window, failed or not
	 * @param notPermittedCalls the number of rejected calls since the breaker was created or reset
	 * @param lastTransitionTime when the breaker last changed state, or was created, as an ISO-8601
	 * instant
	 * @param events the recent events, oldest first
	 * @param config the effective configuration, with durations as ISO-8601 strings
	 */
	public record BreakerDetailsDescriptor(String state, float failureRate, float slowCallRate, int bufferedCalls,
			int failedCalls, int slowCalls, long notPermittedCalls, String lastTransitionTime,
			List<BreakerEvent> events, Map<String, Object> config) {

		static BreakerDetailsDescriptor of(CircuitBreaker breaker, List<BreakerEvent> events) {
			BreakerDescriptor summary = BreakerDescriptor.of(breaker, events);
			return new BreakerDetailsDescriptor(summary.state(), summary.failureRate(), summary.slowCallRate(),
					summary.bufferedCalls(), summary.failedCalls(), summary.slowCalls(), summary.notPermittedCalls(),
					summary.lastTransitionTime(), summary.events(), ConfigDescriptions.describe(breaker.getConfig()));
		}

	}

}
