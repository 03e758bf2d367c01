package dev.resilience.spring.events;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.breaker.CircuitBreakerListener;
import dev.resilience.core.breaker.CircuitBreakerRegistry;

/**
 * Keeps the last events of every breaker of a registry in a bounded history per breaker, for the
 * {@code breakers} endpoint and the dashboard page.
 * <p>
 * State transitions, exceeded thresholds and resets get one entry each. Consecutive failed calls
 * share one {@link BreakerEventType#FAILED_CALLS} entry with a count, and consecutive rejected calls
 * one {@link BreakerEventType#NOT_PERMITTED_CALLS} entry, until the next other entry. So a burst of
 * rejections cannot push the transitions out of the history. Successful and ignored calls are not
 * recorded; the meters count them. A replaced breaker starts with an empty history.
 * <p>
 * The breaker reports a call to its listeners after recording it, so the failure that trips the
 * breaker appears in a {@link BreakerEventType#FAILED_CALLS} entry after the transition it caused.
 * <p>
 * This class is thread-safe. Recording a failure or a rejection allocates nothing once the
 * aggregate entry of its kind is open.
 *
 * @since 0.1.0
 */
public class BreakerEventRecorder extends BreakerRegistryFollower {

	/**
	 * The default number of entries kept per breaker.
	 */
	public static final int DEFAULT_BUFFER_SIZE = 20;

	/**
	 * The largest number of entries that can be kept per breaker.
	 */
	public static final int MAX_BUFFER_SIZE = 1000;

	private final int bufferSize;

	private final Map<CircuitBreaker, BreakerEventBuffer> buffers = Collections.synchronizedMap(new IdentityHashMap<>());

	/**
	 * Creates a recorder and starts recording the events of every breaker of the registry, present
	 * and future.
	 * @param registry the registry whose breakers are recorded
	 * @param bufferSize the number of entries kept per breaker, from 0 to {@value #MAX_BUFFER_SIZE};
	 * 0 records nothing
	 * @throws IllegalArgumentException if {@code bufferSize} is out of range
	 */
	public BreakerEventRecorder(CircuitBreakerRegistry registry, int bufferSize) {
		super(registry);
		if (bufferSize < 0 || bufferSize > MAX_BUFFER_SIZE) {
			throw new IllegalArgumentException("Event buffer size must be between 0 and " + MAX_BUFFER_SIZE
					+ " entries per breaker, but was " + bufferSize + "; use 0 to record no events");
		}
		this.bufferSize = bufferSize;
		if (bufferSize > 0) {
			start();
		}
	}

	/**
	 * Returns the number of entries kept per breaker.
	 * @return the buffer size, 0 when nothing is recorded
	 */
	public int getBufferSize() {
		return this.bufferSize;
	}

	/**
	 * Returns the recorded events of a breaker, oldest first.
	 * @param breaker the breaker, as the registry returns it
	 * @return a new list, empty for a breaker that is not in the registry or when nothing is recorded
	 */
	public List<BreakerEvent> events(CircuitBreaker breaker) {
		BreakerEventBuffer buffer = this.buffers.get(breaker);
		return (buffer != null) ? buffer.snapshot() : List.of();
	}

	@Override
	protected CircuitBreakerListener createListener(CircuitBreaker breaker) {
		BreakerEventBuffer buffer = new BreakerEventBuffer(this.bufferSize, breaker.getConfig().getClock());
		this.buffers.put(breaker, buffer);
		return new RecordingListener(buffer);
	}

	@Override
	protected void detached(CircuitBreaker breaker) {
		this.buffers.remove(breaker);
	}

	/**
	 * Feeds one breaker's events into its buffer.
	 */
	private static final class RecordingListener implements CircuitBreakerListener {

		private final BreakerEventBuffer buffer;

		RecordingListener(BreakerEventBuffer buffer) {
			this.buffer = buffer;
		}

		@Override
		public void onFailure(CircuitBreaker breaker, long durationNanos, Throwable error) {
			this.buffer.failure(error);
		}

		@Override
		public void onCallNotPermitted(CircuitBreaker breaker) {
			this.buffer.notPermitted();
		}

		@Override
		public void onStateTransition(CircuitBreaker breaker, CircuitBreaker.State from, CircuitBreaker.State to) {
			this.buffer.transition(from, to);
		}

		@Override
		public void onFailureRateExceeded(CircuitBreaker breaker, float failureRate) {
			this.buffer.rateExceeded(BreakerEventType.FAILURE_RATE_EXCEEDED, failureRate);
		}

		@Override
		public void onSlowCallRateExceeded(CircuitBreaker breaker, float slowCallRate) {
			this.buffer.rateExceeded(BreakerEventType.SLOW_CALL_RATE_EXCEEDED, slowCallRate);
		}

		@Override
		public void onReset(CircuitBreaker breaker) {
			this.buffer.reset();
		}

	}

}
