package dev.resilience.spring.metrics;

import java.time.Duration;

import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.spring.annotation.CircuitGuarded;
import dev.resilience.spring.annotation.Retryable;
import dev.resilience.spring.autoconfigure.ResilienceAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ResilienceMetricsAutoConfiguration}.
 */
class ResilienceMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ResilienceAutoConfiguration.class, ResilienceMetricsAutoConfiguration.class));

	@Test
	void runShouldCreateBinders() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(CircuitBreakerMeterBinder.class)
			.hasSingleBean(RetryMeterBinder.class));
	}

	@Test
	void annotatedMethodsGetMeters() {
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withBean(MeteredService.class)
			.run((context) -> {
				MeterRegistry meterRegistry = context.getBean(MeterRegistry.class);
				assertThat(meterRegistry.find("resilience.breaker.state").tag("name", "metered").gauges()).hasSize(6);
				assertThat(meterRegistry.find("resilience.retry.calls").tag("name", "metered").counters()).hasSize(4);
			});
	}

	@Test
	void laterBreakersGetMeters() {
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.run((context) -> {
				MeterRegistry meterRegistry = context.getBean(MeterRegistry.class);
				assertThat(meterRegistry.find("resilience.breaker.state").tag("name", "later").gauges()).isEmpty();
				context.getBean(CircuitBreakerRegistry.class).circuitBreaker("later");
				assertThat(meterRegistry.find("resilience.breaker.state").tag("name", "later").gauges()).hasSize(6);
			});
	}

	@Test
	void percentileHistogramEnabledByProperty() {
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, PrometheusMetricsExportAutoConfiguration.class))
			.withPropertyValues("management.metrics.distribution.percentiles-histogram.resilience.breaker.calls=true")
			.run((context) -> {
				CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).circuitBreaker("payments");
				breaker.onSuccess(breaker.acquirePermission(), Duration.ofMillis(20).toNanos());
				String scrape = context.getBean(PrometheusMeterRegistry.class).scrape();
				assertThat(scrape).contains(
						"resilience_breaker_calls_seconds_bucket{exception=\"none\",name=\"payments\",outcome=\"success\",le=\"0.022369621\"} 1");
			});
	}

	@Test
	void percentileHistogramOffByDefault() {
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, PrometheusMetricsExportAutoConfiguration.class))
			.run((context) -> {
				CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).circuitBreaker("payments");
				breaker.onSuccess(breaker.acquirePermission(), Duration.ofMillis(20).toNanos());
				String scrape = context.getBean(PrometheusMeterRegistry.class).scrape();
				assertThat(scrape).contains(
						"resilience_breaker_calls_seconds_count{exception=\"none\",name=\"payments\",outcome=\"success\"} 1")
					.doesNotContain("resilience_breaker_calls_seconds_bucket");
			});
	}

	@Test
	void runWithoutMicrometerShouldStartWithoutBinders() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(CircuitBreakerRegistry.class)
				.doesNotHaveBean(CircuitBreakerMeterBinder.class)
				.doesNotHaveBean(RetryMeterBinder.class));
	}

	@Test
	void runWhenDisabledShouldNotCreateBinders() {
		this.contextRunner.withPropertyValues("resilience.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CircuitBreakerMeterBinder.class)
				.doesNotHaveBean(RetryMeterBinder.class));
	}

	@Test
	void runWhenUserDefinesBinderShouldUseIt() {
		CircuitBreakerMeterBinder binder = new CircuitBreakerMeterBinder(CircuitBreakerRegistry.ofDefaults());
		this.contextRunner.withBean(CircuitBreakerMeterBinder.class, () -> binder)
			.run((context) -> assertThat(context).getBean(CircuitBreakerMeterBinder.class).isSameAs(binder));
	}

	static class MeteredService {

		@Retryable(name = "metered")
		@CircuitGuarded(name = "metered")
		public String call() {
			return "called";
		}

	}

}
