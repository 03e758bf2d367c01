package dev.resilience.spring.aop;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.core.retry.RetryRegistry;
import dev.resilience.spring.annotation.Retryable;
import dev.resilience.spring.config.BreakerConfigResolver;
import dev.resilience.spring.config.BreakerProperties;
import dev.resilience.spring.config.RetryConfigResolver;
import dev.resilience.spring.config.RetryProperties;
import dev.resilience.spring.propagation.CapturedContext;

import org.springframework.aop.framework.ProxyFactory;

/**
 * Runs advised calls on a proxy built by hand. {@link OptionalLibrariesTests} loads this class in a
 * class loader without Reactor, context-propagation and micrometer-observation, so it names none
 * of their types.
 */
public final class WithoutOptionalLibraries {

	private WithoutOptionalLibraries() {
	}

	/**
	 * Calls a synchronous and a {@code CompletableFuture} method that each succeed on the third
	 * attempt.
	 * @return the results, then whether context capture is supported
	 * @throws Exception if a call fails
	 */
	public static List<String> run() throws Exception {
		RetryConfigResolver retryConfigResolver = new RetryConfigResolver(new RetryProperties());
		BreakerConfigResolver breakerConfigResolver = new BreakerConfigResolver(new BreakerProperties());
		ResiliencePipelineFactory factory = new ResiliencePipelineFactory(
				new RetryRegistry(retryConfigResolver::resolve), retryConfigResolver,
				new CircuitBreakerRegistry(breakerConfigResolver::resolve), breakerConfigResolver);
		ProxyFactory proxyFactory = new ProxyFactory(new FlakyService());
		proxyFactory.setProxyTargetClass(true);
		proxyFactory.addAdvisor(new ResilienceAdvisor(new ResilienceInterceptor(() -> factory)));
		FlakyService service = (FlakyService) proxyFactory.getProxy(WithoutOptionalLibraries.class.getClassLoader());

		List<String> results = new ArrayList<>();
		results.add(service.synchronous());
		results.add(service.asynchronous().get(10, TimeUnit.SECONDS));
		results.add("context capture supported: " + CapturedContext.isSupported());
		return results;
	}

	/**
	 * Public, because its CGLIB proxy is defined in the isolated class loader.
	 */
	public static class FlakyService {

		private final AtomicInteger synchronousCalls = new AtomicInteger();

		private final AtomicInteger asynchronousCalls = new AtomicInteger();

		@Retryable(maxAttempts = 3, waitDuration = "0ms")
		public String synchronous() throws IOException {
			int call = this.synchronousCalls.incrementAndGet();
			if (call < 3) {
				throw new IOException("attempt " + call);
			}
			return "synchronous after " + call;
		}

		@Retryable(maxAttempts = 3, waitDuration = "0ms")
		public CompletableFuture<String> asynchronous() {
			int call = this.asynchronousCalls.incrementAndGet();
			if (call < 3) {
				return CompletableFuture.failedFuture(new IOException("attempt " + call));
			}
			return CompletableFuture.completedFuture("asynchronous after " + call);
		}

	}

}
