package dev.resilience.core.breaker;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import dev.resilience.core.CheckedSupplier;
import dev.resilience.core.time.Scheduler;
import dev.resilience.core.time.Ticker;

/**
 * The circuit breaker state machine.
 *
 * <p>Design note on concurrency.
 * <ul>
 * <li>The current state is one object in an {@link AtomicReference}, replaced on every transition.
 * Permitting a call in the closed state only reads that reference, and recording the outcome touches
 * only that state's lock-free window. No lock is taken and nothing is allocated on that path.</li>
 * <li>Every transition happens in {@link #transition}, under {@link #transitionLock}, and only if the
 * state is still the one the caller saw: two threads that both see a tripped threshold cause one
 * transition. The new state object is published with a volatile write after it is fully built, so a
 * thread that reads it sees its window empty and its fields set.</li>
 * <li>Each transition increments the generation, and every permit embeds the generation of the state
 * that issued it. An outcome whose permit is of an older generation is recorded nowhere, so a call
 * that started before a transition can never decide the next one or enter the new window.</li>
 * <li>Listeners are called after the lock is released, in the order the transitions happened for a
 * given thread; a listener can therefore call back into the breaker without deadlock.</li>
 * </ul>
 */
final class DefaultCircuitBreaker implements CircuitBreaker {

	private static final System.Logger logger = System.getLogger(CircuitBreaker.class.getName());

	private final String name;

	private final CircuitBreakerConfig config;

	private final Ticker ticker;

	private final long slowCallNanos;

	private final CallClassifier classifier;

	private final BreakerListeners listeners;

	private final LongAdder notPermittedCalls = new LongAdder();

	private final AtomicReference<BreakerState> state;

	private final Object transitionLock = new Object();

	// Guarded by transitionLock.
	private long generation;

	// Guarded by transitionLock: reopenings from half-open since the breaker last closed.
	private int reopenings;

	// Guarded by transitionLock.
	private Scheduler.Cancellable scheduledTransition;

	// Guarded by transitionLock.
	private boolean closed;

	private volatile Instant lastTransitionTime;

	DefaultCircuitBreaker(String name, CircuitBreakerConfig config) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("Circuit breaker name must not be blank, but was '" + name + "'");
		}
		if (config == null) {
			throw new IllegalArgumentException("Circuit breaker '" + name + "' needs a configuration, but was null");
		}
		this.name = name;
		this.config = config;
		this.ticker = config.getTicker();
		this.slowCallNanos = config.getSlowCallDurationThreshold().toNanos();
		this.classifier = new CallClassifier(name, config);
		this.listeners = new BreakerListeners(this);
		this.state = new AtomicReference<>(new ClosedState(0, config, false));
		this.lastTransitionTime = config.getClock().instant();
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public CircuitBreakerConfig getConfig() {
		return this.config;
	}

	@Override
	public State getState() {
		return this.state.get().state();
	}

	@Override
	public CircuitBreakerMetrics getMetrics() {
		return this.state.get().metrics(this.ticker.read(), this.notPermittedCalls.sum());
	}

	@Override
	public Instant getLastTransitionTime() {
		return this.lastTransitionTime;
	}

	@Override
	public long tryAcquirePermission() {
		while (true) {
			BreakerState current = this.state.get();
			long permit = current.tryAcquire(this.ticker);
			if (permit >= 0) {
				return permit;
			}
			if (permit == BreakerState.TRANSITION_DUE) {
				transition(current, nextStateWhenTimeIsUp(current));
				continue;
			}
			this.notPermittedCalls.increment();
			this.listeners.callNotPermitted();
			return NO_PERMIT;
		}
	}

	@Override
	public void onSuccess(long permit, long durationNanos) {
		record(permit, durationNanos, WindowCounts.RECORDED);
		this.listeners.success(durationNanos);
	}

	@Override
	public void onResult(long permit, long durationNanos, Object result) {
		if (this.classifier.isFailureResult(result)) {
			record(permit, durationNanos, WindowCounts.RECORDED | WindowCounts.FAILED);
			this.listeners.failure(durationNanos, null);
		}
		else {
			onSuccess(permit, durationNanos);
		}
	}

	@Override
	public void onError(long permit, long durationNanos, Throwable error) {
		Throwable unwrapped = CallClassifier.unwrap(error);
		switch (this.classifier.classifyError(unwrapped)) {
			case CallClassifier.IGNORED -> {
				releasePermission(permit);
				this.listeners.ignoredError(durationNanos, unwrapped);
			}
			case CallClassifier.FAILURE -> {
				record(permit, durationNanos, WindowCounts.RECORDED | WindowCounts.FAILED);
				this.listeners.failure(durationNanos, unwrapped);
			}
			default -> onSuccess(permit, durationNanos);
		}
	}

	@Override
	public void releasePermission(long permit) {
		BreakerState current = this.state.get();
		if (current.issued(permit)) {
			current.release(permit);
		}
	}

	private void record(long permit, long durationNanos, int code) {
		BreakerState current = this.state.get();
		if (!current.issued(permit)) {
			return;
		}
		int outcome = (durationNanos > this.slowCallNanos) ? code | WindowCounts.SLOW : code;
		int decision = current.record(permit, this.ticker, outcome);
		if (decision == BreakerState.OPEN) {
			transition(current, State.OPEN);
		}
		else if (decision == BreakerState.CLOSE) {
			transition(current, State.CLOSED);
		}
	}

	@Override
	public <T> T execute(CheckedSupplier<T> call) throws Throwable {
		long permit = acquirePermission();
		long start = this.ticker.read();
		T result;
		try {
			result = call.get();
		}
		catch (Throwable ex) {
			onError(permit, this.ticker.read() - start, ex);
			throw ex;
		}
		onResult(permit, this.ticker.read() - start, result);
		return result;
	}

	@Override
	public <T> CompletionStage<T> executeCompletionStage(Supplier<? extends CompletionStage<T>> call) {
		long permit = tryAcquirePermission();
		if (permit == NO_PERMIT) {
			return CompletableFuture.failedFuture(new CallNotPermittedException(this.name, getState()));
		}
		long start = this.ticker.read();
		CompletionStage<T> stage;
		try {
			stage = call.get();
		}
		catch (Throwable ex) {
			onError(permit, this.ticker.read() - start, ex);
			return CompletableFuture.failedFuture(ex);
		}
		if (stage == null) {
			NullPointerException ex = new NullPointerException("The call protected by circuit breaker '" + this.name
					+ "' returned a null CompletionStage");
			onError(permit, this.ticker.read() - start, ex);
			return CompletableFuture.failedFuture(ex);
		}
		return settleWhenComplete(permit, start, stage);
	}

	/**
	 * Returns a future that completes like the stage, and settles the permit exactly once: with the
	 * stage's outcome, or by releasing it when the returned future is cancelled first.
	 */
	private <T> CompletableFuture<T> settleWhenComplete(long permit, long start, CompletionStage<T> stage) {
		AtomicBoolean settled = new AtomicBoolean();
		CompletableFuture<T> result = new CompletableFuture<>();
		stage.whenComplete((value, error) -> {
			try {
				if (settled.compareAndSet(false, true)) {
					settle(permit, this.ticker.read() - start, value, error);
				}
			}
			finally {
				// Complete the caller's future even if recording failed, so that it never hangs.
				if (error == null) {
					result.complete(value);
				}
				else {
					result.completeExceptionally(CallClassifier.unwrap(error));
				}
			}
		});
		result.whenComplete((value, error) -> {
			if (error instanceof CancellationException && settled.compareAndSet(false, true)) {
				releasePermission(permit);
				stage.toCompletableFuture().cancel(false);
			}
		});
		return result;
	}

	private void settle(long permit, long durationNanos, Object value, Throwable error) {
		if (error == null) {
			onResult(permit, durationNanos, value);
		}
		else if (CallClassifier.unwrap(error) instanceof CancellationException) {
			releasePermission(permit);
		}
		else {
			onError(permit, durationNanos, error);
		}
	}

	@Override
	public void transitionToClosed() {
		transition(null, State.CLOSED);
	}

	@Override
	public void transitionToOpen() {
		transition(null, State.OPEN);
	}

	@Override
	public void transitionToForcedOpen() {
		transition(null, State.FORCED_OPEN);
	}

	@Override
	public void transitionToDisabled() {
		transition(null, State.DISABLED);
	}

	@Override
	public void transitionToMetricsOnly() {
		transition(null, State.METRICS_ONLY);
	}

	@Override
	public void reset() {
		State from;
		synchronized (this.transitionLock) {
			from = this.state.get().state();
			this.reopenings = 0;
			this.notPermittedCalls.reset();
			cancelScheduledTransition();
			install(new ClosedState(++this.generation, this.config, false));
		}
		if (from != State.CLOSED) {
			this.listeners.stateTransition(from, State.CLOSED);
		}
		this.listeners.reset();
	}

	@Override
	public void addListener(CircuitBreakerListener listener) {
		if (listener == null) {
			throw new IllegalArgumentException("listener must not be null");
		}
		this.listeners.add(listener);
	}

	@Override
	public void removeListener(CircuitBreakerListener listener) {
		this.listeners.remove(listener);
	}

	/**
	 * Cancels the scheduled transition and drops the listeners; called when a registry removes or
	 * replaces this breaker. The breaker keeps working for callers that still hold it, but no longer
	 * schedules anything.
	 */
	void close() {
		synchronized (this.transitionLock) {
			this.closed = true;
			cancelScheduledTransition();
		}
		this.listeners.clear();
	}

	private State nextStateWhenTimeIsUp(BreakerState current) {
		return (current.state() == State.HALF_OPEN) ? State.OPEN : State.HALF_OPEN;
	}

	/**
	 * Moves to the target state if the current state is still {@code expected}, or in any case when
	 * {@code expected} is {@code null} (a manual transition). A manual transition to the state the
	 * breaker is already in does nothing.
	 */
	private void transition(BreakerState expected, State target) {
		State from;
		int tripped = Thresholds.NONE;
		CircuitBreakerMetrics trippedMetrics = null;
		synchronized (this.transitionLock) {
			BreakerState current = this.state.get();
			if (expected != null && current != expected) {
				return;
			}
			from = current.state();
			if (expected == null && from == target) {
				return;
			}
			long now = this.ticker.read();
			if (expected != null && target == State.OPEN) {
				tripped = trippedThresholds(current);
				trippedMetrics = current.metrics(now, this.notPermittedCalls.sum());
			}
			cancelScheduledTransition();
			install(createState(current, target, now));
		}
		if (tripped != Thresholds.NONE) {
			this.listeners.thresholdsExceeded(tripped, trippedMetrics);
		}
		this.listeners.stateTransition(from, target);
	}

	private static int trippedThresholds(BreakerState state) {
		if (state instanceof ClosedState closedState) {
			return closedState.trippedThresholds();
		}
		if (state instanceof HalfOpenState halfOpenState) {
			return halfOpenState.trippedThresholds();
		}
		return Thresholds.NONE;
	}

	// Called with transitionLock held.
	private BreakerState createState(BreakerState current, State target, long now) {
		long next = ++this.generation;
		switch (target) {
			case OPEN -> {
				if (current.state() == State.HALF_OPEN) {
					this.reopenings++;
				}
				long waitNanos = OpenWait.nanos(this.config, this.reopenings);
				OpenState open = new OpenState(next, now, waitNanos, false,
						current.metrics(now, this.notPermittedCalls.sum()));
				if (this.config.isAutomaticTransitionFromOpenToHalfOpen()) {
					scheduleTransition(open, State.HALF_OPEN, saturatedAdd(waitNanos, 1));
				}
				return open;
			}
			case HALF_OPEN -> {
				HalfOpenState halfOpen = new HalfOpenState(next, this.config, now);
				if (halfOpen.maxWaitNanos() > 0) {
					scheduleTransition(halfOpen, State.OPEN, saturatedAdd(halfOpen.maxWaitNanos(), 1));
				}
				return halfOpen;
			}
			case CLOSED -> {
				this.reopenings = 0;
				return new ClosedState(next, this.config, false);
			}
			case METRICS_ONLY -> {
				return new ClosedState(next, this.config, true);
			}
			case FORCED_OPEN -> {
				return new OpenState(next, now, Long.MAX_VALUE, true, current.metrics(now, this.notPermittedCalls.sum()));
			}
			case DISABLED -> {
				return new DisabledState(next);
			}
			default -> throw new IllegalStateException("Unknown circuit breaker state " + target);
		}
	}

	// Called with transitionLock held, after the previous state's scheduled transition was cancelled.
	private void install(BreakerState next) {
		this.state.set(next);
		this.lastTransitionTime = this.config.getClock().instant();
	}

	// Called with transitionLock held.
	private void scheduleTransition(BreakerState from, State target, long delayNanos) {
		if (this.closed) {
			return;
		}
		Scheduler scheduler = (this.config.getScheduler() != null) ? this.config.getScheduler() : Scheduler.shared();
		try {
			this.scheduledTransition = scheduler.schedule(() -> transition(from, target), Duration.ofNanos(delayNanos));
		}
		catch (RuntimeException ex) {
			// The transition itself must not fail: without the task, the state still ends on the
			// first call after its time is up.
			logger.log(System.Logger.Level.WARNING, "Circuit breaker '" + this.name + "' could not schedule its "
					+ "transition to " + target + "; it will move on the first call after the wait instead", ex);
		}
	}

	// Called with transitionLock held.
	private void cancelScheduledTransition() {
		if (this.scheduledTransition != null) {
			this.scheduledTransition.cancel();
			this.scheduledTransition = null;
		}
	}

	private static long saturatedAdd(long a, long b) {
		long sum = a + b;
		return (sum < a) ? Long.MAX_VALUE : sum;
	}

	@Override
	public String toString() {
		return "CircuitBreaker[name=" + this.name + ", state=" + getState() + "]";
	}

}
