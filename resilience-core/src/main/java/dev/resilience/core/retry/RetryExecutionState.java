package dev.resilience.core.retry;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

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

	// Created on first request, because most executions never ask for it. Volatile because an
	// asynchronous execution may ask from the scheduler thread.
	private volatile String invocationId;

	private final long startNanos;

	private int attempts;

	private Duration previousWait;

	/**
	 * Starts the execution: the deadline is measured from this moment.
	 */
	RetryExecutionState(RetryConfig config) {
		this.config = config;
		this.startNanos = config.getMaxDuration().isZero() ? 0 : config.getTicker().read();
	}

	/**
	 * Returns the invocation id, creating it on the first request.
	 */
	String invocationId() {
		String id = this.invocationId;
		if (id == null) {
			synchronized (this) {
				id = this.invocationId;
				if (id == null) {
					id = newInvocationId();
					this.invocationId = id;
				}
			}
		}
		return id;
	}

	/**
	 * Returns a random (version 4) UUID string drawn from {@link ThreadLocalRandom}. An idempotency key
	 * must be unique, not secret, and {@link UUID#randomUUID()} draws from {@code SecureRandom}, which
	 * the profile of the success path showed to cost more than the rest of the execution.
	 */
	private static String newInvocationId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long mostSignificant = (random.nextLong() & ~0xF000L) | 0x4000L;
		long leastSignificant = (random.nextLong() & ~(0x3L << 62)) | (0x2L << 62);
		return new UUID(mostSignificant, leastSignificant).toString();
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
