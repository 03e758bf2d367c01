package dev.resilience.core.retry;

/**
 * The attempt that the current thread is running inside a {@link Retry}, for code that needs the
 * attempt number or a key that stays the same across the attempts of one execution, such as an
 * idempotency key sent to a server.
 *
 * <pre>{@code
 * retry.execute(() -> {
 *     RetryContext context = RetryContext.current();
 *     return client.post(order, context.getInvocationId());
 * });
 * }</pre>
 *
 * <p>A synchronous execution sets the context on the calling thread around each attempt. An
 * asynchronous execution sets it around each call of its supplier, on whichever thread runs that
 * call, so code that runs later in the returned stage (another thread, a callback) does not see it.
 * A {@link RetryExecution} sets it around the code passed to {@link RetryExecution#attempt}, and
 * passes it to that code for integrations that carry it to other threads. After an attempt the
 * previous context is restored. Inside a nested retry, {@link #current()} returns the nested
 * context, and after the nested execution it returns the outer one again.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RetryContext {

	// One mutable frame per thread, updated in place around each attempt: an attempt costs one
	// ThreadLocal lookup and allocates nothing. current() hands out an immutable snapshot.
	private static final ThreadLocal<Frame> FRAME = ThreadLocal.withInitial(Frame::new);

	private final int attempt;

	private final RetryExecutionState execution;

	private RetryContext(int attempt, RetryExecutionState execution) {
		this.attempt = attempt;
		this.execution = execution;
	}

	/**
	 * Returns the context of the attempt running on the current thread.
	 * @return the context, or {@code null} outside an attempt
	 */
	public static RetryContext current() {
		Frame frame = FRAME.get();
		RetryExecutionState execution = frame.execution;
		return (execution != null) ? new RetryContext(frame.attempt, execution) : null;
	}

	/**
	 * Returns the number of the running attempt.
	 * @return the attempt number, 1 for the first attempt
	 */
	public int getAttempt() {
		return this.attempt;
	}

	/**
	 * Returns an identifier that is the same for every attempt of one execution and different for
	 * every execution: a random UUID in its usual 36-character text form.
	 * @return the invocation id
	 */
	public String getInvocationId() {
		return this.execution.invocationId();
	}

	@Override
	public String toString() {
		return "RetryContext[attempt=" + this.attempt + ", invocationId=" + getInvocationId() + "]";
	}

	/**
	 * Returns the current thread's frame. Callers save its two fields, set the attempt's values, and
	 * put the saved values back when the attempt ends, so that nested executions restore the outer
	 * context.
	 */
	static Frame frame() {
		return FRAME.get();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof RetryContext context && context.attempt == this.attempt
				&& context.execution == this.execution;
	}

	@Override
	public int hashCode() {
		return 31 * System.identityHashCode(this.execution) + this.attempt;
	}

	/**
	 * The attempt running on one thread; {@code execution} is {@code null} outside attempts.
	 */
	static final class Frame {

		int attempt;

		RetryExecutionState execution;

	}

}
