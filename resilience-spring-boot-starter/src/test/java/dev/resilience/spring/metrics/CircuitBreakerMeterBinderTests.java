package dev.resilience.spring.metrics;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.resilience.core.breaker.CallNotPermittedException;
import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.breaker.CircuitBreakerConfig;
import dev.resilience.core.breaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Tests for {@link CircuitBreakerMeterBinder} with a {@link SimpleMeterRegistry}.
 */
class CircuitBreakerMeterBinderTests {

	private final CircuitBreakerRegistry breakers = new CircuitBreakerRegistry(CircuitBreakerConfig.custom()
		.slidingWindowSize(4)
		.minimumNumberOfCalls(2)
		.failureRateThreshold(100)
		.ignoreExceptions(List.of(IllegalArgumentException.class))
		.build());

	private final CircuitBreakerMeterBinder binder = new CircuitBreakerMeterBinder(this.breakers);

	private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

	@Test
	void bindRegistersMetersOfExistingBreaker() {
		this.breakers.circuitBreaker("payments");
		this.binder.bindTo(this.meterRegistry);
		assertThat(this.meterRegistry.find("resilience.breaker.calls").tag("name", "payments").timers()).hasSize(3);
		assertThat(this.meterRegistry.find("resilience.breaker.state").tag("name", "payments").gauges()).hasSize(6);
		assertThat(this.meterRegistry.find("resilience.breaker.failure.rate").tag("name", "payments").gauge())
			.isNotNull();
		assertThat(this.meterRegistry.find("resilience.breaker.not.permitted.calls").tag("name", "payments").counter())
			.isNotNull();
	}

	@Test
	void everyMeterHasDescriptionAndUnit() {
		this.breakers.circuitBreaker("payments");
		this.binder.bindTo(this.meterRegistry);
		List<Meter> meters = this.meterRegistry.getMeters();
		assertThat(meters).hasSize(11);
		for (Meter meter : meters) {
			assertThat(meter.getId().getDescription()).as(meter.getId().toString()).isNotBlank();
			if (!(meter instanceof Timer)) {
				assertThat(meter.getId().getBaseUnit()).as(meter.getId().toString()).isNotBlank();
			}
		}
		assertThat(gauge("resilience.breaker.failure.rate", "payments").getId().getBaseUnit()).isEqualTo("percent");
	}

	@Test
	void callsRecordedByOutcome() throws Throwable {
		CircuitBreaker breaker = this.breakers.circuitBreaker("payments");
		this.binder.bindTo(this.meterRegistry);
		breaker.execute(() -> "ok");
		assertThatIOException().isThrownBy(() -> breaker.execute(() -> {
			throw new IOException("down");
		}));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> breaker.execute(() -> {
			throw new IllegalArgumentException("bad input");
		}));
		breaker.execute(() -> "ok again");
		assertThat(timer("payments", "success").count()).isEqualTo(2);
		assertThat(timer("payments", "failure").count()).isEqualTo(1);
		assertThat(timer("payments", "ignored").count()).isEqualTo(1);
	}

	@Test
	void stateGaugesFollowState() {
		CircuitBreaker breaker = this.breakers.circuitBreaker("payments");
		this.binder.bindTo(this.meterRegistry);
		assertThat(stateGauge("payments", "closed").value()).isEqualTo(1);
		assertThat(stateGauge("payments", "open").value()).isZero();
		breaker.transitionToOpen();
		assertThat(stateGauge("payments", "closed").value()).isZero();
		assertThat(stateGauge("payments", "open").value()).isEqualTo(1);
		assertThat(stateGauge("payments", "half_open").value()).isZero();
		assertThat(stateGauge("payments", "forced_open").value()).isZero();
		assertThat(stateGauge("payments", "disabled").value()).isZero();
		assertThat(stateGauge("payments", "metrics_only").value()).isZero();
	}

	@Test
	void failureRateMinusOneBelowMinimumCalls() throws Throwable {
		CircuitBreaker breaker = this.breakers.circuitBreaker("payments");
		this.binder.bindTo(this.meterRegistry);
		assertThat(gauge("resilience.breaker.failure.rate", "payments").value()).isEqualTo(-1);
		breaker.execute(() -> "ok");
		assertThat(gauge("resilience.breaker.failure.rate", "payments").value()).isEqualTo(-1);
		assertThatIOException().isThrownBy(() -> breaker.execute(() -> {
			throw new IOException("down");
		}));
		assertThat(gauge("resilience.breaker.failure.rate", "payments").value()).isEqualTo(50);
	}

	@Test
	void rejectedCallsCounted() {
		CircuitBreaker breaker = this.breakers.circuitBreaker("payments");
		this.binder.bindTo(this.meterRegistry);
		breaker.transitionToOpen();
		assertThatExceptionOfType(CallNotPermittedException.class).isThrownBy(() -> breaker.execute(() -> "never"));
		assertThatExceptionOfType(CallNotPermittedException.class).isThrownBy(() -> breaker.execute(() -> "never"));
		assertThat(notPermittedCounter("payments").count()).isEqualTo(2);
	}

	@Test
	void breakerCreatedAfterBindingGetsMeters() throws Throwable {
		this.binder.bindTo(this.meterRegistry);
		CircuitBreaker breaker = this.breakers.circuitBreaker("later");
		breaker.execute(() -> "ok");
		assertThat(timer("later", "success").count()).isEqualTo(1);
		assertThat(this.meterRegistry.find("resilience.breaker.state").tag("name", "later").gauges()).hasSize(6);
	}

	@Test
	void removedBreakerLosesMeters() {
		this.breakers.circuitBreaker("payments");
		this.breakers.circuitBreaker("accounts");
		this.binder.bindTo(this.meterRegistry);
		this.breakers.remove("payments");
		assertThat(this.meterRegistry.find("resilience.breaker.state").tag("name", "payments").gauges()).isEmpty();
		assertThat(this.meterRegistry.find("resilience.breaker.calls").tag("name", "payments").timers()).isEmpty();
		assertThat(this.meterRegistry.find("resilience.breaker.state").tag("name", "accounts").gauges()).hasSize(6);
	}

	@Test
	void replacedBreakerMovesMetersToReplacement() throws Throwable {
		CircuitBreaker previous = this.breakers.circuitBreaker("payments");
		this.binder.bindTo(this.meterRegistry);
		previous.transitionToOpen();
		CircuitBreaker replacement = this.breakers.replace("payments", CircuitBreakerConfig.ofDefaults());
		assertThat(stateGauge("payments", "closed").value()).isEqualTo(1);
		assertThat(stateGauge("payments", "open").value()).isZero();
		replacement.execute(() -> "ok");
		assertThat(timer("payments", "success").count()).isEqualTo(1);
		assertThat(this.meterRegistry.find("resilience.breaker.state").tag("name", "payments").gauges()).hasSize(6);
	}

	@Test
	void bindingSameRegistryTwiceRegistersOnce() throws Throwable {
		CircuitBreaker breaker = this.breakers.circuitBreaker("payments");
		this.binder.bindTo(this.meterRegistry);
		this.binder.bindTo(this.meterRegistry);
		breaker.execute(() -> "ok");
		assertThat(timer("payments", "success").count()).isEqualTo(1);
	}

	@Test
	void bindingTwoRegistriesRecordsInBoth() throws Throwable {
		SimpleMeterRegistry other = new SimpleMeterRegistry();
		CircuitBreaker breaker = this.breakers.circuitBreaker("payments");
		this.binder.bindTo(this.meterRegistry);
		this.binder.bindTo(other);
		breaker.execute(() -> "ok");
		assertThat(timer("payments", "success").count()).isEqualTo(1);
		assertThat(other.get("resilience.breaker.calls").tag("name", "payments").tag("outcome", "success").timer().count())
			.isEqualTo(1);
	}

	@Test
	void breakersCreatedDuringBindingBoundExactlyOnce() throws Exception {
		int threads = 8;
		int breakersPerThread = 50;
		CyclicBarrier start = new CyclicBarrier(threads + 1);
		ExecutorService executor = Executors.newFixedThreadPool(threads + 1);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int thread = 0; thread < threads; thread++) {
				int id = thread;
				futures.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i < breakersPerThread; i++) {
						this.breakers.circuitBreaker("breaker-" + id + "-" + i);
					}
					return null;
				}));
			}
			futures.add(executor.submit(() -> {
				start.await();
				this.binder.bindTo(this.meterRegistry);
				return null;
			}));
			for (Future<?> future : futures) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.breakers.getAll()).hasSize(threads * breakersPerThread);
		for (CircuitBreaker breaker : this.breakers.getAll()) {
			try {
				breaker.execute(() -> "ok");
			}
			catch (Throwable ex) {
				throw new AssertionError(ex);
			}
			assertThat(this.meterRegistry.find("resilience.breaker.state").tag("name", breaker.getName()).gauges())
				.hasSize(6);
			assertThat(timer(breaker.getName(), "success").count()).as(breaker.getName()).isEqualTo(1);
		}
	}

	private Timer timer(String name, String outcome) {
		return this.meterRegistry.get("resilience.breaker.calls").tag("name", name).tag("outcome", outcome).timer();
	}

	private Gauge stateGauge(String name, String state) {
		return this.meterRegistry.get("resilience.breaker.state").tag("name", name).tag("state", state).gauge();
	}

	private Gauge gauge(String meterName, String name) {
		return this.meterRegistry.get(meterName).tag("name", name).gauge();
	}

	private Counter notPermittedCounter(String name) {
		return this.meterRegistry.get("resilience.breaker.not.permitted.calls").tag("name", name).counter();
	}

}
