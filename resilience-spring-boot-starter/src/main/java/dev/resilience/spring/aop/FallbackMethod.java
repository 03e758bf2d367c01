package dev.resilience.spring.aop;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The fallback methods of one advised method, resolved once, and the choice among them for a
 * given exception.
 * <p>
 * A candidate is a method of the bean class or a superclass, of any visibility, with the fallback
 * name, a return type assignable to the advised method's (or, for {@code Mono} and {@code Flux}, to
 * its element type), and one of these parameter lists: the advised method's parameters, those
 * parameters followed by one {@link Throwable} subtype, or one {@link Throwable} subtype alone. For a thrown exception the candidate whose exception parameter
 * is the closest superclass of the exception wins. A candidate without an exception parameter
 * counts as one whose parameter is {@link Throwable}. At equal distance the longer parameter list
 * wins: parameters and exception, then parameters alone, then exception alone.
 * <p>
 * This class is immutable and thread-safe.
 */
final class FallbackMethod {

	private final List<Candidate> candidates;

	private FallbackMethod(List<Candidate> candidates) {
		this.candidates = candidates;
	}

	/**
	 * Resolves the candidates for a fallback name.
	 * @param fallbackName the name of the fallback method
	 * @param method the advised method of the bean class
	 * @param targetClass the bean class
	 * @param declaredBy where the name is declared, such as {@code @Retryable on QuoteService.quote},
	 * for error messages
	 * @return the fallback method
	 * @throws IllegalStateException if no method of that name has a usable signature
	 */
	static FallbackMethod resolve(String fallbackName, Method method, Class<?> targetClass, String declaredBy) {
		List<Method> named = findMethods(ClassUtils.getUserClass(targetClass), fallbackName);
		List<Candidate> candidates = new ArrayList<>();
		List<String> rejected = new ArrayList<>();
		for (Method fallback : named) {
			Shape shape = Shape.of(fallback.getParameterTypes(), method.getParameterTypes());
			if (shape == null) {
				rejected.add(signature(fallback) + ": the parameters do not match");
			}
			else if (!ResiliencePipeline.ReturnKind.acceptsFallback(method, fallback.getReturnType())) {
				rejected.add(signature(fallback) + ": the return type " + fallback.getReturnType().getSimpleName()
						+ " is not assignable to " + ResiliencePipeline.ReturnKind.describeFallbackTypes(method));
			}
			else {
				ReflectionUtils.makeAccessible(fallback);
				candidates.add(new Candidate(fallback, shape, shape.exceptionType(fallback)));
			}
		}
		if (candidates.isEmpty()) {
			throw new IllegalStateException(noCandidateMessage(fallbackName, method, targetClass, declaredBy, rejected));
		}
		return new FallbackMethod(List.copyOf(candidates));
	}

	/**
	 * Returns whether some candidate accepts the exception.
	 * @param error the exception
	 * @return {@code true} if {@link #invoke} would call a candidate
	 */
	boolean handles(Throwable error) {
		return select(error) != null;
	}

	/**
	 * Calls the best candidate for the exception.
	 * @param target the bean, or {@code null} for a static fallback
	 * @param arguments the arguments of the advised call
	 * @param error the exception of the advised call
	 * @return the fallback's result
	 * @throws Throwable the fallback's exception, or {@code error} when no candidate accepts it
	 */
	Object invoke(Object target, Object[] arguments, Throwable error) throws Throwable {
		Candidate candidate = select(error);
		if (candidate == null) {
			throw error;
		}
		try {
			return candidate.method().invoke(target, candidate.shape().arguments(arguments, error));
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

	private Candidate select(Throwable error) {
		Candidate best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (Candidate candidate : this.candidates) {
			int distance = distance(error.getClass(), candidate.exceptionType());
			if (distance == Integer.MAX_VALUE) {
				continue;
			}
			if (best == null || distance < bestDistance
					|| (distance == bestDistance && candidate.shape().ordinal() < best.shape().ordinal())) {
				best = candidate;
				bestDistance = distance;
			}
		}
		return best;
	}

	/**
	 * Returns how many superclass steps lead from the thrown class to the parameter type, or
	 * {@link Integer#MAX_VALUE} if the parameter does not accept the exception.
	 */
	private static int distance(Class<?> thrown, Class<?> parameter) {
		int distance = 0;
		for (Class<?> type = thrown; type != null; type = type.getSuperclass()) {
			if (type == parameter) {
				return distance;
			}
			distance++;
		}
		return Integer.MAX_VALUE;
	}

	/**
	 * Returns the methods with the given name in the class and its superclasses, skipping
	 * methods overridden lower in the hierarchy, bridge methods and synthetic methods.
	 */
	private static List<Method> findMethods(Class<?> type, String name) {
		List<Method> methods = new ArrayList<>();
		Set<List<Class<?>>> seenSignatures = new HashSet<>();
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			for (Method method : current.getDeclaredMethods()) {
				if (method.getName().equals(name) && !method.isBridge() && !method.isSynthetic()
						&& seenSignatures.add(Arrays.asList(method.getParameterTypes()))) {
					methods.add(method);
				}
			}
		}
		return methods;
	}

	private static String noCandidateMessage(String fallbackName, Method method, Class<?> targetClass,
			String declaredBy, List<String> rejected) {
		String className = ClassUtils.getUserClass(targetClass).getName();
		StringBuilder message = new StringBuilder("Invalid fallbackMethod '").append(fallbackName)
			.append("' of ")
			.append(declaredBy)
			.append(": ");
		if (rejected.isEmpty()) {
			message.append("no method named ").append(fallbackName).append(" exists in ").append(className);
			message.append(" or its superclasses.");
		}
		else {
			message.append("no method named ").append(fallbackName).append(" in ").append(className);
			message.append(" or its superclasses has a usable signature. Rejected: ");
			message.append(String.join(", ", rejected)).append('.');
		}
		String parameters = simpleNames(method.getParameterTypes());
		String withException = parameters.isEmpty() ? "<Throwable subtype>" : parameters + ", <Throwable subtype>";
		message.append(" Declare ").append(fallbackName).append('(').append(parameters).append("), ");
		message.append(fallbackName).append('(').append(withException).append(") or ");
		message.append(fallbackName).append("(<Throwable subtype>), returning a type assignable to ");
		message.append(ResiliencePipeline.ReturnKind.describeFallbackTypes(method)).append('.');
		return message.toString();
	}

	private static String signature(Method method) {
		String modifier = Modifier.isStatic(method.getModifiers()) ? "static " : "";
		return modifier + method.getReturnType().getSimpleName() + " " + method.getName() + "("
				+ simpleNames(method.getParameterTypes()) + ")";
	}

	private static String simpleNames(Class<?>[] types) {
		return Arrays.stream(types).map(Class::getSimpleName).collect(Collectors.joining(", "));
	}

	private record Candidate(Method method, Shape shape, Class<?> exceptionType) {
	}

	/**
	 * The accepted parameter lists of a fallback method, in order of preference.
	 */
	private enum Shape {

		ARGUMENTS_AND_EXCEPTION {

			@Override
			Object[] arguments(Object[] arguments, Throwable error) {
				Object[] withError = Arrays.copyOf(arguments, arguments.length + 1);
				withError[arguments.length] = error;
				return withError;
			}

			@Override
			Class<?> exceptionType(Method fallback) {
				return fallback.getParameterTypes()[fallback.getParameterCount() - 1];
			}

		},

		ARGUMENTS {

			@Override
			Object[] arguments(Object[] arguments, Throwable error) {
				return arguments;
			}

			@Override
			Class<?> exceptionType(Method fallback) {
				return Throwable.class;
			}

		},

		EXCEPTION {

			@Override
			Object[] arguments(Object[] arguments, Throwable error) {
				return new Object[] { error };
			}

			@Override
			Class<?> exceptionType(Method fallback) {
				return fallback.getParameterTypes()[0];
			}

		};

		abstract Object[] arguments(Object[] arguments, Throwable error);

		abstract Class<?> exceptionType(Method fallback);

		static Shape of(Class<?>[] fallbackParameters, Class<?>[] methodParameters) {
			int count = methodParameters.length;
			if (Arrays.equals(fallbackParameters, methodParameters)) {
				return ARGUMENTS;
			}
			if (fallbackParameters.length == count + 1
					&& Arrays.equals(fallbackParameters, 0, count, methodParameters, 0, count)
					&& Throwable.class.isAssignableFrom(fallbackParameters[count])) {
				return ARGUMENTS_AND_EXCEPTION;
			}
			if (fallbackParameters.length == 1 && Throwable.class.isAssignableFrom(fallbackParameters[0])) {
				return EXCEPTION;
			}
			return null;
		}

	}

}
