package dev.resilience.spring.events;

import java.util.Locale;
import java.util.Objects;

import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.breaker.CircuitBreakerListener;
import dev.resilience.core.breaker.CircuitBreakerMetrics;
import dev.resilience.core.breaker.CircuitBreakerRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Logs every state transition of every breaker of a registry and publishes it as a
 * {@link CircuitBreakerStateChangedEvent}.
 * <p>
 * A transition to {@code OPEN} is logged at WARN, because calls are now rejected without the
 * operator having asked for it. Every other transition, including {@code FORCED_OPEN}, which only
 * happens on request, is logged at INFO. The line names the breaker, both states and the rates
 * the breaker reports just after the transition.
 * <p>
 * This class is thread-safe.
 *
 * @since 0.1.0
 */
public class BreakerTransitionNotifier extends BreakerRegistryFollower {

	private static final Log logger = LogFactory.getLog(BreakerTransitionNotifier.class);

	private final ApplicationEventPublisher eventPublisher;

	private final CircuitBreakerListener listener = new CircuitBreakerListener() {

		@Override
		public void onStateTransition(CircuitBreaker breaker, CircuitBreaker.State from, CircuitBreaker.State to) {
			transitioned(breaker, from, to);
		}

	};

	/**
	 * Creates a notifier and starts following every breaker of the registry, present and future.
	 * @param registry the registry whose breakers are followed
	 * @param eventPublisher the publisher of the application events
	 */
	public BreakerTransitionNotifier(CircuitBreakerRegistry registry, ApplicationEventPublisher eventPublisher) {
		super(registry);
		this.eventPublisher = Objects.requireNonNull(eventPublisher, "eventPublisher must not be null");
		start();
	}

	@Override
	protected CircuitBreakerListener createListener(CircuitBreaker breaker) {
		return this.listener;
	}

	private void transitioned(CircuitBreaker breaker, CircuitBreaker.State from, CircuitBreaker.State to) {
		CircuitBreakerMetrics metrics = breaker.getMetrics();
		if (to == CircuitBreaker.State.OPEN) {
			if (logger.isWarnEnabled()) {
				logger.warn(message(breaker, from, to, metrics));
			}
		}
		else if (logger.isInfoEnabled()) {
			logger.info(message(breaker, from, to, metrics));
		}
		this.eventPublisher.publishEvent(new CircuitBreakerStateChangedEvent(breaker, from, to, metrics));
	}

	static String message(CircuitBreaker breaker, CircuitBreaker.State from, CircuitBreaker.State to,
			CircuitBreakerMetrics metrics) {
		String transition = "Circuit breaker '" + breaker.getName() + "' changed state from " + from + " to " + to + ": ";
		if (metrics.failureRate() < 0) {
			return transition + "failure and slow-call rates not computed, because the " + metrics.bufferedCalls()
					+ " buffered calls are fewer than the minimum";
		}
		return transition + String.format(Locale.ROOT, "failure rate %.1f%%, slow-call rate %.1f%%, ",
				metrics.failureRate(), metrics.slowCallRate()) + metrics.bufferedCalls() + " buffered calls, "
				+ metrics.failedCalls() + " failed";
	}

}
