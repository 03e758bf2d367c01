package dev.resilience.spring.aop;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.retry.Retry;
import dev.resilience.spring.observation.CallObservation;
import dev.resilience.spring.observation.CallOutcome;
import dev.resilience.spring.propagation.CapturedContext;
import org.aopalliance.intercept.MethodInvocation;

/**
 * One call of an advised method that returns a {@link CompletionStage} or a
 * {@link CompletableFuture}. The attempts go through {@link Retry#executeCompletionStage} and
 * {@link CircuitBreaker#executeCompletionStage}, so waits block no thread, and the fallback runs
 * when the attempts' stage fails.
 * <p>
 * The caller's thread-local context is captured when the call starts, on the caller's thread. It
 * is set, together with the call's observation scope, around every attempt and around the fallback,
 * which may run later on the retry's scheduler thread or on the thread that completed a stage.
 * <p>
 * The returned future completes once, with the method's result, the fallback's result or the final
 * exception, unwrapped from {@code CompletionException}. Cancelling it cancels the pending attempt
 * or wait, so no further attempt starts, and skips the fallback.
 * <p>
 * This class is thread-safe: after {@link #start()}, its steps run one at a time on the threads
 * that complete the stages, and the returned future orders the final step.
 */
final class CompletionStageCall {

	private final ResiliencePipeline pipeline;

	private final MethodInvocation invocation;

	private final CallObservation observation;

	private final CapturedContext callerContext;

	private final CompletableFuture<Object> result = new CompletableFuture<>();

	CompletionStageCall(ResiliencePipeline pipeline, MethodInvocation invocation, CallObservation observation) {
		this.pipeline = pipeline;
		this.invocation = invocation;
		this.observation = observation;
		this.callerContext = CapturedContext.capture();
	}

	/**
	 * Starts the first attempt on the calling thread.
	 * @return the future of the call's outcome
	 */
	CompletableFuture<Object> start() {
		Retry retry = this.pipeline.getRetry();
		CompletionStage<Object> attempts = (retry != null) ? retry.executeCompletionStage(this::attempt) : attempt();
		this.result.whenComplete((value, error) -> {
			if (this.result.isCancelled()) {
				if (attempts instanceof Future<?> future) {
					future.cancel(false);
				}
				this.observation.stop(CallOutcome.CANCELLED, null);
			}
		});
		attempts.whenComplete(this::attemptsEnded);
		return this.result;
	}

	private CompletionStage<Object> attempt() {
		try (CapturedContext.Scope context = this.callerContext.restore();
				CallObservation.Scope scope = this.observation.openScope()) {
			this.observation.attemptStarted(this.pipeline.currentAttempt());
			CircuitBreaker breaker = this.pipeline.getBreaker();
			return (breaker != null) ? breaker.executeCompletionStage(this::proceed) : proceed();
		}
	}

	@SuppressWarnings("unchecked")
	private CompletionStage<Object> proceed() {
		try {
			Object stage = ResiliencePipeline.proceed(this.invocation);
			if (stage == null) {
				return CompletableFuture.failedStage(new IllegalStateException(this.pipeline.getMethodName()
						+ " returned null instead of a " + this.pipeline.getReturnKind().typeName()));
			}
			return (CompletionStage<Object>) stage;
		}
		catch (Throwable ex) {
			return CompletableFuture.failedStage(ex);
		}
	}

	private void attemptsEnded(Object value, Throwable error) {
		if (error == null) {
			complete(value, CallOutcome.SUCCESS);
			return;
		}
		Throwable failure = ResiliencePipeline.unwrap(error);
		ResiliencePipeline.reportRejection(failure, this.observation);
		if (this.result.isDone() || !this.pipeline.shouldFallBack(failure)) {
			fail(failure);
			return;
		}
		fallBack(failure).whenComplete((fallbackValue, fallbackError) -> {
			if (fallbackError == null) {
				complete(fallbackValue, CallOutcome.FALLBACK);
			}
			else {
				fail(ResiliencePipeline.unwrap(fallbackError));
			}
		});
	}

	@SuppressWarnings("unchecked")
	private CompletionStage<Object> fallBack(Throwable failure) {
		try (CapturedContext.Scope context = this.callerContext.restore();
				CallObservation.Scope scope = this.observation.openScope()) {
			Object stage = this.pipeline.getFallback()
				.invoke(this.invocation.getThis(), this.invocation.getArguments(), failure);
			if (stage == null) {
				return CompletableFuture.failedStage(new IllegalStateException("The fallback of "
						+ this.pipeline.getMethodName() + " returned null instead of a "
						+ this.pipeline.getReturnKind().typeName()));
			}
			return (CompletionStage<Object>) stage;
		}
		catch (Throwable ex) {
			return CompletableFuture.failedStage(ex);
		}
	}

	/**
	 * Completes the call. The observation stops first, so that it has ended when the caller's
	 * dependent actions run. Only a cancellation can race with this step, and then the first
	 * outcome recorded wins.
	 */
	private void complete(Object value, CallOutcome outcome) {
		if (!this.result.isDone()) {
			this.observation.stop(outcome, null);
			this.result.complete(value);
		}
	}

	private void fail(Throwable failure) {
		if (!this.result.isDone()) {
			this.observation.stop(ResiliencePipeline.failureOutcome(failure), failure);
			this.result.completeExceptionally(failure);
		}
	}

}
