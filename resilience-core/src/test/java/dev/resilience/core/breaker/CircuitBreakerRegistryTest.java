package dev.resilience.core.breaker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.core.time.ManualClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CircuitBreakerRegistry}.
 */
class CircuitBreakerRegistryTest {

	private final ManualClock clock = new ManualClock();

	private final CircuitBreakerConfig config = CircuitBreakerConfig.custom()
		.countBasedWindow(2)
		.minimumNumberOfCalls(1)
		.automaticTransitionFromOpenToHalfOpen(true)
		.waitDurationInOpenState(Duration.ofSeconds(5))
		.ticker(this.clock)
		.scheduler(this.clock)
		.build();

	@Test
	void concurrentLookupsCreateOneBreaker() throws Exception {
		CircuitBreakerRegistry registry = new CircuitBreakerRegistry(this.config);
		AtomicInteger added = new AtomicInteger();
		registry.addRegistryListener(new CircuitBreakerRegistry.RegistryListener() {

			@Override
			public void onAdded(CircuitBreaker breaker) {
				added.incrementAndGet();
			}

		});
		int threads = 16;
		CyclicBarrier start = new CyclicBarrier(threads);
		Set<CircuitBreaker> seen = ConcurrentHashMap.newKeySet();
		List<Thread> workers = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			Thread worker = new Thread(() -> {
				try {
					start.await();
					seen.add(registry.circuitBreaker("shared"));
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			worker.start();
			workers.add(worker);
		}
		for (Thread worker : workers) {
			worker.join();
		}
		assertThat(seen).hasSize(1);
		assertThat(added).hasValue(1);
	}

	@Test
	void throwingRegistryListenerDoesNotStopOthers() {
		CircuitBreakerRegistry registry = new CircuitBreakerRegistry(this.config);
		AtomicInteger added = new AtomicInteger();
		registry.addRegistryListener(new CircuitBreakerRegistry.RegistryListener() {

			@Override
			public void onAdded(CircuitBreaker breaker) {
				throw new IllegalStateException("listener bug");
			}

		});
		registry.addRegistryListener(new CircuitBreakerRegistry.RegistryListener() {

			@Override
			public void onAdded(CircuitBreaker breaker) {
				added.incrementAndGet();
			}

		});
		assertThat(registry.circuitBreaker("pricing").getName()).isEqualTo("pricing");
		assertThat(added).hasValue(1);
	}

	@Test
	void findNeverCreates() {
		CircuitBreakerRegistry registry = new CircuitBreakerRegistry(this.config);
		assertThat(registry.find("missing")).isEmpty();
		assertThat(registry.getNames()).isEmpty();
	}

	@Test
	void getAllIsSortedByName() {
		CircuitBreakerRegistry registry = new CircuitBreakerRegistry(this.config);
		registry.circuitBreaker("pricing");
		registry.circuitBreaker("inventory");
		registry.circuitBreaker("accounts");
		assertThat(registry.getAll()).extracting(CircuitBreaker::getName)
			.containsExactly("accounts", "inventory", "pricing");
	}

	@Test
	void removeCancelsScheduledTransitionAndDropsListeners() {
		CircuitBreakerRegistry registry = new CircuitBreakerRegistry(this.config);
		CircuitBreaker breaker = registry.circuitBreaker("pricing");
		AtomicInteger transitions = new AtomicInteger();
		breaker.addListener(new CircuitBreakerListener() {

			@Override
			public void onStateTransition(CircuitBreaker source, CircuitBreaker.State from, CircuitBreaker.State to) {
				transitions.incrementAndGet();
			}

		});
		breaker.transitionToOpen();
		assertThat(this.clock.pendingTasks()).isEqualTo(1);
		assertThat(registry.remove("pricing")).containsSame(breaker);
		assertThat(this.clock.pendingTasks()).isZero();
		breaker.transitionToClosed();
		assertThat(transitions).hasValue(1);
		assertThat(registry.find("pricing")).isEmpty();
	}

	@Test
	void replaceInstallsFreshBreakerWithNewConfig() {
		CircuitBreakerRegistry registry = new CircuitBreakerRegistry(this.config);
		CircuitBreaker previous = registry.circuitBreaker("pricing");
		previous.transitionToOpen();
		List<String> events = new ArrayList<>();
		registry.addRegistryListener(new CircuitBreakerRegistry.RegistryListener() {

			@Override
			public void onReplaced(CircuitBreaker old, CircuitBreaker replacement) {
				events.add(old.getState() + " replaced by " + replacement.getState());
			}

		});
		CircuitBreakerConfig larger = this.config.toBuilder().countBasedWindow(50).build();
		CircuitBreaker replacement = registry.replace("pricing", larger);
		assertThat(registry.circuitBreaker("pricing")).isSameAs(replacement);
		assertThat(replacement.getConfig().getSlidingWindowSize()).isEqualTo(50);
		assertThat(this.clock.pendingTasks()).isZero();
		assertThat(events).containsExactly("OPEN replaced by CLOSED");
	}

	@Test
	void configChosenByName() {
		CircuitBreakerRegistry registry = new CircuitBreakerRegistry(
				(name) -> this.config.toBuilder().countBasedWindow(name.length()).build());
		assertThat(registry.circuitBreaker("abc").getConfig().getSlidingWindowSize()).isEqualTo(3);
	}

	@Test
	void blankNameIsRejected() {
		CircuitBreakerRegistry registry = new CircuitBreakerRegistry(this.config);
		assertThatIllegalArgumentException().isThrownBy(() -> registry.circuitBreaker(" "))
			.withMessageContaining("must not be blank");
	}

	@Test
	void removedRegistryListenerIsNotCalled() {
		CircuitBreakerRegistry registry = new CircuitBreakerRegistry(this.config);
		List<String> added = new ArrayList<>();
		CircuitBreakerRegistry.RegistryListener listener = new CircuitBreakerRegistry.RegistryListener() {

			@Override
			public void onAdded(CircuitBreaker breaker) {
				added.add(breaker.getName());
			}

		};
		registry.addRegistryListener(listener);
		registry.circuitBreaker("first");
		registry.removeRegistryListener(listener);
		registry.circuitBreaker("second");
		assertThat(added).containsExactly("first");
	}

}
