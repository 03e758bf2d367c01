package dev.resilience.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method, or every public method of a type, to be guarded by the circuit breaker
 * {@link #name()}.
 * <p>
 * The attributes other than {@link #name()} and {@link #fallbackMethod()} are the code's defaults
 * for the breaker. The resolution order for one breaker, from weakest to strongest, is: built-in
 * defaults, {@code resilience.breakers.defaults.*}, these attributes, and
 * {@code resilience.breakers.instances.<name>.*}. An attribute left at its "unset" value (-1, an
 * empty string or an empty array) does not override anything.
 *
 * @since 0.1.0
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface CircuitGuarded {

	/**
	 * Name of the circuit breaker. When empty, the name is derived as {@code SimpleClassName.methodName},
	 * where the class is the bean's own class (never a proxy class), so {@code QuoteService.quote}
	 * for {@code QuoteService#quote(String, int)}. The derived name does not change between runs,
	 * and overloaded methods of one class share it.
	 * @return the breaker name, or an empty string to derive it
	 */
	String name() default "";

	/**
	 * Name of a method in the same class or a superclass that is called when the call fails or is
	 * rejected by an open breaker. The signature rules are those of
	 * {@link Retryable#fallbackMethod()}. Only one of the two annotations on a method may declare a
	 * fallback.
	 * @return the fallback method name, or an empty string for no fallback
	 */
	String fallbackMethod() default "";

	/**
	 * Failure rate in percent, greater than 0 and at most 100, at or above which the breaker opens.
	 * -1 leaves it unset.
	 * @return the failure rate threshold, or -1
	 */
	float failureRateThreshold() default -1;

	/**
	 * Number of calls in the sliding window. -1 leaves it unset.
	 * @return the sliding window size, or -1
	 */
	int slidingWindowSize() default -1;

	/**
	 * Number of calls that must be recorded before a failure rate is computed. -1 leaves it unset.
	 * @return the minimum number of calls, or -1
	 */
	int minimumNumberOfCalls() default -1;

	/**
	 * Time the breaker stays open before it lets trial calls through, in Spring Boot's duration
	 * format ({@code 500ms}, {@code 60s}, {@code PT1M}); milliseconds when no unit is given. Empty
	 * leaves it unset.
	 * @return the wait duration in the open state, or an empty string
	 */
	String waitDurationInOpenState() default "";

	/**
	 * Number of trial calls permitted in the half-open state. -1 leaves it unset.
	 * @return the permitted number of calls in the half-open state, or -1
	 */
	int permittedNumberOfCallsInHalfOpenState() default -1;

	/**
	 * Exceptions (subclasses included) that are recorded as failures. Empty leaves it unset, which
	 * records every exception that is not ignored.
	 * @return the exception types to record
	 */
	Class<? extends Throwable>[] recordExceptions() default {};

	/**
	 * Exceptions (subclasses included) that count neither as success nor as failure and reach the
	 * caller unchanged, without the fallback.
	 * @return the exception types to ignore
	 */
	Class<? extends Throwable>[] ignoreExceptions() default {};

}
