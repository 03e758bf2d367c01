package dev.resilience.spring.aop;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds the methods of a bean that carry {@code @Retryable} or {@code @CircuitGuarded}, directly or
 * through their class, but that no call through the bean's Spring proxy reaches, so that their
 * annotations have no effect.
 * <p>
 * A proxy cannot intercept a static or private method. A CGLIB proxy, which subclasses the bean
 * class, cannot override a final method. A JDK proxy implements only the bean's interfaces, so a
 * method that no proxied interface declares cannot be called through it. A bean that is not a
 * proxy with the resilience advice at all, for example because it was created before the
 * auto-proxy creator, intercepts nothing.
 * <p>
 * Calls from inside the bean ({@code this.method()}) bypass the proxy too, but they cannot be
 * found by inspecting the class, so they are not reported.
 * <p>
 * This class is stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class UninterceptableMethods {

	private UninterceptableMethods() {
	}

	/**
	 * Finds the annotated methods of a bean that its proxy cannot intercept.
	 * @param bean the bean instance, a proxy or not
	 * @param interceptor the interceptor that the resilience advisor applies
	 * @return one description per method, such as
	 * {@code QuoteService.cachedQuote(String): the method is private}, in declaration order; empty
	 * when every annotated method is intercepted or none exists
	 */
	public static List<String> find(Object bean, ResilienceInterceptor interceptor) {
		Class<?> targetClass = ClassUtils.getUserClass(AopUtils.getTargetClass(bean));
		if (!ResilienceAnnotations.isCandidateClass(targetClass)) {
			return List.of();
		}
		boolean advised = (bean instanceof Advised proxy) && appliesInterceptor(proxy, interceptor);
		boolean jdkProxy = advised && AopUtils.isJdkDynamicProxy(bean);
		Set<Method> interfaceMethods = jdkProxy ? interfaceMethods((Advised) bean, targetClass) : Set.of();

		List<String> found = new ArrayList<>();
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(targetClass,
				ReflectionUtils.USER_DECLARED_METHODS)) {
			if (!ResilienceAnnotations.isAnnotated(method, targetClass)) {
				continue;
			}
			String reason = reason(method, advised, jdkProxy, interfaceMethods);
			if (reason != null) {
				found.add(describe(method, targetClass) + ": " + reason);
			}
		}
		return found;
	}

	private static String reason(Method method, boolean advised, boolean jdkProxy, Set<Method> interfaceMethods) {
		int modifiers = method.getModifiers();
		if (Modifier.isStatic(modifiers)) {
			return "the method is static";
		}
		if (Modifier.isPrivate(modifiers)) {
			return "the method is private";
		}
		if (!advised) {
			return "the bean is not a proxy with the resilience advice, for example because it was created "
					+ "before the auto-proxy creator";
		}
		if (jdkProxy) {
			return interfaceMethods.contains(method) ? null
					: "the bean is proxied through its interfaces, and none of them declares the method";
		}
		if (Modifier.isFinal(modifiers)) {
			return "the method is final, so the class-based proxy cannot override it";
		}
		return null;
	}

	private static boolean appliesInterceptor(Advised proxy, ResilienceInterceptor interceptor) {
		for (Advisor advisor : proxy.getAdvisors()) {
			if (advisor.getAdvice() == interceptor) {
				return true;
			}
		}
		return false;
	}

	private static Set<Method> interfaceMethods(Advised proxy, Class<?> targetClass) {
		Set<Method> methods = new HashSet<>();
		for (Class<?> proxiedInterface : proxy.getProxiedInterfaces()) {
			for (Method method : proxiedInterface.getMethods()) {
				methods.add(AopUtils.getMostSpecificMethod(method, targetClass));
			}
		}
		return methods;
	}

	private static String describe(Method method, Class<?> targetClass) {
		String parameters = Arrays.stream(method.getParameterTypes())
			.map(Class::getSimpleName)
			.collect(Collectors.joining(", "));
		return ResilienceAnnotations.methodName(method, targetClass) + "(" + parameters + ")";
	}

}
