package dev.resilience.spring.aop;

import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.spring.annotation.CircuitGuarded;
import dev.resilience.spring.annotation.Retryable;
import dev.resilience.spring.autoconfigure.ResilienceAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.util.AopTestUtils;
import org.springframework.util.StringUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the startup warning about annotated methods that a Spring proxy cannot intercept.
 */
@ExtendWith(OutputCaptureExtension.class)
class UninterceptableMethodsTests {

	private static final String WARNING = "but Spring AOP proxies cannot intercept";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class));

	@Test
	void classProxyListsEachMethodOnce(CapturedOutput output) {
		this.contextRunner.withBean("pricing", PricingService.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(AopUtils.isCglibProxy(context.getBean(PricingService.class))).isTrue();
		});
		assertThat(StringUtils.countOccurrencesOf(output.getOut(), WARNING)).isOne();
		assertThat(output.getOut()).contains("3 methods carry @Retryable or @CircuitGuarded, but Spring AOP proxies "
				+ "cannot intercept them, so the annotations have no effect:")
			.contains("  - PricingService.cached(String): the method is private (bean 'pricing')")
			.contains("  - PricingService.frozen(): the method is final, so the class-based proxy cannot override it "
					+ "(bean 'pricing')")
			.contains("  - PricingService.shared(): the method is static (bean 'pricing')")
			.contains("Make each method an instance method that is neither private nor final")
			.doesNotContain("PricingService.quote(")
			.doesNotContain("PricingService.internal(");
	}

	@Test
	void classLevelAnnotationReportsFinalMethod(CapturedOutput output) {
		this.contextRunner.withBean("classLevel", ClassLevelService.class).run((context) -> {
			assertThat(context).hasNotFailed();
		});
		assertThat(output.getOut()).contains("1 method carries @Retryable or @CircuitGuarded, but Spring AOP proxies "
				+ "cannot intercept it")
			.contains("  - ClassLevelService.frozen(): the method is final")
			.doesNotContain("ClassLevelService.open()");
	}

	@Test
	void finalMethodReallyNotRetried() {
		this.contextRunner.withBean(PricingService.class).run((context) -> {
			PricingService service = context.getBean(PricingService.class);
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(service::frozen);
			assertThat(AopTestUtils.<PricingService>getTargetObject(service).frozenCalls).hasValue(0);
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(service::quote);
			assertThat(AopTestUtils.<PricingService>getTargetObject(service).quoteCalls).hasValue(3);
		});
	}

	@Test
	void interfaceProxyListsMethodMissingFromInterface(CapturedOutput output) {
		this.contextRunner.withBean("client", QuoteClient.class, QuoteClientImpl::new).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(AopUtils.isJdkDynamicProxy(context.getBean(QuoteClient.class))).isTrue();
		});
		assertThat(StringUtils.countOccurrencesOf(output.getOut(), WARNING)).isOne();
		assertThat(output.getOut())
			.contains("  - QuoteClientImpl.refresh(): the bean is proxied through its interfaces, and none of them "
					+ "declares the method (bean 'client')")
			.doesNotContain("QuoteClientImpl.latest(")
			.contains("set spring.aop.proxy-target-class=true");
	}

	@Test
	void classProxyInterceptsMethodMissingFromInterface(CapturedOutput output) {
		this.contextRunner.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class))
			.withBean("client", QuoteClientImpl.class, QuoteClientImpl::new)
			.run((context) -> {
				assertThat(AopUtils.isCglibProxy(context.getBean(QuoteClient.class))).isTrue();
			});
		assertThat(output.getOut()).doesNotContain(WARNING);
	}

	@Test
	void beanWithoutProxyListed(CapturedOutput output) {
		this.contextRunner
			.withInitializer((context) -> context.getBeanFactory().registerSingleton("manual", new PlainService()))
			.run((context) -> {
				assertThat(AopUtils.isAopProxy(context.getBean(PlainService.class))).isFalse();
			});
		assertThat(output.getOut()).contains("  - PlainService.call(): the bean is not a proxy with the resilience "
				+ "advice, for example because it was created before the auto-proxy creator (bean 'manual')");
	}

	@Test
	void noWarningWhenAllIntercepted(CapturedOutput output) {
		this.contextRunner.withBean(PlainService.class).run((context) -> {
			assertThat(AopUtils.isAopProxy(context.getBean(PlainService.class))).isTrue();
		});
		assertThat(output.getOut()).doesNotContain(WARNING);
	}

	static class PricingService {

		final AtomicInteger quoteCalls = new AtomicInteger();

		final AtomicInteger frozenCalls = new AtomicInteger();

		@Retryable(maxAttempts = 3, waitDuration = "0ms")
		public String quote() {
			this.quoteCalls.incrementAndGet();
			throw new IllegalStateException("down");
		}

		@Retryable(maxAttempts = 3, waitDuration = "0ms")
		public final String frozen() {
			// A class-based proxy cannot override this method, so a call through the proxy runs it on
			// the proxy instance itself, never on the target, and frozenCalls of the target stays 0.
			throw new IllegalStateException("down");
		}

		@CircuitGuarded
		private String cached(String symbol) {
			return symbol;
		}

		@Retryable
		static String shared() {
			return "shared";
		}

		String internal() {
			return cached("ACME");
		}

	}

	@Retryable(maxAttempts = 2, waitDuration = "0ms")
	static class ClassLevelService {

		public String open() {
			return "open";
		}

		public final String frozen() {
			return "frozen";
		}

	}

	interface QuoteClient {

		@Retryable(maxAttempts = 2, waitDuration = "0ms")
		String latest();

	}

	static class QuoteClientImpl implements QuoteClient {

		@Override
		public String latest() {
			return "latest";
		}

		@CircuitGuarded
		public String refresh() {
			return "refreshed";
		}

	}

	static class PlainService {

		@CircuitGuarded
		public String call() {
			return "called";
		}

	}

}
