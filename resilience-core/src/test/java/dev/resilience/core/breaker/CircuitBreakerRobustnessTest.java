package dev.resilience.core.breaker;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.resilience.core.breaker.CircuitBreaker.State;
import dev.resilience.core.time.ManualClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Faults in user code around the breaker (predicates, listeners, registry listeners) must never
 * leave a permit unsettled, change a call's outcome, or reorder events.
 */
class CircuitBreakerRobustnessTest {

	private final ManualClock clock = new ManualClock();

	private CircuitBreakerConfig.Builder config() {
		return CircuitBreakerConfig.custom()
			.countBasedWindow(4)
			.permittedNumberOfCallsInHalfOpenState(1)
			.minimumNumberOfCalls(1)
			.waitDurationInOpenState(Duration.ofSeconds(10))
			.ticker(this.clock)
			.scheduler(this.clock);
	}

	private CircuitBreaker halfOpen(CircuitBreakerConfig config) {
		CircuitBreaker breaker = CircuitBreaker.of("test", config);
		breaker.transitionToOpen();
		this.clock.advance(Duration.ofSeconds(11));
		return breaker;
	}

	@SuppressWarnings("unchecked")
	private static <E extends Throwable> void sneakyThrow(Throwable ex) throws E {
		throw (E) ex;
	}

	@Test
	void throwingExceptionPredicateStillSettlesPermit() {
		CircuitBreaker breaker = halfOpen(config().recordException((ex) -> ex.getMessage().isEmpty()).build());
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> breaker.execute(() -> {
			throw new IOException();
		}));
		assertThat(breaker.getState()).isEqualTo(State.OPEN);
	}

	@Test
	void throwingResultPredicateStillSettlesPermit() throws Throwable {
		CircuitBreaker breaker = halfOpen(config().recordResult((result) -> ((String) result).isEmpty()).build());
		assertThat(breaker.execute(() -> (String) null)).isNull();
		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
	}

	@Test
	void throwingPredicateNeverLeavesAsyncCallerWaiting() {
		CircuitBreaker breaker = CircuitBreaker.of("test",
				config().recordResult((result) -> ((String) result).isEmpty()).build());
		CompletableFuture<String> downstream = new CompletableFuture<>();
		CompletionStage<String> result = breaker.executeCompletionStage(() -> downstream);
		downstream.complete(null);
		assertThat(result.toCompletableFuture()).isCompletedWithValue(null);
	}

	@Test
	void listenerCheckedExceptionNeverReachesCaller() throws Throwable {
		CircuitBreaker breaker = CircuitBreaker.of("test", config().build());
		breaker.addListener(new CircuitBreakerListener() {

			@Override
			public void onSuccess(CircuitBreaker source, long durationNanos) {
				sneakyThrow(new IOException("listener bug"));
			}

		});
		assertThat(breaker.execute(() -> "value")).isEqualTo("value");
	}

	@Test
	void listenerStackOverflowNeverReachesCaller() throws Throwable {
		CircuitBreaker breaker = CircuitBreaker.of("test", config().build());
		breaker.addListener(new CircuitBreakerListener() {

			@Override
			public void onSuccess(CircuitBreaker source, long durationNanos) {
				throw new StackOverflowError("listener recursion");
			}

		});
		assertThat(breaker.execute(() -> "value")).isEqualTo("value");
	}

	@Test
	void reentrantListenerKeepsTransitionOrder() {
		CircuitBreaker breaker = CircuitBreaker.of("test", config().build());
		breaker.addListener(new CircuitBreakerListener() {

			@Override
			public void onStateTransition(CircuitBreaker source, State from, State to) {
				if (to == State.OPEN) {
					source.transitionToForcedOpen();
				}
			}

		});
		List<String> seen = new ArrayList<>();
		breaker.addListener(new CircuitBreakerListener() {

			@Override
			public void onStateTransition(CircuitBreaker source, State from, State to) {
				seen.add(from + "->" + to);
			}

		});
		breaker.onError(breaker.acquirePermission(), 0, new IOException("boom"));
		assertThat(breaker.getState()).isEqualTo(State.FORCED_OPEN);
		assertThat(seen).containsExactly("CLOSED->OPEN", "OPEN->FORCED_OPEN");
	}

	@Test
	void registryListenersSeeAddBeforeRemove() throws Exception {
		CircuitBreakerRegistry registry = new CircuitBreakerRegistry(config().build());
		CountDownLatch insideOnAdded = new CountDownLatch(1);
		CountDownLatch releaseOnAdded = new CountDownLatch(1);
		List<String> events = new CopyOnWriteArrayList<>();
		registry.addRegistryListener(new CircuitBreakerRegistry.RegistryListener() {

			@Override
			public void onAdded(CircuitBreaker breaker) {
				insideOnAdded.countDown();
				await(releaseOnAdded);
				events.add("added");
			}

			@Override
			public void onRemoved(CircuitBreaker breaker) {
				events.add("removed");
			}

		});
		Thread creator = new Thread(() -> registry.circuitBreaker("pricing"));
		creator.start();
		assertThat(insideOnAdded.await(5, TimeUnit.SECONDS)).isTrue();
		Thread remover = new Thread(() -> registry.remove("pricing"));
		remover.start();
		remover.join(200);
		releaseOnAdded.countDown();
		creator.join(5_000);
		remover.join(5_000);
		assertThat(events).containsExactly("added", "removed");
		assertThat(registry.find("pricing")).isEmpty();
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
