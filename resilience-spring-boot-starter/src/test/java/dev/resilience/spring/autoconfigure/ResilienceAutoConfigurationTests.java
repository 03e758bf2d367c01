package dev.resilience.spring.autoconfigure;

import dev.resilience.core.breaker.CircuitBreakerConfig;
import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.core.retry.RetryRegistry;
import dev.resilience.spring.actuate.BreakersEndpoint;
import dev.resilience.spring.actuate.BreakersEndpointAutoConfiguration;
import dev.resilience.spring.annotation.CircuitGuarded;
import dev.resilience.spring.aop.ResilienceAdvisor;
import dev.resilience.spring.aop.ResilienceInterceptor;
import dev.resilience.spring.aop.ResiliencePipelineFactory;
import dev.resilience.spring.config.BreakerConfigResolver;
import dev.resilience.spring.config.RetryConfigResolver;
import dev.resilience.spring.metrics.CircuitBreakerMeterBinder;
import dev.resilience.spring.metrics.ResilienceMetricsAutoConfiguration;
import dev.resilience.spring.metrics.RetryMeterBinder;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ResilienceAutoConfiguration}.
 */
class ResilienceAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				BreakersEndpointAutoConfiguration.class, ResilienceMetricsAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=breakers");

	@Test
	void runWhenDefaultShouldCreateRegistriesAndAdvice() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RetryRegistry.class)
				.hasSingleBean(CircuitBreakerRegistry.class)
				.hasSingleBean(RetryConfigResolver.class)
				.hasSingleBean(BreakerConfigResolver.class)
				.hasSingleBean(ResiliencePipelineFactory.class)
				.hasSingleBean(ResilienceAdvisor.class)
				.hasSingleBean(BreakersEndpoint.class)
				.hasSingleBean(CircuitBreakerMeterBinder.class)
				.hasSingleBean(RetryMeterBinder.class);
		});
	}

	@Test
	void runWhenDisabledShouldCreateNothing() {
		this.contextRunner.withPropertyValues("resilience.enabled=false").withBean(GuardedService.class).run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(RetryRegistry.class)
				.doesNotHaveBean(CircuitBreakerRegistry.class)
				.doesNotHaveBean(ResilienceAdvisor.class)
				.doesNotHaveBean(BreakersEndpoint.class)
				.doesNotHaveBean(CircuitBreakerMeterBinder.class)
				.doesNotHaveBean(RetryMeterBinder.class);
			assertThat(AopUtils.isAopProxy(context.getBean(GuardedService.class))).isFalse();
		});
	}

	@Test
	void runWhenUserDefinesRegistriesShouldUseThem() {
		CircuitBreakerRegistry breakers = new CircuitBreakerRegistry(CircuitBreakerConfig.ofDefaults());
		RetryRegistry retries = RetryRegistry.ofDefaults();
		this.contextRunner.withBean(CircuitBreakerRegistry.class, () -> breakers)
			.withBean(RetryRegistry.class, () -> retries)
			.withBean(GuardedService.class)
			.run((context) -> {
				assertThat(context).getBean(CircuitBreakerRegistry.class).isSameAs(breakers);
				assertThat(context).getBean(RetryRegistry.class).isSameAs(retries);
				assertThat(breakers.getNames()).containsExactly("guarded");
			});
	}

	@Test
	void runWhenUserDefinesAdvisorShouldUseIt() {
		ResilienceAdvisor advisor = new ResilienceAdvisor(new ResilienceInterceptor(() -> {
			throw new IllegalStateException("not used");
		}));
		this.contextRunner.withBean("customAdvisor", ResilienceAdvisor.class, () -> advisor).run((context) -> {
			assertThat(context).hasSingleBean(ResilienceAdvisor.class);
			assertThat(context).getBean(ResilienceAdvisor.class).isSameAs(advisor);
		});
	}

	@Test
	void proxiesWithoutBootAop() {
		this.contextRunner.withBean(GuardedService.class).run((context) -> {
			assertThat(AopUtils.isAopProxy(context.getBean(GuardedService.class))).isTrue();
		});
	}

	@Test
	void proxiesWithBootAop() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class))
			.withBean(GuardedService.class)
			.run((context) -> {
				GuardedService service = context.getBean(GuardedService.class);
				assertThat(AopUtils.isCglibProxy(service)).isTrue();
				assertThat(service.call()).isEqualTo("called");
				assertThat(context.getBean(CircuitBreakerRegistry.class).find("guarded")).isPresent();
			});
	}

	@Test
	void plainBeanNotProxied() {
		this.contextRunner.withBean(PlainService.class).run((context) -> {
			assertThat(AopUtils.isAopProxy(context.getBean(PlainService.class))).isFalse();
		});
	}

	static class GuardedService {

		@CircuitGuarded(name = "guarded")
		public String call() {
			return "called";
		}

	}

	static class PlainService {

		public String call() {
			return "called";
		}

	}

}
