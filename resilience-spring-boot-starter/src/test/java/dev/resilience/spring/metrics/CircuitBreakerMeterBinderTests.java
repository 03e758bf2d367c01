package dev.resilience.spring.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.EmptyStackException;
import java.util.InputMismatchException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
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
		assertThat(this.meterRegistry.find("resilience.breaker.slow.call.rate").tag("name", "payments").gauge())
			.isNotNull();
		assertThat(this.meterRegistry.find("resilience.breaker.buffered.calls").tag("name", "payments").gauges())
			.hasSize(2);
		assertThat(this.meterRegistry.find("resilience.breaker.transitions").tag("name", "payments").counters())
			.isEmpty();
	}

	@Test
	void everyMeterHasDescriptionAndUnit() {
		this.breakers.circuitBreaker("payments");
		this.binder.bindTo(this.meterRegistry);
		List<Meter> meters = this.meterRegistry.getMeters();
		assertThat(meters).hasSize(14);
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
		assertThat(timer("payments", "success", "none").count()).isEqualTo(2);
		assertThat(timer("payments", "failure", "IOException").count()).isEqualTo(1);
		assertThat(timer("payments", "failure", "none").count()).isZero();
		assertThat(timer("payments", "ignored", "IllegalArgumentException").count()).isEqualTo(1);
		assertThat(timer("payments", "ignored", "none").count()).isZero();
	}

	@Test
	void failedResultTaggedWithoutException() throws Throwable {
		CircuitBreaker breaker = this.breakers.circuitBreaker("results",
				CircuitBreakerConfig.custom().recordResult((result) -> result == null).build());
		this.binder.bindTo(this.meterRegistry);
		breaker.execute(() -> null);
		assertThat(timer("results", "failure", "none").count()).isEqualTo(1);
		assertThat(this.meterRegistry.find("resilience.breaker.calls").tag("name", "results").timers()).hasSize(3);
	}

	@Test
	void exceptionTagsCappedPerOutcome() {
		CircuitBreaker breaker = this.breakers.circuitBreaker("payments");
		breaker.transitionToMetricsOnly();
		this.binder.bindTo(this.meterRegistry);
		List<RuntimeException> errors = List.of(new IllegalStateException(), new UnsupportedOperationException(),
				new ArithmeticException(), new ArrayStoreException(), new ClassCastException(),
				new IndexOutOfBoundsException(), new NegativeArraySizeException(), new NullPointerException(),
				new SecurityException(), new NoSuchElementException(), new ConcurrentModificationException(),
				new EmptyStackException(), new BufferOverflowException(), new BufferUnderflowException(),
				new InputMismatchException(), new DateTimeException("time"), new UncheckedIOException(new IOException()),
				new UndeclaredThrowableException(null), new ArrayIndexOutOfBoundsException(),
				new StringIndexOutOfBoundsException(), new IllegalMonitorStateException(),
				new RejectedExecutionException(), new IllegalCallerException(), new LayerInstantiationException());
		assertThat(errors).hasSize(CircuitBreakerMeterBinder.MAX_EXCEPTION_TAGS + 4);
		for (RuntimeException error : errors) {
			breaker.onError(breaker.acquirePermission(), 1_000, error);
			breaker.onError(breaker.acquirePermission(), 1_000, error);
		}
		List<Timer> failures = List.copyOf(
				this.meterRegistry.find("resilience.breaker.calls").tag("name", "payments").tag("outcome", "failure").timers());
		assertThat(failures).hasSize(CircuitBreakerMeterBinder.MAX_EXCEPTION_TAGS + 2);
		assertThat(timer("payments", "failure", "IllegalStateException").count()).isEqualTo(2);
		assertThat(this.meterRegistry.find("resilience.breaker.calls")
			.tag("name", "payments")
			.tag("exception", "IllegalCallerException")
			.timer()).isNull();
		assertThat(timer("payments", "failure", "other").count()).isEqualTo(8);
	}

	@Test
	void transitionsCountedByFromAndTo() {
		CircuitBreaker breaker = this.breakers.circuitBreaker("payments");
		this.binder.bindTo(this.meterRegistry);
		breaker.transitionToOpen();
		breaker.transitionToClosed();
		breaker.transitionToOpen();
		assertThat(transitions("payments", "closed", "open").count()).isEqualTo(2);
		assertThat(transitions("payments", "open", "closed").count()).isEqualTo(1);
		assertThat(this.meterRegistry.find("resilience.breaker.transitions").tag("name", "payments").counters())
			.hasSize(2);
		Counter counter = transitions("payments", "closed", "open");
		assertThat(counter.getId().getDescription()).isNotBlank();
		assertThat(counter.getId().getBaseUnit()).isEqualTo("transitions");
	}

	@Test
	void windowGaugesFollowCalls() throws Throwable {
		CircuitBreaker breaker = this.breakers.circuitBreaker("slow", CircuitBreakerConfig.custom()
			.slidingWindowSize(10)
			.minimumNumberOfCalls(4)
			.slowCallDurationThreshold(Duration.ofMillis(1))
			.build());
		this.binder.bindTo(this.meterRegistry);
		breaker.onSuccess(breaker.acquirePermission(), Duration.ofMillis(5).toNanos());
		breaker.onSuccess(breaker.acquirePermission(), 1_000);
		breaker.onSuccess(breaker.acquirePermission(), 1_000);
		assertThat(gauge("resilience.breaker.slow.call.rate", "slow").value()).isEqualTo(-1);
		breaker.onError(breaker.acquirePermission(), 1_000, new IOException("down"));
		assertThat(gauge("resilience.breaker.slow.call.rate", "slow").value()).isEqualTo(25);
		assertThat(gauge("resilience.breaker.failure.rate", "slow").value()).isEqualTo(25);
		assertThat(bufferedCalls("slow", "successful").value()).isEqualTo(3);
		assertThat(bufferedCalls("slow", "failed").value()).isEqualTo(1);
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
		assertThat(timer("later", "success", "none").count()).isEqualTo(1);
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
	void removedBreakerLosesMetersRegisteredOnFirstUse() {
		CircuitBreaker breaker = this.breakers.circuitBreaker("payments");
		this.binder.bindTo(this.meterRegistry);
		breaker.onError(breaker.acquirePermission(), 1_000, new IOException("down"));
		breaker.transitionToForcedOpen();
		assertThat(metersNamed("payments")).hasSize(16);
		this.breakers.remove("payments");
		assertThat(metersNamed("payments")).isEmpty();
	}

	@Test
	void replacedBreakerLeavesOneMeterPerId() throws Throwable {
		CircuitBreaker previous = this.breakers.circuitBreaker("payments");
		this.binder.bindTo(this.meterRegistry);
		previous.onError(previous.acquirePermission(), 1_000, new IOException("down"));
		long latePermit = previous.acquirePermission();
		previous.transitionToForcedOpen();
		CircuitBreaker replacement = this.breakers.replace("payments", CircuitBreakerConfig.ofDefaults());
		assertThat(metersNamed("payments")).hasSize(14);
		assertThat(this.meterRegistry.find("resilience.breaker.calls").tag("exception", "IOException").timer()).isNull();
		assertThat(this.meterRegistry.find("resilience.breaker.transitions").counters()).isEmpty();
		replacement.onError(replacement.acquirePermission(), 1_000, new IOException("down"));
		replacement.transitionToForcedOpen();
		assertThat(timer("payments", "failure", "IOException").count()).isEqualTo(1);
		assertThat(transitions("payments", "closed", "forced_open").count()).isEqualTo(1);
		List<Meter.Id> ids = metersNamed("payments").stream().map(Meter::getId).toList();
		assertThat(ids).doesNotHaveDuplicates().hasSize(16);
		previous.onError(latePermit, 1_000, new IOException("late"));
		assertThat(timer("payments", "failure", "IOException").count()).isEqualTo(1);
	}

	@Test
	void callsRacingRemovalLeaveNoMeters() throws Exception {
		CircuitBreaker breaker = this.breakers.circuitBreaker("payments");
		breaker.transitionToMetricsOnly();
		this.binder.bindTo(this.meterRegistry);
		List<RuntimeException> errors = List.of(new IllegalStateException(), new UnsupportedOperationException(),
				new ArithmeticException(), new ClassCastException(), new NullPointerException(),
				new SecurityException(), new NoSuchElementException(), new EmptyStackException());
		int threads = errors.size();
		CyclicBarrier start = new CyclicBarrier(threads + 1);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (RuntimeException error : errors) {
				futures.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i < 200; i++) {
						breaker.onError(breaker.acquirePermission(), 1_000, error);
					}
					return null;
				}));
			}
			start.await();
			this.breakers.remove("payments");
			for (Future<?> future : futures) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(metersNamed("payments")).isEmpty();
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
		assertThat(timer("payments", "success", "none").count()).isEqualTo(1);
		assertThat(this.meterRegistry.find("resilience.breaker.state").tag("name", "payments").gauges()).hasSize(6);
	}

	@Test
	void bindingSameRegistryTwiceRegistersOnce() throws Throwable {
		CircuitBreaker breaker = this.breakers.circuitBreaker("payments");
		this.binder.bindTo(this.meterRegistry);
		this.binder.bindTo(this.meterRegistry);
		breaker.execute(() -> "ok");
		assertThat(timer("payments", "success", "none").count()).isEqualTo(1);
	}

	@Test
	void bindingTwoRegistriesRecordsInBoth() throws Throwable {
		SimpleMeterRegistry other = new SimpleMeterRegistry();
		CircuitBreaker breaker = this.breakers.circuitBreaker("payments");
		this.binder.bindTo(this.meterRegistry);
		this.binder.bindTo(other);
		breaker.execute(() -> "ok");
		assertThat(timer("payments", "success", "none").count()).isEqualTo(1);
		assertThat(other.get("resilience.breaker.calls")
			.tag("name", "payments")
			.tag("outcome", "success")
			.tag("exception", "none")
			.timer()
			.count()).isEqualTo(1);
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
			assertThat(timer(breaker.getName(), "success", "none").count()).as(breaker.getName()).isEqualTo(1);
		}
	}

	private Timer timer(String name, String outcome, String exception) {
		return this.meterRegistry.get("resilience.breaker.calls")
			.tag("name", name)
			.tag("outcome", outcome)
			.tag("exception", exception)
			.timer();
	}

	private Counter transitions(String name, String from, String to) {
		return this.meterRegistry.get("resilience.breaker.transitions")
			.tag("name", name)
			.tag("from", from)
			.tag("to", to)
			.counter();
	}

	private Gauge bufferedCalls(String name, String kind) {
		return this.meterRegistry.get("resilience.breaker.buffered.calls").tag("name", name).tag("kind", kind).gauge();
	}

	private List<Meter> metersNamed(String name) {
		return this.meterRegistry.getMeters().stream().filter((meter) -> name.equals(meter.getId().getTag("name"))).toList();
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
