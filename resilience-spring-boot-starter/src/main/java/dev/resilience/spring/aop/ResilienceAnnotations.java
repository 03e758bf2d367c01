package dev.resilience.spring.aop;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;

import dev.resilience.spring.annotation.CircuitGuarded;
import dev.resilience.spring.annotation.Retryable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * Finds {@link Retryable} and {@link CircuitGuarded} for a method of a bean class.
 * <p>
 * An annotation on the method wins. It is searched on the method, the methods it overrides and the
 * interface methods it implements. Otherwise a public method takes the annotation of its class,
 * searched on the bean class, its superclasses and its interfaces. Methods declared by
 * {@link Object}, and overrides of {@code equals}, {@code hashCode} and {@code toString}, never
 * take the class annotation.
 */
final class ResilienceAnnotations {

	private static final List<Class<? extends Annotation>> TYPES = List.of(Retryable.class, CircuitGuarded.class);

	private ResilienceAnnotations() {
	}

	/**
	 * Returns whether a class may carry one of the annotations, a quick test that rejects, for
	 * example, every {@code java.*} class.
	 * @param type the class
	 * @return {@code false} if the class cannot carry either annotation
	 */
	static boolean isCandidateClass(Class<?> type) {
		return AnnotationUtils.isCandidateClass(type, TYPES);
	}

	/**
	 * Returns whether the method is advised.
	 * @param specificMethod the method of the bean class, as returned by
	 * {@code AopUtils.getMostSpecificMethod}
	 * @param targetClass the bean class
	 * @return {@code true} if either annotation applies
	 */
	static boolean isAnnotated(Method specificMethod, Class<?> targetClass) {
		return find(specificMethod, targetClass, Retryable.class) != null
				|| find(specificMethod, targetClass, CircuitGuarded.class) != null;
	}

	/**
	 * Finds an annotation for a method.
	 * @param <A> the annotation type
	 * @param specificMethod the method of the bean class
	 * @param targetClass the bean class
	 * @param type the annotation type
	 * @return the annotation, or {@code null}
	 */
	static <A extends Annotation> A find(Method specificMethod, Class<?> targetClass, Class<A> type) {
		A onMethod = AnnotatedElementUtils.findMergedAnnotation(specificMethod, type);
		if (onMethod != null) {
			return onMethod;
		}
		if (!Modifier.isPublic(specificMethod.getModifiers()) || Modifier.isStatic(specificMethod.getModifiers())
				|| specificMethod.getDeclaringClass() == Object.class || overridesObjectMethod(specificMethod)) {
			return null;
		}
		A onClass = AnnotatedElementUtils.findMergedAnnotation(targetClass, type);
		return (onClass != null) ? onClass
				: AnnotatedElementUtils.findMergedAnnotation(specificMethod.getDeclaringClass(), type);
	}

	private static boolean overridesObjectMethod(Method method) {
		return ReflectionUtils.isEqualsMethod(method) || ReflectionUtils.isHashCodeMethod(method)
				|| ReflectionUtils.isToStringMethod(method);
	}

	/**
	 * Returns the name of the instance: the annotation's name, or {@code SimpleClassName.methodName}
	 * of the bean class, never of a proxy class.
	 * @param name the name from the annotation, possibly empty
	 * @param specificMethod the method of the bean class
	 * @param targetClass the bean class
	 * @return the instance name
	 */
	static String instanceName(String name, Method specificMethod, Class<?> targetClass) {
		return StringUtils.hasText(name) ? name : methodName(specificMethod, targetClass);
	}

	/**
	 * Returns {@code SimpleClassName.methodName} for a method of a bean class.
	 * @param specificMethod the method
	 * @param targetClass the bean class
	 * @return the short name
	 */
	static String methodName(Method specificMethod, Class<?> targetClass) {
		Class<?> userClass = ClassUtils.getUserClass(targetClass);
		String className = userClass.getSimpleName();
		if (className.isEmpty()) {
			className = ClassUtils.getShortName(userClass);
		}
		return className + "." + specificMethod.getName();
	}

}
