package dev.resilience.spring.autoconfigure;

import dev.resilience.spring.aop.ResilienceAdvisor;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * General resilience settings bound from {@code resilience.*}. Retry and circuit breaker settings
 * have their own classes, {@code RetryProperties} and {@code BreakerProperties}.
 * <p>
 * This class is a mutable JavaBean for the binder and is not thread-safe.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("resilience")
public class ResilienceProperties {

	/**
	 * Whether the resilience auto-configuration is enabled: the registries, the advice for
	 * {@code @Retryable} and {@code @CircuitGuarded}, the endpoint and the meters.
	 */
	private boolean enabled = true;

	/**
	 * Settings of the advice that applies the annotations.
	 */
	private final Aspect aspect = new Aspect();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Aspect getAspect() {
		return this.aspect;
	}

	/**
	 * Settings of the advice that applies the annotations.
	 */
	public static class Aspect {

		/**
		 * Order of the resilience advisor among other advisors; a lower value runs further out.
		 * The default, Integer.MAX_VALUE - 10, runs outside @Transactional so that each attempt has
		 * its own transaction.
		 */
		private int order = ResilienceAdvisor.DEFAULT_ORDER;

		public int getOrder() {
			return this.order;
		}

		public void setOrder(int order) {
			this.order = order;
		}

	}

}
