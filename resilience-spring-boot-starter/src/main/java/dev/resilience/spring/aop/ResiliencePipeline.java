package dev.resilience.spring.aop;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.resilience.core.CheckedSupplier;
import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.retry.Retry;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.ProxyMethodInvocation;

/**
 * The composed behaviour of one advised method: fallback, then retry, then circuit breaker, then
 * the method. Each part is optional.
 * <p>
 * The order follows from what each part must see. The breaker is innermost so that it records every
 * attempt and rejects attempts while it is open. The retry wraps the breaker, so a rejection by an
 * open breaker ({@code CallNotPermittedException}) reaches the retry, which never retries it. The
 * fallback is outermost, so it runs at most once per call, after the retry has given up.
 * <p>
 * An exception listed in the retry's or the breaker's ignore-exceptions reaches the caller
 * unchanged and skips the fallback. Exceptions are never wrapped, so a checked exception reaches
 * the caller as itself.
 * <p>
 * This class is immutable and thread-safe.
 */
final class ResiliencePipeline {

	private final String methodName;

	private final ReturnKind returnKind;

	private final Retry retry;

	private final CircuitBreaker breaker;

	private final FallbackMethod fallback;

	private final List<Class<? extends Throwable>> ignoreExceptions;

	/**
	 * Creates a pipeline.
	 * @param methodName the advised method as {@code SimpleClassName.methodName}
	 * @param returnKind how the method returns its result
	 * @param retry the retry, or {@code null}
	 * @param breaker the circuit breaker, or {@code null}
	 * @param fallback the fallback, or {@code null}
	 * @param ignoreExceptions the exceptions that skip the fallback
	 */
	ResiliencePipeline(String methodName, ReturnKind returnKind, Retry retry, CircuitBreaker breaker,
			FallbackMethod fallback, List<Class<? extends Throwable>> ignoreExceptions) {
		this.methodName = methodName;
		this.returnKind = returnKind;
		this.retry = retry;
		this.breaker = breaker;
		this.fallback = fallback;
		this.ignoreExceptions = List.copyOf(ignoreExceptions);
	}

	Retry getRetry() {
		return this.retry;
	}

	CircuitBreaker getBreaker() {
		return this.breaker;
	}

	/**
	 * Runs the advised call through the pipeline.
	 * @param invocation the intercepted call
	 * @return the result of the method or of the fallback
	 * @throws Throwable the exception of the method or of the fallback, unchanged
	 */
	Object invoke(MethodInvocation invocation) throws Throwable {
		if (this.returnKind == ReturnKind.VALUE) {
			return invokeSynchronously(invocation);
		}
		CompletionStage<Object> stage = invokeAsynchronously(invocation);
		return (this.returnKind == ReturnKind.COMPLETABLE_FUTURE) ? stage.toCompletableFuture() : stage;
	}

	private Object invokeSynchronously(MethodInvocation invocation) throws Throwable {
		CheckedSupplier<Object> call = () -> proceed(invocation);
		if (this.breaker != null) {
			CheckedSupplier<Object> guarded = call;
			call = () -> this.breaker.execute(guarded);
		}
		if (this.retry != null) {
			CheckedSupplier<Object> retried = call;
			call = () -> this.retry.execute(retried);
		}
		try {
			return call.get();
		}
		catch (Throwable ex) {
			if (this.fallback == null || isIgnored(ex)) {
				throw ex;
			}
			return this.fallback.invoke(invocation.getThis(), invocation.getArguments(), ex);
		}
	}

	private CompletionStage<Object> invokeAsynchronously(MethodInvocation invocation) {
		Supplier<CompletionStage<Object>> call = () -> proceedAsynchronously(invocation);
		if (this.breaker != null) {
			Supplier<CompletionStage<Object>> guarded = call;
			call = () -> this.breaker.executeCompletionStage(guarded);
		}
		if (this.retry != null) {
			Supplier<CompletionStage<Object>> retried = call;
			call = () -> this.retry.executeCompletionStage(retried);
		}
		CompletionStage<Object> stage = call.get();
		if (this.fallback == null) {
			return stage;
		}
		return stage.handle((result, error) -> (error != null) ? fallBackAsynchronously(invocation, unwrap(error))
				: CompletableFuture.completedStage(result))
			.thenCompose(Function.identity());
	}

	@SuppressWarnings("unchecked")
	private CompletionStage<Object> proceedAsynchronously(MethodInvocation invocation) {
		try {
			Object stage = proceed(invocation);
			if (stage == null) {
				return CompletableFuture.failedStage(new IllegalStateException(
						this.methodName + " returned null instead of a " + this.returnKind.typeName()));
			}
			return (CompletionStage<Object>) stage;
		}
		catch (Throwable ex) {
			return CompletableFuture.failedStage(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private CompletionStage<Object> fallBackAsynchronously(MethodInvocation invocation, Throwable error) {
		if (isIgnored(error) || !this.fallback.handles(error)) {
			return CompletableFuture.failedStage(error);
		}
		try {
			Object stage = this.fallback.invoke(invocation.getThis(), invocation.getArguments(), error);
			if (stage == null) {
				return CompletableFuture.failedStage(new IllegalStateException(
						"The fallback of " + this.methodName + " returned null instead of a "
								+ this.returnKind.typeName()));
			}
			return (CompletionStage<Object>) stage;
		}
		catch (Throwable ex) {
			return CompletableFuture.failedStage(ex);
		}
	}

	/**
	 * Runs the rest of the interceptor chain and the method. A retry runs it more than once, so each
	 * attempt runs on a clone of the invocation. Without the clone, a second {@code proceed()} would
	 * skip the interceptors after this one, such as a transaction interceptor.
	 */
	private static Object proceed(MethodInvocation invocation) throws Throwable {
		if (invocation instanceof ProxyMethodInvocation proxyInvocation) {
			return proxyInvocation.invocableClone().proceed();
		}
		return invocation.proceed();
	}

	private boolean isIgnored(Throwable error) {
		Throwable unwrapped = unwrap(error);
		for (Class<? extends Throwable> type : this.ignoreExceptions) {
			if (type.isInstance(unwrapped)) {
				return true;
			}
		}
		return false;
	}

	private static Throwable unwrap(Throwable error) {
		Throwable current = error;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	/**
	 * The return style of an advised method.
	 */
	enum ReturnKind {

		/** A value, returned or thrown when the call ends. */
		VALUE("value"),

		/** A {@link CompletionStage} declared as such. */
		COMPLETION_STAGE("CompletionStage"),

		/** A {@link CompletableFuture}. */
		COMPLETABLE_FUTURE("CompletableFuture");

		private final String typeName;

		ReturnKind(String typeName) {
			this.typeName = typeName;
		}

		String typeName() {
			return this.typeName;
		}

	}

}
