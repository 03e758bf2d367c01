package dev.resilience.core.retry;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters and listeners of one retry: counts attempts and outcomes, and calls the listeners.
 *
 * <p>This class is thread-safe. Counters are {@link LongAdder}s, so concurrent executions do not
 * contend on one memory location. Listeners are kept in a volatile array that is replaced on every
 * change under this object's lock, so publishing an event reads the array once and allocates
 * nothing.
 */
final class RetryEvents {

	private final LongAdder successWithoutRetry = new LongAdder();

	private final LongAdder successWithRetry = new LongAdder();

	private final LongAdder failureWithRetry = new LongAdder();

	private final LongAdder failureWithoutRetry = new LongAdder();

	private final LongAdder attempts = new LongAdder();

	private final ListenerFailureLog failureLog = new ListenerFailureLog("Retry listener");

	private volatile RetryListener[] listeners = new RetryListener[0];

	void addListener(RetryListener listener) {
		Objects.requireNonNull(listener, "listener must not be null");
		synchronized (this) {
			RetryListener[] current = this.listeners;
			RetryListener[] updated = Arrays.copyOf(current, current.length + 1);
			updated[current.length] = listener;
			this.listeners = updated;
		}
	}

	void removeListener(RetryListener listener) {
		synchronized (this) {
			RetryListener[] current = this.listeners;
			for (int i = 0; i < current.length; i++) {
				if (current[i] == listener) {
					RetryListener[] updated = new RetryListener[current.length - 1];
					System.arraycopy(current, 0, updated, 0, i);
					System.arraycopy(current, i + 1, updated, i, current.length - i - 1);
					this.listeners = updated;
					return;
				}
			}
		}
	}

	void attemptStarted() {
		this.attempts.increment();
	}

	void retrying(Retry retry, int attempt, Throwable error, Duration wait) {
		RetryListener[] current = this.listeners;
		for (int i = 0; i < current.length; i++) {
			try {
				current[i].onRetry(retry, attempt, error, wait);
			}
			catch (RuntimeException ex) {
				this.failureLog.log(current[i], "onRetry", retry.getName(), ex);
			}
		}
	}

	/**
	 * Counts the outcome of an execution and notifies the listeners.
	 */
	void finished(Retry retry, RetryOutcome outcome, int attemptCount, Throwable lastErrorOrNull) {
		counter(outcome).increment();
		RetryListener[] current = this.listeners;
		for (int i = 0; i < current.length; i++) {
			try {
				current[i].onOutcome(retry, outcome, attemptCount, lastErrorOrNull);
			}
			catch (RuntimeException ex) {
				this.failureLog.log(current[i], "onOutcome", retry.getName(), ex);
			}
		}
	}

	RetryMetrics snapshot() {
		return new RetryMetrics(this.successWithoutRetry.sum(), this.successWithRetry.sum(),
				this.failureWithRetry.sum(), this.failureWithoutRetry.sum(), this.attempts.sum());
	}

	private LongAdder counter(RetryOutcome outcome) {
		return switch (outcome) {
			case SUCCESS_WITHOUT_RETRY -> this.successWithoutRetry;
			case SUCCESS_WITH_RETRY -> this.successWithRetry;
			case FAILURE_WITH_RETRY -> this.failureWithRetry;
			case FAILURE_WITHOUT_RETRY -> this.failureWithoutRetry;
		};
	}

}
