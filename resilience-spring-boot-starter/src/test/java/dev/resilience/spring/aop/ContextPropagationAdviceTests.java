package dev.resilience.spring.aop;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.resilience.core.retry.RetryConfig;
import dev.resilience.core.retry.RetryContext;
import dev.resilience.core.time.Scheduler;
import dev.resilience.spring.annotation.Retryable;
import dev.resilience.spring.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.spring.config.RetryConfigResolver;
import dev.resilience.spring.config.RetryProperties;
import dev.resilience.spring.propagation.CapturedContext;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.util.AopTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that asynchronous attempts and fallbacks, which run on the retry's scheduler thread, see
 * the caller's thread-local context: a custom {@code ThreadLocal} and an SLF4J MDC key, both
 * registered in context-propagation's global {@link ContextRegistry}.
 * <p>
 * context-propagation ships an MDC accessor, {@link Slf4jThreadLocalAccessor}, but does not
 * register it, so these tests register it for the {@code requestId} key.
 */
class ContextPropagationAdviceTests {

	private static final ThreadLocal<String> TENANT = new ThreadLocal<>();

	private static final String TENANT_KEY = "test.tenant";

	private static final String SCHEDULER_THREAD = "retry-scheduler";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withUserConfiguration(SchedulerConfiguration.class)
		.withBean(ContextRecordingService.class);

	@BeforeEach
	void registerAccessors() {
		ContextRegistry.getInstance().registerThreadLocalAccessor(TENANT_KEY, TENANT);
		ContextRegistry.getInstance().registerThreadLocalAccessor(new Slf4jThreadLocalAccessor("requestId"));
	}

	@AfterEach
	void removeAccessors() {
		ContextRegistry.getInstance().removeThreadLocalAccessor(TENANT_KEY);
		ContextRegistry.getInstance().removeThreadLocalAccessor(Slf4jThreadLocalAccessor.KEY);
		TENANT.remove();
		MDC.clear();
	}

	@Test
	void contextPropagationOnClasspath() {
		assertThat(CapturedContext.isSupported()).isTrue();
	}

	@Test
	void completableFutureAttemptsAndFallbackSeeCallerContext() {
		this.contextRunner.run((context) -> {
			ContextRecordingService service = context.getBean(ContextRecordingService.class);
			String callerThread = Thread.currentThread().getName();
			TENANT.set("acme");
			MDC.put("requestId", "r-1");

			CompletableFuture<String> result = service.stage();
			TENANT.set("changed after the call");
			MDC.put("requestId", "changed after the call");

			assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("fallback");
			assertThat(target(service).seen).containsExactly(new Seen("attempt 1", callerThread, "acme", "r-1"),
					new Seen("attempt 2", SCHEDULER_THREAD, "acme", "r-1"),
					new Seen("attempt 3", SCHEDULER_THREAD, "acme", "r-1"),
					new Seen("fallback", SCHEDULER_THREAD, "acme", "r-1"));
			assertSchedulerThreadClean(context.getBean(ScheduledExecutorService.class));
		});
	}

	@Test
	void monoAttemptsAndFallbackSeeSubscriberContext() {
		this.contextRunner.run((context) -> {
			ContextRecordingService service = context.getBean(ContextRecordingService.class);
			String callerThread = Thread.currentThread().getName();
			TENANT.set("acme");
			MDC.put("requestId", "r-2");

			String result = service.mono().block(Duration.ofSeconds(10));

			assertThat(result).isEqualTo("fallback");
			assertThat(target(service).seen).containsExactly(new Seen("attempt 1", callerThread, "acme", "r-2"),
					new Seen("attempt 2", SCHEDULER_THREAD, "acme", "r-2"),
					new Seen("attempt 3", SCHEDULER_THREAD, "acme", "r-2"),
					new Seen("fallback", SCHEDULER_THREAD, "acme", "r-2"));
			assertSchedulerThreadClean(context.getBean(ScheduledExecutorService.class));
		});
	}

	@Test
	void reactorContextValueWinsOverThreadLocal() {
		this.contextRunner.run((context) -> {
			ContextRecordingService service = context.getBean(ContextRecordingService.class);
			TENANT.set("thread-local tenant");
			MDC.put("requestId", "r-3");

			String result = service.mono()
				.contextWrite(Context.of(TENANT_KEY, "subscriber tenant"))
				.block(Duration.ofSeconds(10));

			assertThat(result).isEqualTo("fallback");
			assertThat(target(service).seen).extracting(Seen::tenant).containsOnly("subscriber tenant");
			assertThat(target(service).seen).extracting(Seen::requestId).containsOnly("r-3");
			assertThat(TENANT.get()).isEqualTo("thread-local tenant");
		});
	}

	@Test
	void callerWithoutValuesLeavesNoneOnScheduler() {
		this.contextRunner.run((context) -> {
			ContextRecordingService service = context.getBean(ContextRecordingService.class);
			ScheduledExecutorService executor = context.getBean(ScheduledExecutorService.class);
			executor.submit(() -> TENANT.set("left on the scheduler thread")).get(10, TimeUnit.SECONDS);

			assertThat(service.stage().get(10, TimeUnit.SECONDS)).isEqualTo("fallback");

			assertThat(target(service).seen).extracting(Seen::tenant).containsOnly((String) null);
			assertThat(executor.submit(TENANT::get).get(10, TimeUnit.SECONDS))
				.isEqualTo("left on the scheduler thread");
		});
	}

	private static void assertSchedulerThreadClean(ScheduledExecutorService executor) throws Exception {
		assertThat(executor.submit(TENANT::get).get(10, TimeUnit.SECONDS)).isNull();
		assertThat(executor.submit(() -> MDC.get("requestId")).get(10, TimeUnit.SECONDS)).isNull();
	}

	private static ContextRecordingService target(ContextRecordingService proxy) {
		return AopTestUtils.getTargetObject(proxy);
	}

	/**
	 * Runs retries on a real single-thread executor, so that later attempts run on another thread
	 * than the caller's. The zero wait keeps the tests free of sleeps.
	 */
	@Configuration(proxyBeanMethods = false)
	static class SchedulerConfiguration {

		@Bean(destroyMethod = "shutdownNow")
		ScheduledExecutorService retryExecutor() {
			return Executors.newSingleThreadScheduledExecutor((task) -> new Thread(task, SCHEDULER_THREAD));
		}

		@Bean
		RetryConfigResolver retryConfigResolver(RetryProperties properties, ScheduledExecutorService retryExecutor) {
			return new RetryConfigResolver(properties,
					RetryConfig.custom().scheduler(Scheduler.of(retryExecutor)).build());
		}

	}

	record Seen(String step, String thread, String tenant, String requestId) {

		static Seen now(String step) {
			return new Seen(step, Thread.currentThread().getName(), TENANT.get(), MDC.get("requestId"));
		}

	}

	static class ContextRecordingService {

		final List<Seen> seen = new CopyOnWriteArrayList<>();

		// A wait of zero would let a retry race the subscription and run on the caller thread.
		@Retryable(name = "stage", maxAttempts = 3, waitDuration = "100ms", fallbackMethod = "stageFallback")
		public CompletableFuture<String> stage() {
			this.seen.add(Seen.now("attempt " + RetryContext.current().getAttempt()));
			return CompletableFuture.failedFuture(new IOException("down"));
		}

		CompletableFuture<String> stageFallback(IOException ex) {
			this.seen.add(Seen.now("fallback"));
			return CompletableFuture.completedFuture("fallback");
		}

		@Retryable(name = "mono", maxAttempts = 3, waitDuration = "100ms", fallbackMethod = "monoFallback")
		public Mono<String> mono() {
			this.seen.add(Seen.now("attempt " + RetryContext.current().getAttempt()));
			return Mono.error(new IOException("down"));
		}

		String monoFallback(IOException ex) {
			this.seen.add(Seen.now("fallback"));
			return "fallback";
		}

	}

}
