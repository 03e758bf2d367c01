package dev.resilience.core.breaker;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The listeners of one breaker, delivered to without allocating and without letting a listener's
 * exception reach the call.
 *
 * <p>This class is thread-safe: the array is replaced on every change and read once per event.
 */
final class BreakerListeners {

	private static final System.Logger logger = System.getLogger(CircuitBreaker.class.getName());

	// Transition events waiting on this thread behind the one being delivered; null when none is.
	private static final ThreadLocal<ArrayDeque<Runnable>> PENDING = new ThreadLocal<>();

	private static final CircuitBreakerListener[] NONE = new CircuitBreakerListener[0];

	private final CircuitBreaker breaker;

	private final Set<CircuitBreakerListener> warned = ConcurrentHashMap.newKeySet();

	private volatile CircuitBreakerListener[] listeners = NONE;

	BreakerListeners(CircuitBreaker breaker) {
		this.breaker = breaker;
	}

	synchronized void add(CircuitBreakerListener listener) {
		CircuitBreakerListener[] current = this.listeners;
		CircuitBreakerListener[] updated = Arrays.copyOf(current, current.length + 1);
		updated[current.length] = listener;
		this.listeners = updated;
	}

	synchronized void remove(CircuitBreakerListener listener) {
		CircuitBreakerListener[] current = this.listeners;
		for (int i = 0; i < current.length; i++) {
			if (current[i] == listener) {
				CircuitBreakerListener[] updated = new CircuitBreakerListener[current.length - 1];
				System.arraycopy(current, 0, updated, 0, i);
				System.arraycopy(current, i + 1, updated, i, current.length - i - 1);
				this.listeners = updated;
				return;
			}
		}
	}

	synchronized void clear() {
		this.listeners = NONE;
	}

	void success(long durationNanos) {
		for (CircuitBreakerListener listener : this.listeners) {
			try {
				listener.onSuccess(this.breaker, durationNanos);
			}
			catch (Throwable ex) {
				failed(listener, "onSuccess", ex);
			}
		}
	}

	void failure(long durationNanos, Throwable error) {
		for (CircuitBreakerListener listener : this.listeners) {
			try {
				listener.onFailure(this.breaker, durationNanos, error);
			}
			catch (Throwable ex) {
				failed(listener, "onFailure", ex);
			}
		}
	}

	void ignoredError(long durationNanos, Throwable error) {
		for (CircuitBreakerListener listener : this.listeners) {
			try {
				listener.onIgnoredError(this.breaker, durationNanos, error);
			}
			catch (Throwable ex) {
				failed(listener, "onIgnoredError", ex);
			}
		}
	}

	void callNotPermitted() {
		for (CircuitBreakerListener listener : this.listeners) {
			try {
				listener.onCallNotPermitted(this.breaker);
			}
			catch (Throwable ex) {
				failed(listener, "onCallNotPermitted", ex);
			}
		}
	}

	void stateTransition(CircuitBreaker.State from, CircuitBreaker.State to) {
		deliverInOrder(() -> deliverStateTransition(from, to));
	}

	private void deliverStateTransition(CircuitBreaker.State from, CircuitBreaker.State to) {
		for (CircuitBreakerListener listener : this.listeners) {
			try {
				listener.onStateTransition(this.breaker, from, to);
			}
			catch (Throwable ex) {
				failed(listener, "onStateTransition", ex);
			}
		}
	}

	void thresholdsExceeded(int tripped, CircuitBreakerMetrics metrics) {
		deliverInOrder(() -> deliverThresholdsExceeded(tripped, metrics));
	}

	private void deliverThresholdsExceeded(int tripped, CircuitBreakerMetrics metrics) {
		for (CircuitBreakerListener listener : this.listeners) {
			try {
				if ((tripped & Thresholds.FAILURE_RATE) != 0) {
					listener.onFailureRateExceeded(this.breaker, metrics.failureRate());
				}
				if ((tripped & Thresholds.SLOW_CALL_RATE) != 0) {
					listener.onSlowCallRateExceeded(this.breaker, metrics.slowCallRate());
				}
			}
			catch (Throwable ex) {
				failed(listener, "onRateExceeded", ex);
			}
		}
	}

	void reset() {
		deliverInOrder(this::deliverReset);
	}

	private void deliverReset() {
		for (CircuitBreakerListener listener : this.listeners) {
			try {
				listener.onReset(this.breaker);
			}
			catch (Throwable ex) {
				failed(listener, "onReset", ex);
			}
		}
	}

	/**
	 * Runs a delivery now, unless a delivery is already running on this thread: then it runs right
	 * after that one. A listener that causes a transition therefore never makes the listeners after
	 * it receive the new transition before the one being delivered.
	 */
	private static void deliverInOrder(Runnable delivery) {
		ArrayDeque<Runnable> queue = PENDING.get();
		if (queue != null) {
			queue.add(delivery);
			return;
		}
		queue = new ArrayDeque<>();
		PENDING.set(queue);
		try {
			delivery.run();
			Runnable next;
			while ((next = queue.poll()) != null) {
				next.run();
			}
		}
		finally {
			PENDING.remove();
		}
	}

	private void failed(CircuitBreakerListener listener, String method, Throwable ex) {
		if (ex instanceof VirtualMachineError && !(ex instanceof StackOverflowError)) {
			// Out of memory or an internal JVM failure: nothing a caller can work around.
			throw (VirtualMachineError) ex;
		}
		boolean first = this.warned.add(listener);
		Level level = first ? Level.WARNING : Level.DEBUG;
		if (logger.isLoggable(level)) {
			logger.log(level, "Listener " + listener + " of circuit breaker '" + this.breaker.getName() + "' threw from "
					+ method + "; the call is unaffected" + (first ? " (later failures of this listener are logged at DEBUG)" : ""),
					ex);
		}
	}

}
