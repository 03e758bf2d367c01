package dev.resilience.spring.events;

import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.breaker.CircuitBreakerMetrics;

import org.springframework.context.ApplicationEvent;

/**
 * Published when a circuit breaker changed state. The source is the breaker.
 * <p>
 * The event is published on the thread that caused the transition, for example the call that
 * tripped the threshold, after the breaker released its lock. Listeners that do slow work should
 * run asynchronously, for example with {@code @Async}, so that they do not delay that call.
 * <p>
 * Instances are immutable.
 *
 * @since 0.1.0
 */
public class CircuitBreakerStateChangedEvent extends ApplicationEvent {

	private final String breakerName;

	private final CircuitBreaker.State fromState;

	private final CircuitBreaker.State toState;

	private final CircuitBreakerMetrics metrics;

	/**
	 * Creates an event.
	 * @param breaker the breaker that changed state
	 * @param fromState the state before the transition
	 * @param toState the state after the transition
	 * @param metrics the breaker's metrics read just after the transition
	 */
	public CircuitBreakerStateChangedEvent(CircuitBreaker breaker, CircuitBreaker.State fromState,
			CircuitBreaker.State toState, CircuitBreakerMetrics metrics) {
		super(breaker);
		this.breakerName = breaker.getName();
		this.fromState = fromState;
		this.toState = toState;
		this.metrics = metrics;
	}

	/**
	 * Returns the breaker that changed state.
	 * @return the breaker
	 */
	public CircuitBreaker getBreaker() {
		return (CircuitBreaker) getSource();
	}

	/**
	 * Returns the name of the breaker.
	 * @return the breaker name
	 */
	public String getBreakerName() {
		return this.breakerName;
	}

	/**
	 * Returns the state before the transition.
	 * @return the previous state
	 */
	public CircuitBreaker.State getFromState() {
		return this.fromState;
	}

	/**
	 * Returns the state after the transition.
	 * @return the new state
	 */
	public CircuitBreaker.State getToState() {
		return this.toState;
	}

	/**
	 * Returns the breaker's metrics read just after the transition. After a transition to
	 * {@code OPEN} they are those of the window that tripped it; after one to {@code CLOSED} the
	 * window is new and empty.
	 * @return the metrics snapshot
	 */
	public CircuitBreakerMetrics getMetrics() {
		return this.metrics;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[breaker=" + this.breakerName + ", from=" + this.fromState + ", to="
				+ this.toState + "]";
	}

}
