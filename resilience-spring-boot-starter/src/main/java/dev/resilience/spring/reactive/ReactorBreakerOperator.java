package dev.resilience.spring.reactive;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

import dev.resilience.core.breaker.CallNotPermittedException;
import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.time.Ticker;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Guards each subscription to a {@code Mono} or {@code Flux} with a {@link CircuitBreaker}.
 *
 * <pre>{@code
 * Mono<Quote> quote = client.fetch(symbol).transform(ReactorBreakerOperator.of(breaker));
 * }</pre>
 *
 * <p>Every subscription requests a permit from the breaker before it subscribes to the source. A
 * rejected subscription fails at once with {@link CallNotPermittedException}, and the source is not
 * subscribed. A permitted subscription settles its permit exactly once, with the first of these
 * signals:
 * <ul>
 * <li>{@code Mono}: a value is recorded through {@link CircuitBreaker#onResult} (so the breaker's
 * result predicate sees it), and an empty completion through {@link CircuitBreaker#onSuccess};</li>
 * <li>{@code Flux}: completion is recorded as a success, and an error at any point of the stream,
 * after any number of elements, as a failure or as ignored, as the breaker classifies it;</li>
 * <li>cancellation returns the permit through {@link CircuitBreaker#releasePermission} and records
 * nothing, also for a {@code Flux} cut short by an operator such as {@code take}.</li>
 * </ul>
 * The outcome is recorded before the signal travels downstream, so a retry further down sees a
 * breaker that already counts the failed attempt. Durations are measured with the breaker's
 * configured {@link Ticker}, from the subscription to the settling signal.
 *
 * <p>Instances are immutable and thread-safe, and one instance may guard any number of sources.
 *
 * @param <T> the type of the elements
 * @since 0.1.0
 */
public final class ReactorBreakerOperator<T> implements UnaryOperator<Publisher<T>> {

	private final CircuitBreaker breaker;

	private ReactorBreakerOperator(CircuitBreaker breaker) {
		this.breaker = Objects.requireNonNull(breaker, "breaker must not be null");
	}

	/**
	 * Returns an operator that guards subscriptions with the given breaker.
	 * @param <T> the type of the elements
	 * @param breaker the circuit breaker
	 * @return the operator
	 */
	public static <T> ReactorBreakerOperator<T> of(CircuitBreaker breaker) {
		return new ReactorBreakerOperator<>(breaker);
	}

	/**
	 * Guards a source.
	 * @param source the source
	 * @return a {@link Mono} when the source is one, otherwise a {@link Flux}
	 */
	@Override
	public Publisher<T> apply(Publisher<T> source) {
		if (source instanceof Mono<T> mono) {
			return guard(mono);
		}
		return guard(Flux.from(source));
	}

	private Mono<T> guard(Mono<T> source) {
		return Mono.defer(() -> {
			long permit = this.breaker.tryAcquirePermission();
			if (permit == CircuitBreaker.NO_PERMIT) {
				return Mono.error(rejection());
			}
			Settlement settlement = new Settlement(this.breaker, permit);
			return source.doOnSuccess((value) -> {
				if (value != null) {
					settlement.recordResult(value);
				}
				else {
					settlement.recordSuccess();
				}
			}).doOnError(settlement::recordError).doOnCancel(settlement::release);
		});
	}

	private Flux<T> guard(Flux<T> source) {
		return Flux.defer(() -> {
			long permit = this.breaker.tryAcquirePermission();
			if (permit == CircuitBreaker.NO_PERMIT) {
				return Flux.error(rejection());
			}
			Settlement settlement = new Settlement(this.breaker, permit);
			return source.doOnComplete(settlement::recordSuccess)
				.doOnError(settlement::recordError)
				.doOnCancel(settlement::release);
		});
	}

	private CallNotPermittedException rejection() {
		return new CallNotPermittedException(this.breaker.getName(), this.breaker.getState());
	}

	/**
	 * The permit of one subscription. The first signal settles it, and later ones do nothing, so a
	 * cancellation racing with a completion on another thread settles the permit once.
	 */
	private static final class Settlement {

		private final CircuitBreaker breaker;

		private final Ticker ticker;

		private final long permit;

		private final long startNanos;

		private final AtomicBoolean settled = new AtomicBoolean();

		Settlement(CircuitBreaker breaker, long permit) {
			this.breaker = breaker;
			this.ticker = breaker.getConfig().getTicker();
			this.permit = permit;
			this.startNanos = this.ticker.read();
		}

		void recordResult(Object value) {
			if (this.settled.compareAndSet(false, true)) {
				this.breaker.onResult(this.permit, elapsedNanos(), value);
			}
		}

		void recordSuccess() {
			if (this.settled.compareAndSet(false, true)) {
				this.breaker.onSuccess(this.permit, elapsedNanos());
			}
		}

		void recordError(Throwable error) {
			if (this.settled.compareAndSet(false, true)) {
				this.breaker.onError(this.permit, elapsedNanos(), error);
			}
		}

		void release() {
			if (this.settled.compareAndSet(false, true)) {
				this.breaker.releasePermission(this.permit);
			}
		}

		private long elapsedNanos() {
			return this.ticker.read() - this.startNanos;
		}

	}

}
