package dev.resilience.spring.aop;

import java.lang.reflect.Method;

import org.springframework.aop.ClassFilter;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcut;

/**
 * Matches the methods that carry {@code @Retryable} or {@code @CircuitGuarded}, directly, on an
 * overridden or implemented interface method, or through their class.
 * <p>
 * This class is thread-safe.
 *
 * @since 0.1.0
 */
public class ResiliencePointcut extends StaticMethodMatcherPointcut {

	/**
	 * Creates the pointcut.
	 */
	public ResiliencePointcut() {
		setClassFilter(ResilienceClassFilter.INSTANCE);
	}

	@Override
	public boolean matches(Method method, Class<?> targetClass) {
		Method specificMethod = AopUtils.getMostSpecificMethod(method, targetClass);
		return ResilienceAnnotations.isAnnotated(specificMethod, targetClass);
	}

	private static final class ResilienceClassFilter implements ClassFilter {

		static final ResilienceClassFilter INSTANCE = new ResilienceClassFilter();

		@Override
		public boolean matches(Class<?> type) {
			return ResilienceAnnotations.isCandidateClass(type);
		}

	}

}
