package dev.resilience.spring.metrics;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.core.retry.Retry;
import dev.resilience.core.retry.RetryConfig;
import dev.resilience.core.retry.RetryRegistry;
import dev.resilience.core.time.ManualClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Tests for {@link RetryMeterBinder} with a {@link SimpleMeterRegistry}.
 */
class RetryMeterBinderTests {

	private final ManualClock clock = new ManualClock();

	private final RetryRegistry retries = new RetryRegistry(RetryConfig.custom()
		.maxAttempts(3)
		.waitDuration(Duration.ofMillis(100))
		.sleeper(this.clock)
		.ticker(this.clock)
		.scheduler(this.clock)
		.build());

	private final RetryMeterBinder binder = new RetryMeterBinder(this.retries);

	private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

	@Test
	void bindRegistersOneCounterPerOutcome() {
		this.retries.retry("payments");
		this.binder.bindTo(this.meterRegistry);
		assertThat(this.meterRegistry.find("resilience.retry.calls").tag("name", "payments").counters()).hasSize(4);
		assertThat(this.meterRegistry.find("resilience.retry.attempts").tag("name", "payments").functionCounter())
			.isNotNull();
		assertThat(this.meterRegistry.getMeters()).hasSize(5);
		for (Meter meter : this.meterRegistry.getMeters()) {
			assertThat(meter.getId().getDescription()).isNotBlank();
			assertThat(meter.getId().getBaseUnit()).isIn("calls", "attempts");
		}
	}

	@Test
	void attemptsCountedAcrossExecutions() throws Throwable {
		Retry retry = this.retries.retry("payments");
		this.binder.bindTo(this.meterRegistry);
		retry.execute(() -> "first time");
		assertThatIOException().isThrownBy(() -> retry.execute(() -> {
			throw new IOException("always");
		}));
		assertThat(attempts("payments").count()).isEqualTo(4);
	}

	@Test
	void executionsCountedByOutcome() throws Throwable {
		Retry retry = this.retries.retry("payments");
		this.binder.bindTo(this.meterRegistry);
		retry.execute(() -> "first time");
		AtomicInteger attempts = new AtomicInteger();
		retry.execute(() -> {
			if (attempts.incrementAndGet() < 2) {
				throw new IOException("once");
			}
			return "second time";
		});
		assertThatIOException().isThrownBy(() -> retry.execute(() -> {
			throw new IOException("always");
		}));
		assertThat(counter("payments", "success_without_retry").count()).isEqualTo(1);
		assertThat(counter("payments", "success_with_retry").count()).isEqualTo(1);
		assertThat(counter("payments", "failure_with_retry").count()).isEqualTo(1);
		assertThat(counter("payments", "failure_without_retry").count()).isZero();
	}

	@Test
	void retryCreatedAfterBindingGetsMeters() throws Throwable {
		this.binder.bindTo(this.meterRegistry);
		this.retries.retry("later").execute(() -> "ok");
		assertThat(counter("later", "success_without_retry").count()).isEqualTo(1);
	}

	@Test
	void removedRetryLosesMeters() {
		this.retries.retry("payments");
		this.binder.bindTo(this.meterRegistry);
		this.retries.remove("payments");
		assertThat(this.meterRegistry.find("resilience.retry.calls").tag("name", "payments").counters()).isEmpty();
		assertThat(this.meterRegistry.find("resilience.retry.attempts").tag("name", "payments").functionCounter())
			.isNull();
	}

	@Test
	void replacedRetryMovesMetersToReplacement() throws Throwable {
		this.retries.retry("payments");
		this.binder.bindTo(this.meterRegistry);
		Retry replacement = this.retries.replace("payments", RetryConfig.ofDefaults());
		replacement.execute(() -> "ok");
		assertThat(this.meterRegistry.find("resilience.retry.calls").tag("name", "payments").counters()).hasSize(4);
		assertThat(counter("payments", "success_without_retry").count()).isEqualTo(1);
		assertThat(attempts("payments").count()).isEqualTo(1);
		assertThat(this.meterRegistry.getMeters()).hasSize(5);
	}

	private FunctionCounter attempts(String name) {
		return this.meterRegistry.get("resilience.retry.attempts").tag("name", name).functionCounter();
	}

	private Counter counter(String name, String outcome) {
		return this.meterRegistry.get("resilience.retry.calls").tag("name", name).tag("outcome", outcome).counter();
	}

}
