package dev.resilience.spring.aop;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import dev.resilience.core.CheckedSupplier;
import dev.resilience.core.breaker.CallNotPermittedException;
import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.retry.Retry;
import dev.resilience.core.retry.RetryContext;
import dev.resilience.spring.observation.CallObservation;
import dev.resilience.spring.observation.CallObserver;
import dev.resilience.spring.observation.CallOutcome;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

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
 * Synchronous methods run here. {@link CompletionStageCall} runs methods that return a
 * {@link CompletionStage}, and {@link ReactiveCall} those that return a Reactor {@code Mono} or
 * {@code Flux}. Every call is observed through a {@link CallObserver}.
 * <p>
 * This class is immutable and thread-safe.
 */
final class ResiliencePipeline {

	private final String methodName;

	private final String instanceName;

	private final ReturnKind returnKind;

	// NOTE: the retry and the breaker are resolved once, when the pipeline is built. After a
	// registry's replace or remove of the same name, this method keeps using the previous instance.
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
		this.instanceName = (retry != null) ? retry.getName() : (breaker != null) ? breaker.getName() : methodName;
	}

	Retry getRetry() {
		return this.retry;
	}

	CircuitBreaker getBreaker() {
		return this.breaker;
	}

	FallbackMethod getFallback() {
		return this.fallback;
	}

	String getMethodName() {
		return this.methodName;
	}

	String getInstanceName() {
		return this.instanceName;
	}

	ReturnKind getReturnKind() {
		return this.returnKind;
	}

	/**
	 * Runs the advised call through the pipeline.
	 * @param invocation the intercepted call
	 * @param observer starts the observation of the call: here for synchronous and
	 * {@code CompletionStage} methods, and at each subscription for {@code Mono} and {@code Flux}
	 * @return the result of the method or of the fallback
	 * @throws Throwable the exception of the method or of the fallback, unchanged
	 */
	Object invoke(MethodInvocation invocation, CallObserver observer) throws Throwable {
		return switch (this.returnKind) {
			case VALUE -> invokeSynchronously(invocation, observer.start(this.instanceName, this.methodName));
			case COMPLETION_STAGE, COMPLETABLE_FUTURE -> new CompletionStageCall(this, invocation,
					observer.start(this.instanceName, this.methodName))
				.start();
			case MONO, FLUX -> ReactiveCall.invoke(this, invocation, observer);
		};
	}

	private Object invokeSynchronously(MethodInvocation invocation, CallObservation observation) throws Throwable {
		Object result;
		CallOutcome outcome;
		try (CallObservation.Scope scope = observation.openScope()) {
			try {
				result = attemptSynchronously(invocation, observation);
				outcome = CallOutcome.SUCCESS;
			}
			catch (Throwable ex) {
				if (!shouldFallBack(ex)) {
					throw ex;
				}
				result = this.fallback.invoke(invocation.getThis(), invocation.getArguments(), ex);
				outcome = CallOutcome.FALLBACK;
			}
		}
		catch (Throwable ex) {
			observation.stop(failureOutcome(ex), ex);
			throw ex;
		}
		observation.stop(outcome, null);
		return result;
	}

	private Object attemptSynchronously(MethodInvocation invocation, CallObservation observation) throws Throwable {
		CheckedSupplier<Object> attempt = () -> {
			observation.attemptStarted(currentAttempt());
			return (this.breaker != null) ? this.breaker.execute(() -> proceed(invocation)) : proceed(invocation);
		};
		try {
			return (this.retry != null) ? this.retry.execute(attempt) : attempt.get();
		}
		catch (Throwable ex) {
			reportRejection(ex, observation);
			throw ex;
		}
	}

	/**
	 * Returns the number of the running attempt: the retry's, read from {@link RetryContext}, or
	 * 1 without a retry.
	 */
	int currentAttempt() {
		RetryContext context = (this.retry != null) ? RetryContext.current() : null;
		return (context != null) ? context.getAttempt() : 1;
	}

	/**
	 * Returns whether the fallback handles the exception that ended the attempts: there is a
	 * fallback, the exception is not ignored, and some fallback overload accepts it.
	 */
	boolean shouldFallBack(Throwable error) {
		return this.fallback != null && !isIgnored(error) && this.fallback.handles(error);
	}

	/**
	 * Returns the outcome of a call that ended with the given exception.
	 */
	static CallOutcome failureOutcome(Throwable error) {
		return (unwrap(error) instanceof CallNotPermittedException) ? CallOutcome.REJECTED : CallOutcome.FAILURE;
	}

	/**
	 * Reports a rejection by the breaker to the observation, when the attempts ended with one.
	 */
	static void reportRejection(Throwable error, CallObservation observation) {
		if (unwrap(error) instanceof CallNotPermittedException rejection) {
			observation.rejected(rejection.getBreakerName());
		}
	}

	/**
	 * Runs the rest of the interceptor chain and the method. A retry runs it more than once, so each
	 * attempt runs on a clone of the invocation. Without the clone, a second {@code proceed()} would
	 * skip the interceptors after this one, such as a transaction interceptor.
	 */
	static Object proceed(MethodInvocation invocation) throws Throwable {
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

	static Throwable unwrap(Throwable error) {
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
		COMPLETABLE_FUTURE("CompletableFuture"),

		/** A Reactor {@code Mono}. */
		MONO("Mono"),

		/** A Reactor {@code Flux}. */
		FLUX("Flux");

		private static final String MONO_CLASS = "reactor.core.publisher.Mono";

		private static final String FLUX_CLASS = "reactor.core.publisher.Flux";

		private static final boolean REACTOR_PRESENT = ClassUtils.isPresent(MONO_CLASS,
				ResiliencePipeline.class.getClassLoader());

		private final String typeName;

		ReturnKind(String typeName) {
			this.typeName = typeName;
		}

		String typeName() {
			return this.typeName;
		}

		boolean isReactive() {
			return this == MONO || this == FLUX;
		}

		/**
		 * Returns the return style of a method. Reactor types are compared by name, so this class
		 * never loads them, and they count only when Reactor is on the classpath.
		 * @param method the advised method
		 * @param methodName the method as {@code SimpleClassName.methodName}, for the error message
		 * @return the return style; other types, {@code Publisher} included, are plain values
		 * @throws IllegalStateException if the method returns a subtype of {@link CompletionStage},
		 * {@code Mono} or {@code Flux} other than those supported
		 */
		static ReturnKind of(Method method, String methodName) {
			Class<?> returnType = method.getReturnType();
			if (CompletionStage.class.isAssignableFrom(returnType)) {
				if (returnType == CompletionStage.class) {
					return COMPLETION_STAGE;
				}
				if (returnType == CompletableFuture.class) {
					return COMPLETABLE_FUTURE;
				}
				throw unsupported(methodName, returnType, "CompletionStage or CompletableFuture");
			}
			if (!REACTOR_PRESENT) {
				return VALUE;
			}
			if (returnType.getName().equals(MONO_CLASS)) {
				return MONO;
			}
			if (returnType.getName().equals(FLUX_CLASS)) {
				return FLUX;
			}
			for (Class<?> type = returnType.getSuperclass(); type != null; type = type.getSuperclass()) {
				if (type.getName().equals(MONO_CLASS) || type.getName().equals(FLUX_CLASS)) {
					throw unsupported(methodName, returnType, "Mono or Flux");
				}
			}
			return VALUE;
		}

		private static IllegalStateException unsupported(String methodName, Class<?> returnType, String supported) {
			return new IllegalStateException(methodName + " returns " + returnType.getName()
					+ ", which is not supported. Declare the return type as " + supported + ".");
		}

		/**
		 * Returns whether a fallback method's return type fits an advised method. It must be
		 * assignable to the method's return type. For {@code Mono} and {@code Flux} it may instead
		 * be assignable to the element type, and the advice wraps the value.
		 * @param method the advised method
		 * @param fallbackReturnType the return type of the fallback method
		 * @return {@code true} if the fallback may be used
		 */
		static boolean acceptsFallback(Method method, Class<?> fallbackReturnType) {
			if (ClassUtils.isAssignable(method.getReturnType(), fallbackReturnType)) {
				return true;
			}
			Class<?> elementType = reactiveElementType(method);
			return elementType != null && ClassUtils.isAssignable(elementType, fallbackReturnType);
		}

		/**
		 * Describes the types a fallback of the method may return, for error messages.
		 * @param method the advised method
		 * @return for example {@code String}, or {@code Mono or its element type String}
		 */
		static String describeFallbackTypes(Method method) {
			String returnType = method.getReturnType().getSimpleName();
			Class<?> elementType = reactiveElementType(method);
			return (elementType != null) ? returnType + " or its element type " + elementType.getSimpleName()
					: returnType;
		}

		/**
		 * Returns the element type of a method that returns {@code Mono} or {@code Flux}:
		 * {@code Object} when it cannot be resolved, and {@code null} for other methods.
		 */
		private static Class<?> reactiveElementType(Method method) {
			String returnType = method.getReturnType().getName();
			if (!REACTOR_PRESENT || !(returnType.equals(MONO_CLASS) || returnType.equals(FLUX_CLASS))) {
				return null;
			}
			return ResolvableType.forMethodReturnType(method).getGeneric(0).resolve(Object.class);
		}

	}

}
