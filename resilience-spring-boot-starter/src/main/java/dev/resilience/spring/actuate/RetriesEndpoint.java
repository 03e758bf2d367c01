package dev.resilience.spring.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.resilience.core.retry.Retry;
import dev.resilience.core.retry.RetryMetrics;
import dev.resilience.core.retry.RetryRegistry;
import dev.resilience.spring.config.ConfigDescriptions;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * Actuator endpoint {@code retries} that reports the effective configuration and the outcome counts
 * of each retry instance. It only reads the registry, so it never creates a retry instance.
 * <p>
 * The counts are kept by the retry instance since it was created: each execution counts once,
 * under its outcome, when it ends, and {@code attempts} counts every attempt started, first
 * attempts included. Responses are records of plain values and maps. This class is thread-safe.
 *
 * @since 0.1.0
 */
@Endpoint(id = "retries")
public class RetriesEndpoint {

	private final RetryRegistry registry;

	/**
	 * Creates the endpoint.
	 * @param registry the registry whose retry instances are reported
	 */
	public RetriesEndpoint(RetryRegistry registry) {
		this.registry = Objects.requireNonNull(registry, "registry must not be null");
	}

	/**
	 * Reports every retry instance, sorted by name.
	 * @return the retry instances
	 */
	@ReadOperation
	public RetriesDescriptor retries() {
		Map<String, RetryDescriptor> retries = new LinkedHashMap<>();
		for (Retry retry : this.registry.getAll()) {
			retries.put(retry.getName(), RetryDescriptor.of(retry));
		}
		return new RetriesDescriptor(retries);
	}

	/**
	 * Reports one retry instance.
	 * @param name the retry name
	 * @return the retry instance, or {@code null}, which the endpoint turns into 404, when none has
	 * that name
	 */
	@ReadOperation
	public RetryDescriptor retry(@Selector String name) {
		return this.registry.find(name).map(RetryDescriptor::of).orElse(null);
	}

	/**
	 * All retry instances, by name.
	 *
	 * @param retries the retry instances in name order
	 */
	public record RetriesDescriptor(Map<String, RetryDescriptor> retries) {
	}

	/**
	 * The outcome counts and effective configuration of one retry instance.
	 *
	 * @param successWithoutRetry the executions whose first attempt succeeded
	 * @param successWithRetry the executions that succeeded after at least one retry
	 * @param failureWithRetry the executions that failed after at least one retry
	 * @param failureWithoutRetry the executions that failed on their first attempt without a retry
	 * @param attempts the attempts started by all executions, first attempts included
	 * @param config the effective configuration, with durations as ISO-8601 strings
	 */
	public record RetryDescriptor(long successWithoutRetry, long successWithRetry, long failureWithRetry,
			long failureWithoutRetry, long attempts, Map<String, Object> config) {

		static RetryDescriptor of(Retry retry) {
			RetryMetrics metrics = retry.getMetrics();
			return new RetryDescriptor(metrics.successWithoutRetry(), metrics.successWithRetry(),
					metrics.failureWithRetry(), metrics.failureWithoutRetry(), metrics.attempts(),
					ConfigDescriptions.describe(retry.getConfig()));
		}

	}

}
