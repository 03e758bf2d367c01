package dev.resilience.spring.aop;

import org.aopalliance.aop.Advice;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.core.Ordered;

/**
 * Applies {@link ResilienceInterceptor} to the methods matched by {@link ResiliencePointcut}.
 * <p>
 * The default order, {@link #DEFAULT_ORDER}, puts this advisor outside the transaction advisor,
 * whose default order is {@link Ordered#LOWEST_PRECEDENCE}. A lower order runs further out, so each
 * attempt of a retry runs in its own transaction, and a failed attempt has rolled back before the
 * retry or the breaker receives its exception. Inside a transaction a retry would reuse a transaction
 * that is already marked for rollback.
 * <p>
 * This class is thread-safe once configured.
 *
 * @since 0.1.0
 */
public class ResilienceAdvisor extends AbstractPointcutAdvisor {

	/**
	 * Default order: {@link Ordered#LOWEST_PRECEDENCE} minus 10, just outside
	 * {@code @Transactional}.
	 */
	public static final int DEFAULT_ORDER = Ordered.LOWEST_PRECEDENCE - 10;

	private static final long serialVersionUID = 1L;

	private final transient ResiliencePointcut pointcut = new ResiliencePointcut();

	private final transient ResilienceInterceptor interceptor;

	/**
	 * Creates an advisor with {@link #DEFAULT_ORDER}.
	 * @param interceptor the interceptor
	 */
	public ResilienceAdvisor(ResilienceInterceptor interceptor) {
		this.interceptor = interceptor;
		setOrder(DEFAULT_ORDER);
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.interceptor;
	}

	/**
	 * Returns the interceptor.
	 * @return the interceptor this advisor applies
	 */
	public ResilienceInterceptor getInterceptor() {
		return this.interceptor;
	}

}
