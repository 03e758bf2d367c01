package dev.resilience.core.breaker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import dev.resilience.core.breaker.CircuitBreaker.State;
import dev.resilience.core.time.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stress tests of the breaker's concurrency claims. In each round {@value #THREADS} threads wait on a
 * {@link CyclicBarrier} and are released together, and the resulting counts must be exact. Time comes
 * from a {@link ManualClock}, so nothing sleeps. Every race repeats for several rounds, because one
 * round can miss the interleaving that breaks a claim.
 */
class CircuitBreakerConcurrencyTest {

	private static final int THREADS = 16;

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Duration SLOW = Duration.ofSeconds(1);

	/** Permits each thread takes and returns in the trial-permit race. */
	private static final int GRANTS_PER_THREAD = 20;

	/** Bound on the attempts of one thread in that race, so that a breaker that leaks permits fails fast. */
	private static final int MAX_ATTEMPTS = 200_000;

	private static ExecutorService executor;

	private final ManualClock clock = new ManualClock();

	@BeforeAll
	static void startThreads() {
		executor = Executors.newFixedThreadPool(THREADS);
	}

	@AfterAll
	static void stopThreads() {
		executor.shutdownNow();
	}

	@RepeatedTest(60)
	void halfOpenGrantsExactlyPermittedCalls(RepetitionInfo repetition) throws Exception {
		int permitted = 1 + repetition.getCurrentRepetition() % 6;
		int attemptsPerThread = 3;
		CircuitBreaker breaker = CircuitBreaker.of("race",
				config().permittedNumberOfCallsInHalfOpenState(permitted).build());
		EventCounter events = listenTo(breaker);
		breaker.transitionToOpen();
		this.clock.advance(WAIT.plusNanos(1));

		// The first attempts also race to make the transition from OPEN to HALF_OPEN.
		// NOTE: two threads rarely read a free slot at the same instant on two busy cores, so a slot
		// taken with a plain write instead of a compare-and-set fails this race only now and then.
		Queue<Long> granted = new ConcurrentLinkedQueue<>();
		AtomicInteger rejected = new AtomicInteger();
		race(thread -> {
			for (int i = 0; i < attemptsPerThread; i++) {
				long permit = breaker.tryAcquirePermission();
				if (permit == CircuitBreaker.NO_PERMIT) {
					rejected.incrementAndGet();
				}
				else {
					granted.add(permit);
				}
			}
		});

		int rejectedCalls = THREADS * attemptsPerThread - permitted;
		assertThat(granted).hasSize(permitted);
		assertThat(granted).doesNotHaveDuplicates();
		assertThat(rejected.get()).isEqualTo(rejectedCalls);
		assertThat(breaker.getMetrics().notPermittedCalls()).isEqualTo(rejectedCalls);
		assertThat(events.notPermitted()).isEqualTo(rejectedCalls);
		assertThat(events.transitions(State.OPEN, State.HALF_OPEN)).isEqualTo(1);
		assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);
	}

	@RepeatedTest(10)
	void largeCountWindowRecordsEveryCall() throws Exception {
		int callsPerThread = 500;
		int calls = THREADS * callsPerThread;
		// The window contains every call, and the thresholds of 100% never trip on the pattern below.
		CircuitBreaker breaker = CircuitBreaker.of("race", config().countBasedWindow(calls)
			.minimumNumberOfCalls(calls)
			.failureRateThreshold(100)
			.slowCallRateThreshold(100)
			.build());

		race(thread -> {
			for (int i = 0; i < callsPerThread; i++) {
				record(breaker, breaker.acquirePermission(), fails(thread, i), isSlow(i));
			}
		});

		CircuitBreakerMetrics metrics = breaker.getMetrics();
		assertThat(metrics.bufferedCalls()).isEqualTo(calls);
		assertThat(metrics.failedCalls()).isEqualTo(countFailures(callsPerThread));
		assertThat(metrics.slowCalls()).isEqualTo(countSlowCalls(callsPerThread));
		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
	}

	@RepeatedTest(10)
	void smallCountWindowStaysConsistent() throws Exception {
		int size = 64;
		int callsPerThread = 500;
		CircuitBreaker breaker = CircuitBreaker.of("race",
				config().countBasedWindow(size).minimumNumberOfCalls(size).build());
		breaker.transitionToMetricsOnly();

		// Even threads record calls that are both failed and slow, odd threads fast successes. Whichever
		// calls end up in the window, it therefore contains as many failed calls as slow ones.
		race(thread -> {
			boolean failedAndSlow = thread % 2 == 0;
			for (int i = 0; i < callsPerThread; i++) {
				record(breaker, breaker.acquirePermission(), failedAndSlow, failedAndSlow);
			}
		});

		CircuitBreakerMetrics raced = breaker.getMetrics();
		assertThat(raced.bufferedCalls()).isEqualTo(size);
		assertThat(raced.failedCalls()).isBetween(0, size);
		assertThat(raced.slowCalls()).isEqualTo(raced.failedCalls());

		// One pass of known calls replaces every slot, so any count the race corrupted shows up here.
		for (int i = 0; i < size; i++) {
			record(breaker, breaker.acquirePermission(), i < 24, i >= 24 && i < 34);
		}
		CircuitBreakerMetrics known = breaker.getMetrics();
		assertThat(known.bufferedCalls()).isEqualTo(size);
		assertThat(known.failedCalls()).isEqualTo(24);
		assertThat(known.slowCalls()).isEqualTo(10);

		for (int i = 0; i < size; i++) {
			record(breaker, breaker.acquirePermission(), false, false);
		}
		CircuitBreakerMetrics successes = breaker.getMetrics();
		assertThat(successes.bufferedCalls()).isEqualTo(size);
		assertThat(successes.failedCalls()).isZero();
		assertThat(successes.slowCalls()).isZero();
		assertThat(breaker.getState()).isEqualTo(State.METRICS_ONLY);
	}

	@RepeatedTest(10)
	void timeWindowRecordsEveryCall() throws Exception {
		int callsPerThread = 500;
		int calls = THREADS * callsPerThread;
		CircuitBreaker breaker = CircuitBreaker.of("race", config().timeBasedWindow(Duration.ofSeconds(10))
			.minimumNumberOfCalls(calls)
			.failureRateThreshold(100)
			.slowCallRateThreshold(100)
			.build());

		race(thread -> {
			for (int i = 0; i < callsPerThread; i++) {
				record(breaker, breaker.acquirePermission(), fails(thread, i), isSlow(i));
			}
		});

		CircuitBreakerMetrics metrics = breaker.getMetrics();
		assertThat(metrics.bufferedCalls()).isEqualTo(calls);
		assertThat(metrics.failedCalls()).isEqualTo(countFailures(callsPerThread));
		assertThat(metrics.slowCalls()).isEqualTo(countSlowCalls(callsPerThread));
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(breaker.getMetrics().bufferedCalls()).isZero();
	}

	@RepeatedTest(20)
	void returnedTrialPermitsAreNeverLost(RepetitionInfo repetition) throws Exception {
		int permitted = 1 + repetition.getCurrentRepetition() % 4;
		CircuitBreaker breaker = halfOpenBreaker(config().permittedNumberOfCallsInHalfOpenState(permitted));

		// Every thread keeps asking until it got its permits, so that running threads compete for a slot
		// the moment it is returned. A thread counts itself in flight only while it holds a permit, so the
		// count can never exceed the permitted calls unless the breaker issued a slot twice.
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger maxInFlight = new AtomicInteger();
		race(thread -> {
			int granted = 0;
			for (int attempt = 0; attempt < MAX_ATTEMPTS && granted < GRANTS_PER_THREAD; attempt++) {
				long permit = breaker.tryAcquirePermission();
				if (permit == CircuitBreaker.NO_PERMIT) {
					continue;
				}
				granted++;
				maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
				inFlight.decrementAndGet();
				if (granted % 2 == 0) {
					breaker.releasePermission(permit);
				}
				else {
					breaker.onError(permit, 0, new IgnoredException());
				}
			}
		});

		assertThat(maxInFlight.get()).isBetween(1, permitted);
		assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);
		assertThat(breaker.getMetrics().bufferedCalls()).isZero();
		assertThat(acquireAll(breaker)).hasSize(permitted);
	}

	@Test
	void duplicateReleaseDoesNotFreeReissuedSlot() {
		CircuitBreaker breaker = halfOpenBreaker(config().permittedNumberOfCallsInHalfOpenState(1));
		long first = breaker.acquirePermission();
		breaker.releasePermission(first);
		long second = breaker.acquirePermission();

		breaker.releasePermission(first);

		assertThat(breaker.tryAcquirePermission()).isEqualTo(CircuitBreaker.NO_PERMIT);
		breaker.onSuccess(second, 0);
		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
	}

	@Test
	void duplicateOutcomeDoesNotTakeReissuedSlot() {
		CircuitBreaker breaker = halfOpenBreaker(config().permittedNumberOfCallsInHalfOpenState(1));
		long first = breaker.acquirePermission();
		breaker.onError(first, 0, new IgnoredException());
		long second = breaker.acquirePermission();

		breaker.onError(first, 0, new IllegalStateException("reported twice"));

		assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);
		assertThat(breaker.getMetrics().bufferedCalls()).isZero();
		breaker.onSuccess(second, 0);
		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
	}

	@RepeatedTest(20)
	void duplicateReleasesNeverExceedPermittedCalls() throws Exception {
		int permitted = 1;
		CircuitBreaker breaker = halfOpenBreaker(config().permittedNumberOfCallsInHalfOpenState(permitted));

		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger maxInFlight = new AtomicInteger();
		race(thread -> {
			for (int i = 0; i < 300; i++) {
				long permit = breaker.tryAcquirePermission();
				if (permit == CircuitBreaker.NO_PERMIT) {
					continue;
				}
				// The yields let the slot be issued again between the two releases, and let the duplicate
				// release land while another thread holds the slot.
				maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
				Thread.yield();
				inFlight.decrementAndGet();
				breaker.releasePermission(permit);
				Thread.yield();
				breaker.releasePermission(permit);
			}
		});

		assertThat(maxInFlight.get()).isBetween(1, permitted);
		assertThat(acquireAll(breaker)).hasSize(permitted);
	}

	@RepeatedTest(40)
	void trippingFailuresCauseOneTransition() throws Exception {
		int failuresPerThread = 200;
		int minimumCalls = THREADS * failuresPerThread / 2;
		CircuitBreaker breaker = CircuitBreaker.of("race", config().countBasedWindow(THREADS * failuresPerThread)
			.minimumNumberOfCalls(minimumCalls)
			.failureRateThreshold(50)
			.build());
		EventCounter events = listenTo(breaker);

		// Every call fails, so the window trips in the middle of the race, at the minimum number of calls,
		// and again on every later failure that still reaches the closed state. Permits are taken before
		// the race, so every thread records all its failures, and the threads that trip ask for the same
		// transition.
		long[][] permits = new long[THREADS][failuresPerThread];
		for (long[] threadPermits : permits) {
			for (int i = 0; i < failuresPerThread; i++) {
				threadPermits[i] = breaker.acquirePermission();
			}
		}
		race(thread -> {
			for (long permit : permits[thread]) {
				record(breaker, permit, true, false);
			}
		});

		assertThat(breaker.getState()).isEqualTo(State.OPEN);
		assertThat(events.transitions(State.CLOSED, State.OPEN)).isEqualTo(1);
		assertThat(events.transitionCount()).isEqualTo(1);
		assertThat(events.failureRateExceeded()).isEqualTo(1);
	}

	@RepeatedTest(30)
	void trialOutcomesCauseOneDecision(RepetitionInfo repetition) throws Exception {
		boolean trialsFail = repetition.getCurrentRepetition() % 2 == 0;
		// Half of the trial calls decide; the other half end just after the decision and are late.
		CircuitBreaker breaker = halfOpenBreaker(config().countBasedWindow(THREADS)
			.minimumNumberOfCalls(THREADS / 2)
			.failureRateThreshold(50)
			.permittedNumberOfCallsInHalfOpenState(THREADS));
		EventCounter events = listenTo(breaker);
		long[] permits = acquireAll(breaker).stream().mapToLong(Long::longValue).toArray();
		assertThat(permits).hasSize(THREADS);

		race(thread -> record(breaker, permits[thread], trialsFail, false));

		State decided = trialsFail ? State.OPEN : State.CLOSED;
		assertThat(breaker.getState()).isEqualTo(decided);
		assertThat(events.transitions(State.HALF_OPEN, decided)).isEqualTo(1);
		assertThat(events.transitionCount()).isEqualTo(1);
		if (!trialsFail) {
			assertThat(breaker.getMetrics().bufferedCalls()).isZero();
		}
	}

	@RepeatedTest(20)
	void lateOutcomesStayOutOfNewWindow() throws Exception {
		int lateCallsPerThread = 50;
		CircuitBreaker breaker = CircuitBreaker.of("race", config().countBasedWindow(1000)
			.minimumNumberOfCalls(1000)
			.build());
		long[][] permits = new long[THREADS][lateCallsPerThread];
		for (long[] threadPermits : permits) {
			for (int i = 0; i < lateCallsPerThread; i++) {
				threadPermits[i] = breaker.acquirePermission();
			}
		}

		// Thread 0 moves the breaker to a new closed state while the others report failed calls that
		// started in the old one.
		race(thread -> {
			if (thread == 0) {
				breaker.transitionToForcedOpen();
				breaker.transitionToClosed();
				return;
			}
			for (long permit : permits[thread]) {
				record(breaker, permit, true, true);
			}
		});

		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
		CircuitBreakerMetrics metrics = breaker.getMetrics();
		assertThat(metrics.bufferedCalls()).isZero();
		assertThat(metrics.failedCalls()).isZero();
		assertThat(metrics.slowCalls()).isZero();
		for (int i = 0; i < 10; i++) {
			record(breaker, breaker.acquirePermission(), false, false);
		}
		assertThat(breaker.getMetrics().bufferedCalls()).isEqualTo(10);
	}

	private CircuitBreakerConfig.Builder config() {
		return CircuitBreakerConfig.custom()
			.countBasedWindow(100)
			.minimumNumberOfCalls(100)
			.slowCallDurationThreshold(SLOW)
			.waitDurationInOpenState(WAIT)
			.ignoreExceptions(List.<Class<? extends Throwable>>of(IgnoredException.class))
			.ticker(this.clock)
			.scheduler(this.clock);
	}

	/**
	 * Returns a breaker that the scheduler has already moved to HALF_OPEN, with every trial permit free.
	 */
	private CircuitBreaker halfOpenBreaker(CircuitBreakerConfig.Builder builder) {
		CircuitBreaker breaker = CircuitBreaker.of("race", builder.automaticTransitionFromOpenToHalfOpen(true).build());
		breaker.transitionToOpen();
		this.clock.advance(WAIT.plusNanos(1));
		assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);
		return breaker;
	}

	/**
	 * Acquires permits until the breaker rejects one, and returns them.
	 */
	private static List<Long> acquireAll(CircuitBreaker breaker) {
		List<Long> permits = new ArrayList<>();
		long permit;
		while ((permit = breaker.tryAcquirePermission()) != CircuitBreaker.NO_PERMIT) {
			permits.add(permit);
		}
		return permits;
	}

	private static void record(CircuitBreaker breaker, long permit, boolean failed, boolean slow) {
		long durationNanos = slow ? SLOW.toNanos() + 1 : 0;
		if (failed) {
			breaker.onError(permit, durationNanos, new IllegalStateException("failed"));
		}
		else {
			breaker.onSuccess(permit, durationNanos);
		}
	}

	private static boolean fails(int thread, int call) {
		return (thread + call) % 4 == 0;
	}

	private static boolean isSlow(int call) {
		return call % 5 == 0;
	}

	private static int countFailures(int callsPerThread) {
		int failures = 0;
		for (int thread = 0; thread < THREADS; thread++) {
			for (int i = 0; i < callsPerThread; i++) {
				failures += fails(thread, i) ? 1 : 0;
			}
		}
		return failures;
	}

	private static int countSlowCalls(int callsPerThread) {
		int slow = 0;
		for (int i = 0; i < callsPerThread; i++) {
			slow += isSlow(i) ? THREADS : 0;
		}
		return slow;
	}

	private static EventCounter listenTo(CircuitBreaker breaker) {
		EventCounter events = new EventCounter();
		breaker.addListener(events);
		return events;
	}

	/**
	 * Runs the task on {@value #THREADS} threads released together from a barrier, and waits for all
	 * of them. A task that throws fails the test.
	 */
	private static void race(ThreadTask task) throws Exception {
		CyclicBarrier start = new CyclicBarrier(THREADS);
		AtomicInteger awake = new AtomicInteger();
		List<Future<?>> threads = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			int thread = i;
			threads.add(executor.submit(() -> {
				start.await();
				// The barrier wakes its threads one by one, and the thread that arrived last runs at once.
				// Waiting here until every thread is awake takes away that head start.
				awake.incrementAndGet();
				while (awake.get() < THREADS) {
					Thread.yield();
				}
				task.run(thread);
				return null;
			}));
		}
		for (Future<?> future : threads) {
			future.get(30, TimeUnit.SECONDS);
		}
	}

	/**
	 * The work of one thread in a race.
	 */
	@FunctionalInterface
	private interface ThreadTask {

		void run(int thread) throws Exception;

	}

	/**
	 * Counts transitions, threshold events and rejections. Thread-safe.
	 */
	private static final class EventCounter implements CircuitBreakerListener {

		private final Map<String, LongAdder> transitions = new ConcurrentHashMap<>();

		private final LongAdder failureRateExceeded = new LongAdder();

		private final LongAdder notPermitted = new LongAdder();

		@Override
		public void onStateTransition(CircuitBreaker breaker, State from, State to) {
			this.transitions.computeIfAbsent(from + " -> " + to, (key) -> new LongAdder()).increment();
		}

		@Override
		public void onFailureRateExceeded(CircuitBreaker breaker, float failureRate) {
			this.failureRateExceeded.increment();
		}

		@Override
		public void onCallNotPermitted(CircuitBreaker breaker) {
			this.notPermitted.increment();
		}

		long transitions(State from, State to) {
			LongAdder count = this.transitions.get(from + " -> " + to);
			return (count != null) ? count.sum() : 0;
		}

		long transitionCount() {
			return this.transitions.values().stream().mapToLong(LongAdder::sum).sum();
		}

		long failureRateExceeded() {
			return this.failureRateExceeded.sum();
		}

		long notPermitted() {
			return this.notPermitted.sum();
		}

	}

	/**
	 * An exception type the tested configurations ignore.
	 */
	private static final class IgnoredException extends RuntimeException {

		IgnoredException() {
			super("ignored by the breaker");
		}

	}

}
