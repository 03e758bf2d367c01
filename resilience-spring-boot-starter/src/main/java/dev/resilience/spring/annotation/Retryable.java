package dev.resilience.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method, or every public method of a type, to be retried by the retry instance
 * {@link #name()} when it fails.
 * <p>
 * The attributes other than {@link #name()} and {@link #fallbackMethod()} are the code's defaults
 * for the instance. The resolution order for one instance, from weakest to strongest, is: built-in
 * defaults, {@code resilience.retries.defaults.*}, these attributes, and
 * {@code resilience.retries.instances.<name>.*}. An attribute left at its "unset" value (-1, 0, an
 * empty string or an empty array) does not override anything.
 * <p>
 * When a method carries both {@code @Retryable} and {@link CircuitGuarded}, a call goes through
 * the fallback, then the retry, then the circuit breaker, then the method. A call rejected by an
 * open breaker is not retried.
 *
 * @since 0.1.0
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface Retryable {

	/**
	 * Name of the retry instance. When empty, the name is derived as {@code SimpleClassName.methodName},
	 * where the class is the bean's own class (never a proxy class), so {@code QuoteService.quote}
	 * for {@code QuoteService#quote(String, int)}. The derived name does not change between runs,
	 * and overloaded methods of one class share it.
	 * @return the instance name, or an empty string to derive it
	 */
	String name() default "";

	/**
	 * Name of a method in the same class or a superclass that is called when the call finally
	 * fails. Its parameters are the original parameters, optionally followed by one
	 * {@link Throwable} subtype, or a single {@link Throwable} subtype, and its return type must be
	 * assignable to the annotated method's return type.
	 * @return the fallback method name, or an empty string for no fallback
	 */
	String fallbackMethod() default "";

	/**
	 * Maximum number of attempts, the first call included. -1 leaves it unset.
	 * @return the maximum number of attempts, or -1
	 */
	int maxAttempts() default -1;

	/**
	 * Wait before the second attempt, in Spring Boot's duration format ({@code 500ms},
	 * {@code 2s}, {@code PT1S}); milliseconds when no unit is given. Empty leaves it unset.
	 * @return the wait duration, or an empty string
	 */
	String waitDuration() default "";

	/**
	 * Multiplier applied to the wait after each failed attempt; 1 keeps the wait fixed. 0 leaves it
	 * unset.
	 * @return the backoff multiplier, or 0
	 */
	double multiplier() default 0;

	/**
	 * Upper bound for the wait between attempts when a multiplier is used, in the same format as
	 * {@link #waitDuration()}. Empty leaves it unset.
	 * @return the maximum wait duration, or an empty string
	 */
	String maxWaitDuration() default "";

	/**
	 * Exceptions (subclasses included) that are retried. Empty leaves it unset, which retries every
	 * exception that is not ignored.
	 * @return the exception types to retry
	 */
	Class<? extends Throwable>[] retryExceptions() default {};

	/**
	 * Exceptions (subclasses included) that are never retried and reach the caller unchanged,
	 * without the fallback. They take precedence over {@link #retryExceptions()}.
	 * @return the exception types to ignore
	 */
	Class<? extends Throwable>[] ignoreExceptions() default {};

}
