package dev.resilience.core.retry;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.resilience.core.time.ManualClock;
import dev.resilience.core.time.Scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link RetryContext}: attempt numbers, a stable invocation id, and no context outside
 * attempts.
 */
class RetryContextTests {

	private final ManualClock clock = new ManualClock();

	private final Retry retry = Retry.of("context", RetryConfig.custom()
		.maxAttempts(3)
		.waitDuration(Duration.ofSeconds(1))
		.ticker(this.clock)
		.sleeper(this.clock)
		.scheduler(this.clock)
		.build());

	@Test
	void noContextOutsideAttempts() throws Throwable {
		assertThat(RetryContext.current()).isNull();

		this.retry.execute(() -> "value");
		catchThrowable(() -> this.retry.execute(ScriptedCall.of(new IOException())));

		assertThat(RetryContext.current()).isNull();
	}

	@Test
	void syncAttemptsShareInvocationId() throws Throwable {
		ScriptedCall<String> call = ScriptedCall.of(new IOException(), new IOException(), "done");

		this.retry.execute(call);

		List<RetryContext> contexts = call.contexts();
		assertThat(contexts).extracting(RetryContext::getAttempt).containsExactly(1, 2, 3);
		assertThat(contexts).extracting(RetryContext::getInvocationId).containsOnly(contexts.get(0).getInvocationId());
		assertThat(contexts.get(0).getInvocationId()).hasSize(36);
	}

	@Test
	void eachExecutionHasItsOwnInvocationId() throws Throwable {
		ScriptedCall<String> first = ScriptedCall.of("one");
		ScriptedCall<String> second = ScriptedCall.of("two");

		this.retry.execute(first);
		this.retry.execute(second);

		assertThat(first.contexts().get(0).getInvocationId())
			.isNotEqualTo(second.contexts().get(0).getInvocationId());
	}

	@Test
	void listenersRunOutsideAttemptContext() {
		List<RetryContext> seenByListener = new ArrayList<>();
		this.retry.addListener(new RetryListener() {

			@Override
			public void onRetry(Retry retry, int attempt, Throwable error, Duration wait) {
				seenByListener.add(RetryContext.current());
			}

			@Override
			public void onOutcome(Retry retry, RetryOutcome outcome, int attempts, Throwable lastErrorOrNull) {
				seenByListener.add(RetryContext.current());
			}

		});

		catchThrowable(() -> this.retry.execute(ScriptedCall.of(new IOException())));

		assertThat(seenByListener).hasSize(3).containsOnlyNulls();
	}

	@Test
	void nestedExecutionRestoresOuterContext() throws Throwable {
		Retry inner = Retry.of("inner", this.retry.getConfig());
		List<RetryContext> outerBefore = new ArrayList<>();
		List<RetryContext> innerSeen = new ArrayList<>();
		List<RetryContext> outerAfter = new ArrayList<>();

		this.retry.execute(() -> {
			outerBefore.add(RetryContext.current());
			inner.execute(() -> {
				innerSeen.add(RetryContext.current());
				if (innerSeen.size() < 2) {
					throw new IOException("inner failure");
				}
				return "inner";
			});
			outerAfter.add(RetryContext.current());
			if (outerAfter.size() < 2) {
				throw new IOException("outer failure");
			}
			return "outer";
		});

		assertThat(outerAfter).containsExactlyElementsOf(outerBefore);
		assertThat(outerBefore).extracting(RetryContext::getAttempt).containsExactly(1, 2);
		assertThat(innerSeen).extracting(RetryContext::getAttempt).containsExactly(1, 2, 1);
		assertThat(innerSeen.get(0).getInvocationId()).isEqualTo(innerSeen.get(1).getInvocationId())
			.isNotEqualTo(innerSeen.get(2).getInvocationId())
			.isNotEqualTo(outerBefore.get(0).getInvocationId());
		assertThat(RetryContext.current()).isNull();
	}

	@Test
	void asyncAttemptsShareInvocationId() {
		List<RetryContext> contexts = new ArrayList<>();

		CompletionStage<String> result = this.retry.executeCompletionStage(() -> {
			contexts.add(RetryContext.current());
			return (contexts.size() < 3) ? CompletableFuture.failedFuture(new IOException())
					: CompletableFuture.completedFuture("done");
		});
		assertThat(RetryContext.current()).isNull();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(RetryContext.current()).isNull();
		this.clock.advance(Duration.ofSeconds(1));

		assertThat(result.toCompletableFuture()).isCompletedWithValue("done");
		assertThat(contexts).extracting(RetryContext::getAttempt).containsExactly(1, 2, 3);
		assertThat(contexts).extracting(RetryContext::getInvocationId).containsOnly(contexts.get(0).getInvocationId());
		assertThat(RetryContext.current()).isNull();
	}

	@Test
	void asyncContextIsSetOnSchedulerThread() throws Exception {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
		try {
			Retry retry = Retry.of("threads", RetryConfig.custom()
				.maxAttempts(2)
				.waitDuration(Duration.ZERO)
				.scheduler(Scheduler.of(executor))
				.build());
			List<String> threads = new ArrayList<>();
			List<RetryContext> contexts = new ArrayList<>();

			CompletionStage<String> result = retry.executeCompletionStage(() -> {
				synchronized (contexts) {
					threads.add(Thread.currentThread().getName());
					contexts.add(RetryContext.current());
					return (contexts.size() < 2) ? CompletableFuture.failedFuture(new IOException())
							: CompletableFuture.completedFuture("done");
				}
			});

			assertThat(result.toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("done");
			RetryContext leftOnSchedulerThread = executor.submit(RetryContext::current).get(10, TimeUnit.SECONDS);
			synchronized (contexts) {
				assertThat(threads.get(1)).isNotEqualTo(threads.get(0));
				assertThat(contexts).extracting(RetryContext::getAttempt).containsExactly(1, 2);
				assertThat(contexts.get(1).getInvocationId()).isEqualTo(contexts.get(0).getInvocationId());
			}
			assertThat(leftOnSchedulerThread).isNull();
		}
		finally {
			executor.shutdownNow();
		}
	}

}
