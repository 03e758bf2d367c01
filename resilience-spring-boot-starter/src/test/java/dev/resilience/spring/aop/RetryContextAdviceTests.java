package dev.resilience.spring.aop;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.core.retry.RetryContext;
import dev.resilience.core.retry.RetryMetrics;
import dev.resilience.core.retry.RetryRegistry;
import dev.resilience.core.time.ManualClock;
import dev.resilience.spring.annotation.Retryable;
import dev.resilience.spring.autoconfigure.ResilienceAutoConfiguration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.test.util.AopTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@link RetryContext} is readable inside every attempt of an annotated method, for
 * each supported return type, through a real proxy.
 */
class RetryContextAdviceTests {

	private static final Duration WAIT = Duration.ofSeconds(1);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withUserConfiguration(ManualClockConfiguration.class)
		.withBean(RecordingService.class);

	@Test
	void synchronousAttemptsShareInvocationId() {
		this.contextRunner.run((context) -> {
			RecordingService service = context.getBean(RecordingService.class);

			assertThat(service.synchronous()).isEqualTo("done");
			assertThat(service.synchronous()).isEqualTo("done");

			List<RetryContext> seen = target(service).seen;
			assertThat(seen).extracting(RetryContext::getAttempt).containsExactly(1, 2, 3, 1, 2, 3);
			assertSameIdWithinExecution(seen.subList(0, 3), seen.subList(3, 6));
		});
	}

	@Test
	void completableFutureAttemptsShareInvocationId() {
		this.contextRunner.run((context) -> {
			RecordingService service = context.getBean(RecordingService.class);
			ManualClock clock = context.getBean(ManualClock.class);

			CompletableFuture<String> first = service.asynchronous();
			clock.advance(WAIT);
			clock.advance(WAIT);
			CompletableFuture<String> second = service.asynchronous();
			clock.advance(WAIT);
			clock.advance(WAIT);

			assertThat(first).isCompletedWithValue("done");
			assertThat(second).isCompletedWithValue("done");
			List<RetryContext> seen = target(service).seen;
			assertThat(seen).extracting(RetryContext::getAttempt).containsExactly(1, 2, 3, 1, 2, 3);
			assertSameIdWithinExecution(seen.subList(0, 3), seen.subList(3, 6));
		});
	}

	@Test
	void monoAttemptsShareInvocationId() {
		this.contextRunner.run((context) -> {
			RecordingService service = context.getBean(RecordingService.class);
			ManualClock clock = context.getBean(ManualClock.class);
			Mono<String> call = service.reactive();

			StepVerifier.create(call)
				.then(() -> clock.advance(WAIT))
				.then(() -> clock.advance(WAIT))
				.expectNext("done")
				.verifyComplete();
			StepVerifier.create(call)
				.then(() -> clock.advance(WAIT))
				.then(() -> clock.advance(WAIT))
				.expectNext("done")
				.verifyComplete();

			List<RetryContext> seen = target(service).seen;
			assertThat(seen).extracting(RetryContext::getAttempt).containsExactly(1, 2, 3, 1, 2, 3);
			assertSameIdWithinExecution(seen.subList(0, 3), seen.subList(3, 6));
			assertThat(target(service).seenInReactorContext).containsExactlyElementsOf(seen);
			assertThat(context.getBean(RetryRegistry.class).find("reactive").orElseThrow().getMetrics())
				.isEqualTo(new RetryMetrics(0, 2, 0, 0, 6));
		});
	}

	@Test
	void noContextOutsideAttempts() {
		this.contextRunner.run((context) -> {
			RecordingService service = context.getBean(RecordingService.class);

			service.synchronous();

			assertThat(RetryContext.current()).isNull();
		});
	}

	private static void assertSameIdWithinExecution(List<RetryContext> first, List<RetryContext> second) {
		String firstId = first.get(0).getInvocationId();
		String secondId = second.get(0).getInvocationId();
		assertThat(first).extracting(RetryContext::getInvocationId).containsOnly(firstId);
		assertThat(second).extracting(RetryContext::getInvocationId).containsOnly(secondId);
		assertThat(firstId).isNotEqualTo(secondId);
	}

	private static RecordingService target(RecordingService proxy) {
		return AopTestUtils.getTargetObject(proxy);
	}

	static class RecordingService {

		final List<RetryContext> seen = new CopyOnWriteArrayList<>();

		final List<RetryContext> seenInReactorContext = new CopyOnWriteArrayList<>();

		private final AtomicInteger synchronousCalls = new AtomicInteger();

		private final AtomicInteger asynchronousCalls = new AtomicInteger();

		private final AtomicInteger reactiveCalls = new AtomicInteger();

		@Retryable(name = "synchronous", maxAttempts = 3, waitDuration = "1s")
		public String synchronous() throws IOException {
			this.seen.add(RetryContext.current());
			if (this.synchronousCalls.incrementAndGet() % 3 != 0) {
				throw new IOException("not yet");
			}
			return "done";
		}

		@Retryable(name = "asynchronous", maxAttempts = 3, waitDuration = "1s")
		public CompletableFuture<String> asynchronous() {
			this.seen.add(RetryContext.current());
			if (this.asynchronousCalls.incrementAndGet() % 3 != 0) {
				return CompletableFuture.failedFuture(new IOException("not yet"));
			}
			return CompletableFuture.completedFuture("done");
		}

		@Retryable(name = "reactive", maxAttempts = 3, waitDuration = "1s")
		public Mono<String> reactive() {
			this.seen.add(RetryContext.current());
			int call = this.reactiveCalls.incrementAndGet();
			return Mono.deferContextual((context) -> {
				this.seenInReactorContext.add(context.get(RetryContext.class));
				return (call % 3 != 0) ? Mono.error(new IOException("not yet")) : Mono.just("done");
			});
		}

	}

}
