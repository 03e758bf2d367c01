package dev.resilience.spring.reactive;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import dev.resilience.core.retry.RetriesExhaustedException;
import dev.resilience.core.retry.Retry;
import dev.resilience.core.retry.RetryContext;
import dev.resilience.core.retry.RetryExecution;
import dev.resilience.spring.propagation.CapturedContext;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.publisher.SynchronousSink;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.ContextView;

/**
 * Retries a {@code Mono} or {@code Flux} by subscribing to it again, with the policy, backoff,
 * deadline, metrics and listeners of a {@link Retry}.
 *
 * <pre>{@code
 * Mono<Quote> quote = client.fetch(symbol)
 *     .transform(ReactorBreakerOperator.of(breaker))
 *     .transform(ReactorRetryOperator.of(retry));
 * }</pre>
 *
 * <p>Each subscription is one execution of the retry ({@link Retry#startExecution()}), and each
 * subscription to the source is one attempt. An error signal is classified like an exception of
 * {@link Retry#execute}: {@code CallNotPermittedException} from a circuit breaker is never
 * retried. The value of a {@code Mono} is tested with the retry's result predicate. A {@code Flux}
 * is retried on errors only, and because it subscribes again from the start, the subscriber
 * receives the elements that the failed attempt emitted a second time. An empty {@code Mono} or a
 * completed {@code Flux} ends the execution as a success. When the retry gives up, the subscriber
 * receives the last error itself, not a wrapper, or {@link RetriesExhaustedException} as
 * {@code execute} would throw it.
 *
 * <p>Waits block no thread. By default they run on the retry's configured
 * {@link dev.resilience.core.time.Scheduler}, so the next attempt subscribes on that scheduler's
 * thread, and a {@code ManualClock} in the configuration controls them in tests.
 * {@link #of(Retry, Scheduler)} waits with {@link Mono#delay(Duration, Scheduler)} on a Reactor
 * scheduler instead. If the scheduler rejects a wait, the subscription fails with the last error,
 * carrying the rejection as suppressed. Cancelling the subscription cancels the pending wait, and
 * the unfinished execution counts no outcome.
 *
 * <p>Context. Every attempt subscribes with the subscriber's Reactor {@code Context}, plus the
 * attempt's {@link RetryContext} under the key {@code RetryContext.class}. The thread-local
 * {@link RetryContext} is also set while the source is subscribed, so code that runs during the
 * subscription, such as the supplier of {@code Mono.fromCallable} without {@code subscribeOn}, can
 * read {@link RetryContext#current()}. With Micrometer's context-propagation library on the
 * classpath, the thread-local values of the subscribing thread, overridden by the values in the
 * subscriber's {@code Context}, are captured when the subscription starts and set around every
 * attempt's subscription, including those that start later on the scheduler's thread. A
 * {@link CapturedContext} found in the subscriber's {@code Context} under the key
 * {@code CapturedContext.class} is used instead, which is how the advice passes the context it
 * captured. Values that the source reads later on other threads reach it only through Reactor's
 * own context propagation ({@code Hooks.enableAutomaticContextPropagation()}), which is the
 * application's choice.
 *
 * <p>Instances are immutable and thread-safe, and one instance may retry any number of sources.
 *
 * @param <T> the type of the elements
 * @since 0.1.0
 */
public final class ReactorRetryOperator<T> implements UnaryOperator<Publisher<T>> {

	private final Retry retry;

	private final Scheduler delayScheduler;

	private ReactorRetryOperator(Retry retry, Scheduler delayScheduler) {
		this.retry = Objects.requireNonNull(retry, "retry must not be null");
		this.delayScheduler = delayScheduler;
	}

	/**
	 * Returns an operator that waits on the retry's configured scheduler.
	 * @param <T> the type of the elements
	 * @param retry the retry
	 * @return the operator
	 */
	public static <T> ReactorRetryOperator<T> of(Retry retry) {
		return new ReactorRetryOperator<>(retry, null);
	}

	/**
	 * Returns an operator that waits with {@link Mono#delay(Duration, Scheduler)} on a Reactor
	 * scheduler, for example a virtual-time scheduler in a test.
	 * @param <T> the type of the elements
	 * @param retry the retry
	 * @param delayScheduler the scheduler on which waits run and later attempts subscribe
	 * @return the operator
	 */
	public static <T> ReactorRetryOperator<T> of(Retry retry, Scheduler delayScheduler) {
		return new ReactorRetryOperator<>(retry,
				Objects.requireNonNull(delayScheduler, "delayScheduler must not be null"));
	}

	/**
	 * Applies the retry to a source.
	 * @param source the source, subscribed once per attempt
	 * @return a {@link Mono} when the source is one, otherwise a {@link Flux}
	 */
	@Override
	public Publisher<T> apply(Publisher<T> source) {
		if (source instanceof Mono<T> mono) {
			return retryMono(mono);
		}
		return retryFlux(Flux.from(source));
	}

	private Mono<T> retryMono(Mono<T> source) {
		return Mono.deferContextual((view) -> {
			Attempts attempts = new Attempts(Flux.from(source), view);
			return Mono.fromDirect(attempts)
				.handle(attempts::testValue)
				.switchIfEmpty(Mono.<T>fromRunnable(attempts.execution::onComplete))
				.retryWhen(attempts.companion());
		});
	}

	private Flux<T> retryFlux(Flux<T> source) {
		return Flux.deferContextual((view) -> {
			Attempts attempts = new Attempts(source, view);
			return Flux.from(attempts)
				.doOnComplete(attempts.execution::onComplete)
				.retryWhen(attempts.companion());
		});
	}

	/**
	 * The attempts of one subscription: the source for {@code retryWhen} to subscribe to, and the
	 * companion that decides whether and when to subscribe again.
	 */
	private final class Attempts implements Publisher<T> {

		private final Flux<T> source;

		private final RetryExecution execution;

		private final CapturedContext captured;

		Attempts(Flux<T> source, ContextView view) {
			this.source = source;
			this.execution = ReactorRetryOperator.this.retry.startExecution();
			CapturedContext enclosing = view.getOrDefault(CapturedContext.class, null);
			this.captured = (enclosing != null) ? enclosing : CapturedContext.capture(view);
		}

		@Override
		public void subscribe(Subscriber<? super T> subscriber) {
			try (CapturedContext.Scope scope = this.captured.restore()) {
				this.execution.attempt((retryContext) -> {
					this.source.contextWrite((context) -> context.put(RetryContext.class, retryContext))
						.subscribe(subscriber);
					return null;
				});
			}
			catch (RuntimeException ex) {
				Operators.error(subscriber, ex);
			}
		}

		/**
		 * Passes on the value of a {@code Mono}, or signals {@link RetriedValue} when the value
		 * matches the result predicate and another attempt follows.
		 */
		void testValue(T value, SynchronousSink<T> sink) {
			Duration wait = this.execution.onResult(value);
			if (wait == null) {
				sink.next(value);
			}
			else {
				sink.error(new RetriedValue(value, wait));
			}
		}

		reactor.util.retry.Retry companion() {
			return reactor.util.retry.Retry.withThrowable((errors) -> errors.concatMap(this::waitOrFail));
		}

		private Mono<Long> waitOrFail(Throwable error) {
			if (error instanceof RetriedValue retried) {
				return delay(retried.wait, () -> exhausted(retried));
			}
			if (this.execution.isFinished()) {
				// The attempt ended the execution itself: a result predicate threw, or the last
				// retried value raised RetriesExhaustedException.
				return Mono.error(error);
			}
			Duration wait = this.execution.onError(error);
			if (wait == null) {
				return Mono.error(error);
			}
			return delay(wait, () -> error);
		}

		/**
		 * Waits, or ends the execution with the failure from {@code lastFailure} and the rejection
		 * as suppressed when the scheduler rejects the wait.
		 */
		private Mono<Long> delay(Duration wait, Supplier<Throwable> lastFailure) {
			Scheduler scheduler = ReactorRetryOperator.this.delayScheduler;
			Mono<Long> delay = (scheduler != null) ? Mono.delay(wait, scheduler)
					: SchedulerDelay.of(ReactorRetryOperator.this.retry.getConfig().getScheduler(), wait);
			return delay.onErrorMap((rejection) -> {
				Throwable failure = lastFailure.get();
				failure.addSuppressed(rejection);
				this.execution.abort(failure);
				return failure;
			});
		}

		// NOTE: unlike executeCompletionStage, a rejected wait after a retried value always fails with
		// RetriesExhaustedException, also when fail-after-max-attempts is off.
		private RetriesExhaustedException exhausted(RetriedValue retried) {
			return new RetriesExhaustedException(ReactorRetryOperator.this.retry.getName(),
					this.execution.getAttempts(), retried.value);
		}

	}

	/**
	 * The signal from a {@code Mono} attempt whose value the result predicate retries. It never
	 * reaches the subscriber, because the companion always turns it into a wait.
	 */
	private static final class RetriedValue extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final transient Object value;

		private final transient Duration wait;

		RetriedValue(Object value, Duration wait) {
			super("retried value", null, false, false);
			this.value = value;
			this.wait = wait;
		}

	}

}
