package dev.resilience.spring.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.breaker.CircuitBreakerMetrics;
import dev.resilience.core.breaker.CircuitBreakerRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Computes the health of the opted-in circuit breakers as a status code and details, without any
 * Spring Boot health type, so that the indicator of each Spring Boot line only converts the result.
 * <p>
 * Status per breaker: {@code CLOSED}, {@code METRICS_ONLY} and {@code DISABLED} are {@code UP},
 * because calls go through; {@code HALF_OPEN} is {@code UNKNOWN}, because trial calls are still
 * deciding; {@code OPEN} and {@code FORCED_OPEN} are {@value #CIRCUIT_OPEN}. The overall status is
 * the worst of these in the order {@value #CIRCUIT_OPEN}, {@code UNKNOWN}, {@code UP}, and
 * {@code UP} when no opted-in breaker exists.
 * <p>
 * {@value #CIRCUIT_OPEN} is not in Spring Boot's default status order, so the aggregated health of
 * the application ignores it and stays {@code UP}. A health group that lists it in its own status
 * order makes it count there.
 * <p>
 * This class is thread-safe. It only reads the registry and never creates a breaker.
 *
 * @since 0.1.0
 */
public final class BreakersHealth {

	/**
	 * The status code of an open breaker.
	 */
	public static final String CIRCUIT_OPEN = "CIRCUIT_OPEN";

	/**
	 * The include entry that opts in every breaker.
	 */
	public static final String ALL = "*";

	private static final String UP = "UP";

	private static final String UNKNOWN = "UNKNOWN";

	private static final Log logger = LogFactory.getLog(BreakersHealth.class);

	private final CircuitBreakerRegistry registry;

	private final Set<String> include;

	/**
	 * Creates the check.
	 * @param registry the registry whose breakers are checked
	 * @param include the names of the breakers to report, or {@value #ALL} for every breaker
	 */
	public BreakersHealth(CircuitBreakerRegistry registry, Set<String> include) {
		this.registry = registry;
		this.include = Set.copyOf(include);
		if (this.include.isEmpty()) {
			logger.warn("The breakers health indicator is enabled but reports no circuit breaker; set "
					+ "management.health.breakers.include to breaker names, or to * for all");
		}
	}

	/**
	 * Checks the opted-in breakers that exist now.
	 * @return the status code and a detail entry per breaker, in name order
	 */
	public Result check() {
		List<CircuitBreaker> breakers = new ArrayList<>();
		for (CircuitBreaker breaker : this.registry.getAll()) {
			if (this.include.contains(ALL) || this.include.contains(breaker.getName())) {
				breakers.add(breaker);
			}
		}
		String overall = UP;
		Map<String, Object> details = new LinkedHashMap<>();
		for (CircuitBreaker breaker : breakers) {
			CircuitBreaker.State state = breaker.getState();
			String status = statusOf(state);
			if (severity(status) > severity(overall)) {
				overall = status;
			}
			details.put(breaker.getName(), describe(breaker, state, status));
		}
		return new Result(overall, details);
	}

	/**
	 * Returns the status code of one breaker state.
	 * @param state the state
	 * @return {@code UP}, {@code UNKNOWN} or {@value #CIRCUIT_OPEN}
	 */
	public static String statusOf(CircuitBreaker.State state) {
		return switch (state) {
			case OPEN, FORCED_OPEN -> CIRCUIT_OPEN;
			case HALF_OPEN -> UNKNOWN;
			case CLOSED, METRICS_ONLY, DISABLED -> UP;
		};
	}

	private static int severity(String status) {
		return switch (status) {
			case CIRCUIT_OPEN -> 2;
			case UNKNOWN -> 1;
			default -> 0;
		};
	}

	private static Map<String, Object> describe(CircuitBreaker breaker, CircuitBreaker.State state, String status) {
		CircuitBreakerMetrics metrics = breaker.getMetrics();
		Map<String, Object> detail = new LinkedHashMap<>();
		detail.put("status", status);
		detail.put("state", state.name());
		detail.put("failureRate", metrics.failureRate());
		detail.put("slowCallRate", metrics.slowCallRate());
		detail.put("bufferedCalls", metrics.bufferedCalls());
		detail.put("failedCalls", metrics.failedCalls());
		detail.put("notPermittedCalls", metrics.notPermittedCalls());
		detail.put("lastTransitionTime", breaker.getLastTransitionTime().toString());
		return detail;
	}

	/**
	 * The outcome of a check.
	 *
	 * @param status the overall status code
	 * @param details a map per breaker name with its status, state, rates and window counts
	 */
	public record Result(String status, Map<String, Object> details) {
	}

}
