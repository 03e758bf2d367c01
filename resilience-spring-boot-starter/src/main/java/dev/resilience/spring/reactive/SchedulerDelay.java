package dev.resilience.spring.reactive;

import java.time.Duration;

import dev.resilience.core.time.Scheduler;
import reactor.core.publisher.Mono;

/**
 * A {@link Mono} that emits {@code 0} after a wait on a {@code resilience-core} {@link Scheduler},
 * so that reactive retries wait on the scheduler configured for the retry, like asynchronous ones.
 * Cancelling the subscription cancels the scheduled task. A scheduler that rejects the task makes
 * the {@code Mono} fail with the rejection.
 */
final class SchedulerDelay {

	private SchedulerDelay() {
	}

	static Mono<Long> of(Scheduler scheduler, Duration wait) {
		return Mono.create((sink) -> {
			Scheduler.Cancellable task;
			try {
				task = scheduler.schedule(() -> sink.success(0L), wait);
			}
			catch (RuntimeException rejection) {
				sink.error(rejection);
				return;
			}
			sink.onCancel(task::cancel);
		});
	}

}
