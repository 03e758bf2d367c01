package dev.resilience.spring.aop;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.resilience.core.retry.RetryRegistry;
import dev.resilience.spring.annotation.Retryable;
import dev.resilience.spring.autoconfigure.ResilienceAutoConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.test.util.AopTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that {@code @Retryable} applies wherever it is declared (implementation method,
 * implementation class, interface method, interface type, overridden superclass method) through
 * both JDK interface proxies and CGLIB class proxies.
 */
class AnnotationLocationTests {

	static Stream<Arguments> cases() {
		Stream.Builder<Arguments> cases = Stream.builder();
		for (ProxyKind kind : ProxyKind.values()) {
			cases.add(Arguments.of(kind, "implementation method", (Supplier<Counting>) ImplementationMethodQuotes::new,
					"ImplementationMethodQuotes.quote"));
			cases.add(Arguments.of(kind, "implementation class", (Supplier<Counting>) ImplementationClassQuotes::new,
					"ImplementationClassQuotes.quote"));
			cases.add(Arguments.of(kind, "interface method", (Supplier<Counting>) InterfaceMethodQuotes::new,
					"InterfaceMethodQuotes.quote"));
			cases.add(Arguments.of(kind, "interface type", (Supplier<Counting>) InterfaceTypeQuotes::new,
					"InterfaceTypeQuotes.quote"));
			cases.add(Arguments.of(kind, "superclass method", (Supplier<Counting>) SuperclassMethodQuotes::new,
					"SuperclassMethodQuotes.quote"));
		}
		return cases.build();
	}

	@ParameterizedTest(name = "{0} proxy, annotation on {1}")
	@MethodSource("cases")
	void annotationApplies(ProxyKind kind, String location, Supplier<Counting> factory, String instanceName) {
		kind.contextRunner().withBean("quotes", Counting.class, factory).run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			assertThat(kind.matches(quotes)).as("proxy kind").isTrue();

			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(quotes::quote).withMessage("attempt 3");
			// Read on the target, because a type-level annotation also applies to calls().
			Counting target = AopTestUtils.getTargetObject(quotes);
			assertThat(target.calls()).hasValue(3);
			assertThat(context.getBean(RetryRegistry.class).find(instanceName)).isPresent();
		});
	}

	enum ProxyKind {

		JDK {

			@Override
			ApplicationContextRunner contextRunner() {
				return new ApplicationContextRunner()
					.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class));
			}

			@Override
			boolean matches(Object bean) {
				return AopUtils.isJdkDynamicProxy(bean);
			}

		},

		CGLIB {

			@Override
			ApplicationContextRunner contextRunner() {
				return new ApplicationContextRunner().withConfiguration(
						AutoConfigurations.of(ResilienceAutoConfiguration.class, AopAutoConfiguration.class));
			}

			@Override
			boolean matches(Object bean) {
				return AopUtils.isCglibProxy(bean);
			}

		};

		abstract ApplicationContextRunner contextRunner();

		abstract boolean matches(Object bean);

	}

	interface Quotes {

		String quote();

	}

	interface Counting extends Quotes {

		AtomicInteger calls();

	}

	interface AnnotatedMethodQuotes extends Counting {

		@Override
		@Retryable(maxAttempts = 3, waitDuration = "0ms")
		String quote();

	}

	@Retryable(maxAttempts = 3, waitDuration = "0ms")
	interface AnnotatedTypeQuotes extends Counting {

	}

	abstract static class CountingQuotes implements Counting {

		private final AtomicInteger calls = new AtomicInteger();

		@Override
		public AtomicInteger calls() {
			return this.calls;
		}

		String fail() {
			throw new IllegalStateException("attempt " + this.calls.incrementAndGet());
		}

	}

	static class ImplementationMethodQuotes extends CountingQuotes {

		@Override
		@Retryable(maxAttempts = 3, waitDuration = "0ms")
		public String quote() {
			return fail();
		}

	}

	@Retryable(maxAttempts = 3, waitDuration = "0ms")
	static class ImplementationClassQuotes extends CountingQuotes {

		@Override
		public String quote() {
			return fail();
		}

	}

	static class InterfaceMethodQuotes extends CountingQuotes implements AnnotatedMethodQuotes {

		@Override
		public String quote() {
			return fail();
		}

	}

	static class InterfaceTypeQuotes extends CountingQuotes implements AnnotatedTypeQuotes {

		@Override
		public String quote() {
			return fail();
		}

	}

	abstract static class AnnotatedBaseQuotes extends CountingQuotes {

		@Override
		@Retryable(maxAttempts = 3, waitDuration = "0ms")
		public abstract String quote();

	}

	static class SuperclassMethodQuotes extends AnnotatedBaseQuotes {

		@Override
		public String quote() {
			return fail();
		}

	}

}
