package dev.resilience.spring.observation;

import dev.resilience.spring.annotation.Retryable;
import dev.resilience.spring.aop.ManualClockConfiguration;
import dev.resilience.spring.autoconfigure.ResilienceAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that, with Spring Boot's observation and metrics auto-configuration, each protected call
 * becomes a {@code resilience.call} timer and each retry a {@code resilience.call.retry} counter.
 */
class ObservationMetricsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class, ObservationAutoConfiguration.class,
				MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class))
		.withUserConfiguration(ManualClockConfiguration.class)
		.withBean(FlakyService.class);

	@Test
	void callsRecordedAsTimerAndRetriesAsCounter() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ObservationRegistry.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);

			assertThat(context.getBean(FlakyService.class).call()).isEqualTo("fallback");

			assertThat(meters.get("resilience.call")
				.tag("resilience.name", "flaky")
				.tag("resilience.outcome", "fallback")
				.tag("error", "none")
				.timer()
				.count()).isEqualTo(1);
			assertThat(meters.get("resilience.call.retry").tag("resilience.name", "flaky").counter().count())
				.isEqualTo(2);
		});
	}

	static class FlakyService {

		@Retryable(name = "flaky", maxAttempts = 3, waitDuration = "1s", fallbackMethod = "fallback")
		public String call() {
			throw new IllegalStateException("down");
		}

		String fallback(Throwable ex) {
			return "fallback";
		}

	}

}
