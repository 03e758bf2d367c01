package dev.resilience.spring.aop;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The fallback methods of one advised method, resolved once, and the choice among them for a
 * given exception.
 * <p>
 * A candidate is a method of the bean class or a superclass, of any visibility, with the fallback
 * name, a return type assignable to the advised method's, and one of these parameter lists: the
 * advised method's parameters, those parameters followed by one {@link Throwable} subtype, or one
 * {@link Throwable} subtype alone. Return types are compared with their generics, so a fallback
 * returning {@code Optional<Integer>} does not fit a method returning {@code Optional<String>}. A
 * method returning {@code Mono} or {@code Flux} also accepts a fallback that returns its element
 * type. Methods with the fallback name that fit none of these rules are skipped, because they may
 * serve an overload of the advised method, unless no method fits at all.
 * <p>
 * For a thrown exception the candidate whose exception parameter is the closest superclass of the
 * exception wins. A candidate without an exception parameter counts as one whose parameter is
 * {@link Throwable}. Two candidates with the same exception type would be equally close for every
 * exception, so they are rejected when the fallback is resolved.
 * <p>
 * This class is immutable and thread-safe.
 */
final class FallbackMethod {

	private static final Pattern PACKAGE_PREFIX = Pattern.compile("\\b(?:[a-z_][\\w]*\\.)+");

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
	 * @throws IllegalStateException if no method of that name has a usable signature, or two usable
	 * methods take the same exception type
	 */
	static FallbackMethod resolve(String fallbackName, Method method, Class<?> targetClass, String declaredBy) {
		Class<?> userClass = ClassUtils.getUserClass(targetClass);
		List<Method> named = findMethods(userClass, fallbackName);
		List<Candidate> candidates = new ArrayList<>();
		List<String> rejected = new ArrayList<>();
		for (Method fallback : named) {
			Shape shape = Shape.of(fallback.getParameterTypes(), method.getParameterTypes());
			if (shape == null) {
				rejected.add(signature(fallback) + ": the parameters do not match");
			}
			else if (!isReturnTypeAssignable(method, fallback, userClass)) {
				rejected.add(signature(fallback) + ": the return type " + returnTypeName(fallback)
						+ " is not assignable to " + expectedTypeName(method));
			}
			else {
				candidates.add(new Candidate(fallback, shape, shape.exceptionType(fallback)));
			}
		}
		if (candidates.isEmpty()) {
			throw new IllegalStateException(noCandidateMessage(fallbackName, method, targetClass, declaredBy, rejected));
		}
		checkUnambiguous(candidates, fallbackName, declaredBy);
		for (Candidate candidate : candidates) {
			ReflectionUtils.makeAccessible(candidate.method());
		}
		return new FallbackMethod(List.copyOf(candidates));
	}

	/**
	 * Returns whether the fallback's return type is assignable to the advised method's, generics
	 * included, or for a {@code Mono} or {@code Flux} method to its element type. Primitive and
	 * {@code void} types are compared as classes, with boxing. When a type variable of either
	 * method cannot be resolved against the bean class, only the classes are compared, because the
	 * generics are then unknown.
	 */
	private static boolean isReturnTypeAssignable(Method method, Method fallback, Class<?> userClass) {
		Class<?> expectedClass = method.getReturnType();
		Class<?> actualClass = fallback.getReturnType();
		if (!ResiliencePipeline.ReturnKind.acceptsFallback(method, actualClass)) {
			return false;
		}
		if (expectedClass.isPrimitive() || actualClass.isPrimitive()) {
			return true;
		}
		ResolvableType expected = ResolvableType.forMethodReturnType(method, userClass);
		ResolvableType actual = ResolvableType.forMethodReturnType(fallback, userClass);
		if (expected.hasUnresolvableGenerics() || actual.hasUnresolvableGenerics()) {
			return true;
		}
		if (expected.isAssignableFrom(actual)) {
			return true;
		}
		if (!isReactive(method) || ClassUtils.isAssignable(expectedClass, actualClass)) {
			return false;
		}
		return expected.getGeneric(0).isAssignableFrom(actual);
	}

	/**
	 * Describes the types a fallback of the method may return, such as {@code Optional<String>},
	 * or {@code Mono or its element type String}.
	 */
	private static String expectedTypeName(Method method) {
		return isReactive(method) ? ResiliencePipeline.ReturnKind.describeFallbackTypes(method)
				: returnTypeName(method);
	}

	/**
	 * Returns whether the method returns Reactor's {@code Mono} or {@code Flux}, whose fallbacks
	 * {@link ResiliencePipeline.ReturnKind} also lets return the element type.
	 */
	private static boolean isReactive(Method method) {
		String returnType = method.getReturnType().getName();
		return returnType.equals("reactor.core.publisher.Mono") || returnType.equals("reactor.core.publisher.Flux");
	}

	private static void checkUnambiguous(List<Candidate> candidates, String fallbackName, String declaredBy) {
		Map<Class<?>, List<Candidate>> byExceptionType = new LinkedHashMap<>();
		for (Candidate candidate : candidates) {
			byExceptionType.computeIfAbsent(candidate.exceptionType(), (type) -> new ArrayList<>()).add(candidate);
		}
		for (Map.Entry<Class<?>, List<Candidate>> entry : byExceptionType.entrySet()) {
			if (entry.getValue().size() > 1) {
				String signatures = entry.getValue()
					.stream()
					.map((candidate) -> signature(candidate.method()))
					.sorted()
					.collect(Collectors.joining(" and "));
				throw new IllegalStateException("Ambiguous fallbackMethod '" + fallbackName + "' of " + declaredBy
						+ ": " + signatures + " both handle " + entry.getKey().getSimpleName()
						+ ", so neither is closer to a thrown exception. A method without an exception parameter "
						+ "handles Throwable. Remove one of them, or give them different exception types.");
			}
		}
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
			// Candidates have distinct exception types, so two of them never have the same distance.
			if (distance < bestDistance) {
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
		message.append(expectedTypeName(method)).append('.');
		return message.toString();
	}

	private static String signature(Method method) {
		String modifier = Modifier.isStatic(method.getModifiers()) ? "static " : "";
		return modifier + returnTypeName(method) + " " + method.getName() + "("
				+ simpleNames(method.getParameterTypes()) + ")";
	}

	/**
	 * Returns the generic return type without package names, such as {@code Optional<String>}.
	 */
	private static String returnTypeName(Method method) {
		return PACKAGE_PREFIX.matcher(method.getGenericReturnType().getTypeName()).replaceAll("");
	}

	private static String simpleNames(Class<?>[] types) {
		return Arrays.stream(types).map(Class::getSimpleName).collect(Collectors.joining(", "));
	}

	private record Candidate(Method method, Shape shape, Class<?> exceptionType) {
	}

	/**
	 * The accepted parameter lists of a fallback method.
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
