package dev.resilience.core.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Tests for {@link RetryRegistry}.
 */
class RetryRegistryTests {

	private static final RetryConfig FIVE_ATTEMPTS = RetryConfig.custom().maxAttempts(5).build();

	@Test
	void concurrentRequestsCreateOneRetry() throws Exception {
		int threads = 16;
		int rounds = 50;
		AtomicInteger configLookups = new AtomicInteger();
		RetryRegistry registry = new RetryRegistry((name) -> {
			configLookups.incrementAndGet();
			return RetryConfig.ofDefaults();
		});
		ConcurrentLinkedQueue<Retry> added = new ConcurrentLinkedQueue<>();
		registry.addRegistryListener(new RetryRegistry.RegistryListener() {

			@Override
			public void onAdded(Retry retry) {
				added.add(retry);
			}

		});
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			for (int round = 0; round < rounds; round++) {
				String name = "shared-" + round;
				CyclicBarrier barrier = new CyclicBarrier(threads);
				List<Future<Retry>> results = new ArrayList<>();
				for (int i = 0; i < threads; i++) {
					results.add(executor.submit(() -> {
						barrier.await(10, TimeUnit.SECONDS);
						return registry.retry(name);
					}));
				}
				Set<Retry> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
				for (Future<Retry> result : results) {
					distinct.add(result.get(10, TimeUnit.SECONDS));
				}
				assertThat(distinct).as("round %d", round).hasSize(1);
			}
		}
		finally {
			executor.shutdownNow();
		}

		assertThat(added).hasSize(rounds);
		assertThat(configLookups).hasValue(rounds);
		assertThat(registry.getNames()).hasSize(rounds);
	}

	@Test
	void retryUsesConfigForName() {
		RetryRegistry registry = new RetryRegistry((name) -> name.startsWith("slow")
				? FIVE_ATTEMPTS : RetryConfig.ofDefaults());

		assertThat(registry.retry("slow-service").getConfig()).isSameAs(FIVE_ATTEMPTS);
		assertThat(registry.retry("fast-service").getConfig()).isSameAs(RetryConfig.ofDefaults());
	}

	@Test
	void existingRetryKeepsItsConfig() {
		RetryRegistry registry = RetryRegistry.ofDefaults();
		Retry first = registry.retry("orders");

		Retry second = registry.retry("orders", FIVE_ATTEMPTS);

		assertThat(second).isSameAs(first);
		assertThat(second.getConfig()).isSameAs(RetryConfig.ofDefaults());
	}

	@Test
	void findNeverCreates() {
		RetryRegistry registry = RetryRegistry.ofDefaults();

		assertThat(registry.find("orders")).isEmpty();
		assertThat(registry.find(null)).isEmpty();
		assertThat(registry.getNames()).isEmpty();
		Retry created = registry.retry("orders");
		assertThat(registry.find("orders")).containsSame(created);
	}

	@Test
	void getAllIsSortedByName() {
		RetryRegistry registry = RetryRegistry.ofDefaults();
		registry.retry("payments");
		registry.retry("accounts");
		registry.retry("orders");

		assertThat(registry.getAll()).extracting(Retry::getName).containsExactly("accounts", "orders", "payments");
		assertThat(registry.getNames()).containsExactlyInAnyOrder("accounts", "orders", "payments");
	}

	@Test
	void removeAndReplaceNotifyListeners() {
		RetryRegistry registry = RetryRegistry.ofDefaults();
		List<String> events = new ArrayList<>();
		registry.addRegistryListener(new RetryRegistry.RegistryListener() {

			@Override
			public void onAdded(Retry retry) {
				events.add("added " + retry.getName());
			}

			@Override
			public void onRemoved(Retry retry) {
				events.add("removed " + retry.getName());
			}

			@Override
			public void onReplaced(Retry previous, Retry replacement) {
				events.add("replaced " + previous.getName() + " " + replacement.getConfig().getMaxAttempts());
			}

		});
		Retry original = registry.retry("orders");

		Retry replacement = registry.replace("orders", FIVE_ATTEMPTS);
		registry.replace("payments", FIVE_ATTEMPTS);
		assertThat(registry.remove("orders")).containsSame(replacement);
		assertThat(registry.remove("orders")).isEmpty();

		assertThat(replacement).isNotSameAs(original);
		assertThat(events).containsExactly("added orders", "replaced orders 5", "added payments", "removed orders");
		assertThat(registry.getNames()).containsExactly("payments");
	}

	@Test
	void throwingRegistryListenerDoesNotStopOthers() {
		RetryRegistry registry = RetryRegistry.ofDefaults();
		List<String> added = new ArrayList<>();
		registry.addRegistryListener(new RetryRegistry.RegistryListener() {

			@Override
			public void onAdded(Retry retry) {
				throw new IllegalStateException("listener failed");
			}

		});
		registry.addRegistryListener(new RetryRegistry.RegistryListener() {

			@Override
			public void onAdded(Retry retry) {
				added.add(retry.getName());
			}

		});

		Retry retry = registry.retry("orders");

		assertThat(retry.getName()).isEqualTo("orders");
		assertThat(added).containsExactly("orders");
	}

	@Test
	void blankNameIsRejected() {
		RetryRegistry registry = RetryRegistry.ofDefaults();

		assertThatIllegalArgumentException().isThrownBy(() -> registry.retry(" "))
			.withMessage("Retry name must not be blank, but was ' '");
		assertThatIllegalArgumentException().isThrownBy(() -> registry.replace(null, FIVE_ATTEMPTS))
			.withMessage("Retry name must not be blank, but was 'null'");
	}

	@Test
	void nullConfigFromFunctionIsReported() {
		RetryRegistry registry = new RetryRegistry((name) -> null);

		assertThatNullPointerException().isThrownBy(() -> registry.retry("orders"))
			.withMessage("The configuration function returned null for retry 'orders'");
		assertThat(registry.find("orders")).isEmpty();
	}

	@Test
	void registeredRetryRuns() throws Throwable {
		RetryRegistry registry = new RetryRegistry(RetryConfig.custom().waitDuration(Duration.ZERO).build());

		assertThat(registry.retry("orders").execute(() -> "ok")).isEqualTo("ok");
		assertThat(registry.retry("orders").getMetrics().successWithoutRetry()).isEqualTo(1);
	}

}
