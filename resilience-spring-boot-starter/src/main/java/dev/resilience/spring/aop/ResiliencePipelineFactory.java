package dev.resilience.spring.aop;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.breaker.CircuitBreakerConfig;
import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.core.retry.Retry;
import dev.resilience.core.retry.RetryConfig;
import dev.resilience.core.retry.RetryRegistry;
import dev.resilience.spring.annotation.CircuitGuarded;
import dev.resilience.spring.annotation.Retryable;
import dev.resilience.spring.config.BreakerConfigResolver;
import dev.resilience.spring.config.ConfigDescriptions;
import dev.resilience.spring.config.RetryConfigResolver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.StringUtils;

/**
 * Builds the {@link ResiliencePipeline} of an advised method: finds its annotations, resolves the
 * configurations, takes the retry and breaker from their registries and resolves the fallback.
 * <p>
 * Several methods may name the same instance. The registry keeps the configuration of the first
 * method that creates it. A later method that resolves a different configuration is logged once
 * at WARN, because its own annotation attributes then have no effect.
 * <p>
 * This class is thread-safe.
 *
 * @since 0.1.0
 */
public class ResiliencePipelineFactory {

	private static final Log logger = LogFactory.getLog(ResiliencePipelineFactory.class);

	private final RetryRegistry retryRegistry;

	private final RetryConfigResolver retryConfigResolver;

	private final CircuitBreakerRegistry breakerRegistry;

	private final BreakerConfigResolver breakerConfigResolver;

	private final Map<String, ResolvedInstance> resolvedRetries = new ConcurrentHashMap<>();

	private final Map<String, ResolvedInstance> resolvedBreakers = new ConcurrentHashMap<>();

	/**
	 * Creates a factory.
	 * @param retryRegistry the registry that contains the retry instances
	 * @param retryConfigResolver resolves a retry configuration from properties and an annotation
	 * @param breakerRegistry the registry that contains the circuit breakers
	 * @param breakerConfigResolver resolves a breaker configuration from properties and an annotation
	 */
	public ResiliencePipelineFactory(RetryRegistry retryRegistry, RetryConfigResolver retryConfigResolver,
			CircuitBreakerRegistry breakerRegistry, BreakerConfigResolver breakerConfigResolver) {
		this.retryRegistry = Objects.requireNonNull(retryRegistry, "retryRegistry must not be null");
		this.retryConfigResolver = Objects.requireNonNull(retryConfigResolver, "retryConfigResolver must not be null");
		this.breakerRegistry = Objects.requireNonNull(breakerRegistry, "breakerRegistry must not be null");
		this.breakerConfigResolver = Objects.requireNonNull(breakerConfigResolver,
				"breakerConfigResolver must not be null");
	}

	/**
	 * Builds the pipeline of a method.
	 * @param specificMethod the method of the bean class, as returned by
	 * {@code AopUtils.getMostSpecificMethod}
	 * @param targetClass the bean class
	 * @return the pipeline; without annotations it calls the method directly
	 * @throws IllegalStateException if the fallback is declared twice or cannot be resolved, or the
	 * return type is an unsupported subtype of {@link CompletionStage}, {@code Mono} or {@code Flux}
	 * @throws dev.resilience.spring.config.InvalidResiliencePropertyException if a resolved setting
	 * is invalid
	 */
	ResiliencePipeline create(Method specificMethod, Class<?> targetClass) {
		String methodName = ResilienceAnnotations.methodName(specificMethod, targetClass);
		Retryable retryable = ResilienceAnnotations.find(specificMethod, targetClass, Retryable.class);
		CircuitGuarded circuitGuarded = ResilienceAnnotations.find(specificMethod, targetClass, CircuitGuarded.class);
		ResiliencePipeline.ReturnKind returnKind = returnKind(specificMethod, methodName);
		FallbackMethod fallback = resolveFallback(specificMethod, targetClass, methodName, retryable, circuitGuarded);

		List<Class<? extends Throwable>> ignoreExceptions = new ArrayList<>();
		Retry retry = null;
		if (retryable != null) {
			retry = retry(ResilienceAnnotations.instanceName(retryable.name(), specificMethod, targetClass), retryable,
					methodName);
			ignoreExceptions.addAll(retry.getConfig().getIgnoreExceptions());
		}
		CircuitBreaker breaker = null;
		if (circuitGuarded != null) {
			breaker = breaker(ResilienceAnnotations.instanceName(circuitGuarded.name(), specificMethod, targetClass),
					circuitGuarded, methodName);
			ignoreExceptions.addAll(breaker.getConfig().getIgnoreExceptions());
		}
		return new ResiliencePipeline(methodName, returnKind, retry, breaker, fallback, ignoreExceptions);
	}

	private Retry retry(String name, Retryable annotation, String methodName) {
		RetryConfig config = this.retryConfigResolver.resolve(name, annotation, methodName);
		Retry retry = this.retryRegistry.retry(name, config);
		checkShared("Retry", name, methodName, ConfigDescriptions.describe(config),
				ConfigDescriptions.describe(retry.getConfig()), this.resolvedRetries);
		return retry;
	}

	private CircuitBreaker breaker(String name, CircuitGuarded annotation, String methodName) {
		CircuitBreakerConfig config = this.breakerConfigResolver.resolve(name, annotation, methodName);
		CircuitBreaker breaker = this.breakerRegistry.circuitBreaker(name, config);
		checkShared("Circuit breaker", name, methodName, ConfigDescriptions.describe(config),
				ConfigDescriptions.describe(breaker.getConfig()), this.resolvedBreakers);
		return breaker;
	}

	private void checkShared(String kind, String name, String methodName, Map<String, Object> resolved,
			Map<String, Object> effective, Map<String, ResolvedInstance> seen) {
		ResolvedInstance first = seen.putIfAbsent(name, new ResolvedInstance(methodName));
		if (!resolved.equals(effective) && logger.isWarnEnabled()) {
			String creator = (first != null) ? first.methodName() : "code that used the registry directly";
			logger.warn(kind + " '" + name + "' was created by " + creator + " with the settings " + effective
					+ ", but the annotation on " + methodName + " resolves to " + resolved
					+ ". The instance keeps its settings, so the annotation's settings have no effect. "
					+ "Give the methods different names, or set the shared settings in properties.");
		}
	}

	private static FallbackMethod resolveFallback(Method method, Class<?> targetClass, String methodName,
			Retryable retryable, CircuitGuarded circuitGuarded) {
		String retryFallback = (retryable != null) ? retryable.fallbackMethod() : "";
		String breakerFallback = (circuitGuarded != null) ? circuitGuarded.fallbackMethod() : "";
		if (StringUtils.hasText(retryFallback) && StringUtils.hasText(breakerFallback)) {
			throw new IllegalStateException(methodName + " declares fallbackMethod on both @Retryable ('"
					+ retryFallback + "') and @CircuitGuarded ('" + breakerFallback
					+ "'). The fallback runs once, around both, so declare it on only one of them.");
		}
		if (StringUtils.hasText(retryFallback)) {
			return FallbackMethod.resolve(retryFallback, method, targetClass, "@Retryable on " + methodName);
		}
		if (StringUtils.hasText(breakerFallback)) {
			return FallbackMethod.resolve(breakerFallback, method, targetClass, "@CircuitGuarded on " + methodName);
		}
		return null;
	}

	private static ResiliencePipeline.ReturnKind returnKind(Method method, String methodName) {
		return ResiliencePipeline.ReturnKind.of(method, methodName);
	}

	private record ResolvedInstance(String methodName) {
	}

}
