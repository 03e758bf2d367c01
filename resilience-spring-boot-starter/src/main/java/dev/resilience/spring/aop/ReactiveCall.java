package dev.resilience.spring.aop;

import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.retry.Retry;
import dev.resilience.spring.observation.CallObservation;
import dev.resilience.spring.observation.CallObserver;
import dev.resilience.spring.observation.CallOutcome;
import dev.resilience.spring.propagation.CapturedContext;
import dev.resilience.spring.reactive.ReactorBreakerOperator;
import dev.resilience.spring.reactive.ReactorRetryOperator;
import org.aopalliance.intercept.MethodInvocation;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * One subscription to an advised method that returns a Reactor {@code Mono} or {@code Flux}. Only
 * this class of the advice names Reactor types, and it is loaded only for such methods.
 * <p>
 * The advised method returns at once a publisher that calls nothing until it is subscribed. Each
 * subscription is one protected call: it starts the observation, then calls the method and
 * subscribes to what it returns, guarded by {@link ReactorBreakerOperator} and retried by
 * {@link ReactorRetryOperator}, which calls the method again for every attempt. A method that
 * throws instead of returning a publisher fails that attempt like an error signal. When the
 * attempts fail, the fallback runs once. A {@code Mono} fallback may return a {@code Mono}, another
 * {@code Publisher} (its first element is used) or a plain value (wrapped, {@code null} meaning
 * empty); a {@code Flux} fallback may return a {@code Flux}, another {@code Publisher} or a plain
 * value (a one-element {@code Flux}, {@code null} meaning empty).
 * <p>
 * Context. When the subscription starts, the thread-local values of the subscribing thread,
 * overridden by those in the subscriber's Reactor {@code Context}, are captured, and set around the
 * start of the observation, around every attempt and around the fallback. The captured context
 * and the observation are also put into the Reactor {@code Context} seen by the attempts and the
 * fallback, under {@code CapturedContext.class} and Micrometer's observation key, so that
 * Reactor-aware instrumentation inside makes its observations children of this call's.
 * <p>
 * This class is thread-safe: its steps follow the signals of one subscription, which Reactor
 * delivers one at a time.
 */
final class ReactiveCall {

	private final ResiliencePipeline pipeline;

	private final MethodInvocation invocation;

	private final CapturedContext subscriberContext;

	private final CallObservation observation;

	private volatile boolean fallbackStarted;

	private ReactiveCall(ResiliencePipeline pipeline, MethodInvocation invocation, CallObserver observer,
			ContextView view) {
		this.pipeline = pipeline;
		this.invocation = invocation;
		this.subscriberContext = CapturedContext.capture(view);
		try (CapturedContext.Scope scope = this.subscriberContext.restore()) {
			this.observation = observer.start(pipeline.getInstanceName(), pipeline.getMethodName());
		}
	}

	/**
	 * Returns the publisher of an advised call, which runs the call on each subscription.
	 * @param pipeline the pipeline of the method
	 * @param invocation the intercepted call
	 * @param observer starts the observation of each subscription
	 * @return a {@code Mono} or a {@code Flux}, as the method declares
	 */
	static Publisher<Object> invoke(ResiliencePipeline pipeline, MethodInvocation invocation, CallObserver observer) {
		if (pipeline.getReturnKind() == ResiliencePipeline.ReturnKind.MONO) {
			return Mono.deferContextual((view) -> new ReactiveCall(pipeline, invocation, observer, view).mono());
		}
		return Flux.deferContextual((view) -> new ReactiveCall(pipeline, invocation, observer, view).flux());
	}

	@SuppressWarnings("unchecked")
	private Mono<Object> mono() {
		Mono<Object> attempt = Mono.defer(() -> (Mono<Object>) callMethod());
		CircuitBreaker breaker = this.pipeline.getBreaker();
		if (breaker != null) {
			attempt = attempt.transform(ReactorBreakerOperator.of(breaker));
		}
		Mono<Object> guarded = attempt;
		Mono<Object> attempts = Mono.defer(() -> {
			this.observation.attemptStarted(this.pipeline.currentAttempt());
			return guarded;
		});
		Retry retry = this.pipeline.getRetry();
		if (retry != null) {
			attempts = attempts.transform(ReactorRetryOperator.of(retry));
		}
		return attempts.onErrorResume(this::fallBackMono)
			.contextWrite(this::withCallContext)
			.doOnSuccess((value) -> succeeded())
			.doOnError(this::failed)
			.doOnCancel(this::cancelled);
	}

	private Flux<Object> flux() {
		Flux<Object> attempt = Flux.defer(this::callMethod);
		CircuitBreaker breaker = this.pipeline.getBreaker();
		if (breaker != null) {
			attempt = attempt.transform(ReactorBreakerOperator.of(breaker));
		}
		Flux<Object> guarded = attempt;
		Flux<Object> attempts = Flux.defer(() -> {
			this.observation.attemptStarted(this.pipeline.currentAttempt());
			return guarded;
		});
		Retry retry = this.pipeline.getRetry();
		if (retry != null) {
			attempts = attempts.transform(ReactorRetryOperator.of(retry));
		}
		return attempts.onErrorResume(this::fallBackFlux)
			.contextWrite(this::withCallContext)
			.doOnComplete(this::succeeded)
			.doOnError(this::failed)
			.doOnCancel(this::cancelled);
	}

	/**
	 * Calls the method for one attempt, inside the observation's scope, and returns its publisher,
	 * which is a {@code Mono} or a {@code Flux} as the method declares. When the method throws or
	 * returns {@code null}, it returns a failed one of the same type.
	 */
	@SuppressWarnings("unchecked")
	private Publisher<Object> callMethod() {
		Object publisher;
		try (CallObservation.Scope scope = this.observation.openScope()) {
			publisher = ResiliencePipeline.proceed(this.invocation);
		}
		catch (Throwable ex) {
			return error(ex);
		}
		if (publisher == null) {
			return error(new IllegalStateException(this.pipeline.getMethodName() + " returned null instead of a "
					+ this.pipeline.getReturnKind().typeName()));
		}
		return (Publisher<Object>) publisher;
	}

	private Publisher<Object> error(Throwable error) {
		return isMono() ? Mono.error(error) : Flux.error(error);
	}

	private Mono<Object> fallBackMono(Throwable error) {
		FallbackResult result = fallBack(error);
		if (result.error() != null) {
			return Mono.error(result.error());
		}
		Object value = result.value();
		if (value instanceof Mono<?> mono) {
			return mono.cast(Object.class);
		}
		if (value instanceof Publisher<?> publisher) {
			return Mono.from(publisher).cast(Object.class);
		}
		return Mono.justOrEmpty(value);
	}

	private Flux<Object> fallBackFlux(Throwable error) {
		FallbackResult result = fallBack(error);
		if (result.error() != null) {
			return Flux.error(result.error());
		}
		Object value = result.value();
		if (value instanceof Publisher<?> publisher) {
			return Flux.from(publisher).cast(Object.class);
		}
		return (value != null) ? Flux.just(value) : Flux.empty();
	}

	/**
	 * Runs the fallback when it handles the error, with the subscriber's context and the
	 * observation's scope set, and returns its value or the exception to signal.
	 */
	private FallbackResult fallBack(Throwable error) {
		ResiliencePipeline.reportRejection(error, this.observation);
		if (!this.pipeline.shouldFallBack(error)) {
			return new FallbackResult(null, error);
		}
		this.fallbackStarted = true;
		try (CapturedContext.Scope context = this.subscriberContext.restore();
				CallObservation.Scope scope = this.observation.openScope()) {
			Object value = this.pipeline.getFallback()
				.invoke(this.invocation.getThis(), this.invocation.getArguments(), error);
			return new FallbackResult(value, null);
		}
		catch (Throwable ex) {
			return new FallbackResult(null, ex);
		}
	}

	private Context withCallContext(Context context) {
		return context.put(CapturedContext.class, this.subscriberContext)
			.putAllMap(this.observation.contextEntries());
	}

	private void succeeded() {
		this.observation.stop(this.fallbackStarted ? CallOutcome.FALLBACK : CallOutcome.SUCCESS, null);
	}

	private void failed(Throwable error) {
		this.observation.stop(ResiliencePipeline.failureOutcome(error), error);
	}

	private void cancelled() {
		this.observation.stop(CallOutcome.CANCELLED, null);
	}

	private boolean isMono() {
		return this.pipeline.getReturnKind() == ResiliencePipeline.ReturnKind.MONO;
	}

	private record FallbackResult(Object value, Throwable error) {
	}

}
