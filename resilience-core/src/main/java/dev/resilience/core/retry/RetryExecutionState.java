package dev.resilience.core.retry;

import java.time.Duration;
import java.util.UUID;

/**
 * The attempt count, deadline and last wait of one execution, shared by the synchronous and the
 * asynchronous paths.
 *
 * <p>This class is not thread-safe, because an execution runs one attempt at a time. A synchronous
 * execution stays on its calling thread. An asynchronous one hands over from the stage completion
 * to the scheduler task, and both hand-overs order the writes of one step before the next.
 */
final class RetryExecutionState {

	private final RetryConfig config;

	private final String invocationId = UUID.randomUUID().toString();

	private final long startNanos;

	private int attempts;

	private Duration previousWait;

	/**
	 * Starts the execution: the deadline is measured from this moment.
	 */
	RetryExecutionState(RetryConfig config) {
		this.config = config;
		this.startNanos = config.getTicker().read();
	}

	String invocationId() {
		return this.invocationId;
	}

	/**
	 * Counts a new attempt and returns its number, starting at 1.
	 */
	int startAttempt() {
		this.attempts++;
		return this.attempts;
	}

	int attempts() {
		return this.attempts;
	}

	/**
	 * Computes the wait before the next attempt.
	 * @return the wait, or {@code null} when no attempt is left or the wait would end after the
	 * deadline
	 */
	Duration nextWait() {
		if (this.attempts >= this.config.getMaxAttempts()) {
			return null;
		}
		Duration wait = this.config.getBackoff().delayBeforeRetry(this.attempts, this.previousWait, nextRandom());
		if (!endsByDeadline(wait)) {
			return null;
		}
		this.previousWait = wait;
		return wait;
	}

	/**
	 * Reads the random source, clamping values outside [0, 1] (NaN becomes 0) so that a faulty
	 * source cannot make a wait negative or longer than the cap.
	 */
	private double nextRandom() {
		double random = this.config.getRandom().getAsDouble();
		if (!(random >= 0)) {
			return 0;
		}
		return Math.min(random, 1);
	}

	private boolean endsByDeadline(Duration wait) {
		Duration maxDuration = this.config.getMaxDuration();
		if (maxDuration.isZero()) {
			return true;
		}
		Duration elapsed = Duration.ofNanos(this.config.getTicker().read() - this.startNanos);
		return elapsed.plus(wait).compareTo(maxDuration) <= 0;
	}

}
