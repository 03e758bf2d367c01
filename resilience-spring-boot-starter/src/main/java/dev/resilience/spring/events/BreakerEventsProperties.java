package dev.resilience.spring.events;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the breaker event history, bound from {@code resilience.breakers.*} next to the
 * breaker settings themselves.
 * <p>
 * This class is a mutable JavaBean for the binder and is not thread-safe.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("resilience.breakers")
public class BreakerEventsProperties {

	/**
	 * Number of events kept per circuit breaker for the breakers endpoint, from 0 to 1000. 0 keeps
	 * none.
	 */
	private int eventsBufferSize = 20;

	public int getEventsBufferSize() {
		return this.eventsBufferSize;
	}

	/**
	 * Sets the number of events kept per circuit breaker.
	 * @param eventsBufferSize the number of events, from 0 to 1000
	 * @throws IllegalArgumentException if the number is out of range
	 */
	public void setEventsBufferSize(int eventsBufferSize) {
		if (eventsBufferSize < 0 || eventsBufferSize > BreakerEventRecorder.MAX_BUFFER_SIZE) {
			throw new IllegalArgumentException("resilience.breakers.events-buffer-size must be between 0 and "
					+ BreakerEventRecorder.MAX_BUFFER_SIZE + ", but was " + eventsBufferSize
					+ "; set a number of events per breaker in that range, or 0 to keep none");
		}
		this.eventsBufferSize = eventsBufferSize;
	}

}
