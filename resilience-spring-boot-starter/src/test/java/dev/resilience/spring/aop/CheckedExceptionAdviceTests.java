package dev.resilience.spring.aop;

import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.spring.annotation.CircuitGuarded;
import dev.resilience.spring.annotation.Retryable;
import dev.resilience.spring.autoconfigure.ResilienceAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.test.util.AopTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests that a checked exception declared by an advised method reaches the caller as itself, never
 * as {@link UndeclaredThrowableException}, through a JDK proxy and a CGLIB proxy alike.
 */
class CheckedExceptionAdviceTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withUserConfiguration(ManualClockConfiguration.class)
		.withBean(DocumentReaderImpl.class)
		.withBean(DocumentService.class);

	@Test
	void notRetriedExceptionReachesCaller() {
		this.contextRunner.run((context) -> {
			for (Proxied proxied : proxies(context)) {
				Throwable thrown = catchThrowable(proxied.reader()::notRetried);

				assertThat(thrown).as(proxied.kind()).isExactlyInstanceOf(IOException.class).hasMessage("not retried 1");
				assertThat(proxied.target().calls).as(proxied.kind()).hasValue(1);
			}
		});
	}

	@Test
	void lastExceptionReachesCallerWhenRetriesRunOut() {
		this.contextRunner.run((context) -> {
			for (Proxied proxied : proxies(context)) {
				Throwable thrown = catchThrowable(proxied.reader()::exhausted);

				assertThat(thrown).as(proxied.kind()).isExactlyInstanceOf(IOException.class).hasMessage("exhausted 3");
				assertThat(proxied.target().calls).as(proxied.kind()).hasValue(3);
			}
		});
	}

	@Test
	void exceptionRethrownByFallbackReachesCaller() {
		this.contextRunner.run((context) -> {
			for (Proxied proxied : proxies(context)) {
				Throwable thrown = catchThrowable(proxied.reader()::rethrownByFallback);

				assertThat(thrown).as(proxied.kind()).isExactlyInstanceOf(IOException.class).hasMessage("rethrown 2");
				assertThat(proxied.target().calls).as(proxied.kind()).hasValue(2);
				assertThat(proxied.target().fallbackCalls).as(proxied.kind()).hasValue(1);
			}
		});
	}

	@Test
	void exceptionThrownByFallbackReachesCaller() {
		this.contextRunner.run((context) -> {
			for (Proxied proxied : proxies(context)) {
				Throwable thrown = catchThrowable(proxied.reader()::replacedByFallback);

				assertThat(thrown).as(proxied.kind())
					.isExactlyInstanceOf(IOException.class)
					.hasMessage("fallback failed too")
					.hasCauseExactlyInstanceOf(IllegalStateException.class);
			}
		});
	}

	@Test
	void undeclaredExceptionFromFallbackWrappedByProxy() {
		this.contextRunner.run((context) -> {
			DocumentService service = context.getBean(DocumentService.class);

			Throwable thrown = catchThrowable(service::undeclared);

			assertThat(thrown).isExactlyInstanceOf(UndeclaredThrowableException.class)
				.cause()
				.isExactlyInstanceOf(IOException.class)
				.hasMessage("fallback failed too");
		});
	}

	/**
	 * Returns the two proxies, each seen through the same calls: a JDK proxy of the interface, and
	 * a CGLIB proxy of a class without interfaces.
	 */
	private static List<Proxied> proxies(AssertableApplicationContext context) {
		DocumentReader jdkProxy = context.getBean(DocumentReader.class);
		DocumentService cglibProxy = context.getBean(DocumentService.class);
		assertThat(AopUtils.isJdkDynamicProxy(jdkProxy)).isTrue();
		assertThat(AopUtils.isCglibProxy(cglibProxy)).isTrue();
		DocumentReader cglibReader = new DocumentReader() {

			@Override
			public String notRetried() throws IOException {
				return cglibProxy.notRetried();
			}

			@Override
			public String exhausted() throws IOException {
				return cglibProxy.exhausted();
			}

			@Override
			public String rethrownByFallback() throws IOException {
				return cglibProxy.rethrownByFallback();
			}

			@Override
			public String replacedByFallback() throws IOException {
				return cglibProxy.replacedByFallback();
			}

		};
		return List.of(new Proxied("JDK proxy", jdkProxy, AopTestUtils.getTargetObject(jdkProxy)),
				new Proxied("CGLIB proxy", cglibReader, AopTestUtils.getTargetObject(cglibProxy)));
	}

	private record Proxied(String kind, DocumentReader reader, CountingTarget target) {
	}

	interface DocumentReader {

		@Retryable(name = "notRetried", maxAttempts = 3, waitDuration = "0ms",
				retryExceptions = IllegalStateException.class)
		String notRetried() throws IOException;

		@Retryable(name = "exhausted", maxAttempts = 3, waitDuration = "0ms")
		String exhausted() throws IOException;

		@Retryable(name = "rethrown", maxAttempts = 2, waitDuration = "0ms", fallbackMethod = "rethrow")
		String rethrownByFallback() throws IOException;

		@CircuitGuarded(name = "replaced", fallbackMethod = "replace")
		String replacedByFallback() throws IOException;

	}

	abstract static class CountingTarget {

		final AtomicInteger calls = new AtomicInteger();

		final AtomicInteger fallbackCalls = new AtomicInteger();

	}

	/**
	 * Implements an interface, so the starter proxies it with a JDK dynamic proxy.
	 */
	static class DocumentReaderImpl extends CountingTarget implements DocumentReader {

		@Override
		public String notRetried() throws IOException {
			throw new IOException("not retried " + this.calls.incrementAndGet());
		}

		@Override
		public String exhausted() throws IOException {
			throw new IOException("exhausted " + this.calls.incrementAndGet());
		}

		@Override
		public String rethrownByFallback() throws IOException {
			throw new IOException("rethrown " + this.calls.incrementAndGet());
		}

		String rethrow(IOException ex) throws IOException {
			this.fallbackCalls.incrementAndGet();
			throw ex;
		}

		@Override
		public String replacedByFallback() {
			throw new IllegalStateException("broken");
		}

		String replace(IllegalStateException ex) throws IOException {
			throw new IOException("fallback failed too", ex);
		}

	}

	/**
	 * Declares the same methods without an interface, so the starter proxies it with CGLIB.
	 */
	static class DocumentService extends CountingTarget {

		@Retryable(name = "notRetried", maxAttempts = 3, waitDuration = "0ms",
				retryExceptions = IllegalStateException.class)
		public String notRetried() throws IOException {
			throw new IOException("not retried " + this.calls.incrementAndGet());
		}

		@Retryable(name = "exhausted", maxAttempts = 3, waitDuration = "0ms")
		public String exhausted() throws IOException {
			throw new IOException("exhausted " + this.calls.incrementAndGet());
		}

		@Retryable(name = "rethrown", maxAttempts = 2, waitDuration = "0ms", fallbackMethod = "rethrow")
		public String rethrownByFallback() throws IOException {
			throw new IOException("rethrown " + this.calls.incrementAndGet());
		}

		String rethrow(IOException ex) throws IOException {
			this.fallbackCalls.incrementAndGet();
			throw ex;
		}

		@CircuitGuarded(name = "replaced", fallbackMethod = "replace")
		public String replacedByFallback() throws IOException {
			throw new IllegalStateException("broken");
		}

		String replace(IllegalStateException ex) throws IOException {
			throw new IOException("fallback failed too", ex);
		}

		@CircuitGuarded(name = "undeclared", fallbackMethod = "replace")
		public String undeclared() {
			throw new IllegalStateException("broken");
		}

	}

}
