package dev.resilience.spring.aop;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.resilience.spring.observation.CallObserver;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodClassKey;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Runs calls to advised methods through their {@link ResiliencePipeline}, which is built once per
 * method and bean class and then cached, and observes each call through a {@link CallObserver}.
 * <p>
 * Two caches are kept. The first is keyed by the invoked method, which for a JDK proxy is the
 * interface method, so that a warm call costs one map lookup. The second is keyed by the method of
 * the bean class, so that calls through an interface and through the class share one pipeline. It
 * is also where {@link #preparePipeline} puts pipelines built at startup.
 * <p>
 * This class is thread-safe. Two threads that call a method for the first time at once may both
 * find the pipeline missing from the first cache, but {@code computeIfAbsent} on the second cache
 * builds it once.
 *
 * @since 0.1.0
 */
public class ResilienceInterceptor implements MethodInterceptor {

	private final Supplier<ResiliencePipelineFactory> pipelineFactory;

	private final Supplier<CallObserver> callObserver;

	private final Map<MethodClassKey, ResiliencePipeline> pipelinesByInvokedMethod = new ConcurrentHashMap<>();

	private final Map<MethodClassKey, ResiliencePipeline> pipelinesBySpecificMethod = new ConcurrentHashMap<>();

	/**
	 * Creates an interceptor that looks up its factory at the first call, so that creating the
	 * interceptor, which happens early while proxies are set up, does not create the registries.
	 * @param pipelineFactory supplies the factory
	 */
	public ResilienceInterceptor(Supplier<ResiliencePipelineFactory> pipelineFactory) {
		this(pipelineFactory, () -> CallObserver.NONE);
	}

	/**
	 * Creates an interceptor that looks up its factory and its call observer at the first call.
	 * @param pipelineFactory supplies the factory
	 * @param callObserver supplies the observer that starts the observation of each call, for
	 * example {@link CallObserver#NONE}
	 */
	public ResilienceInterceptor(Supplier<ResiliencePipelineFactory> pipelineFactory,
			Supplier<CallObserver> callObserver) {
		this.pipelineFactory = SingletonSupplier.of(pipelineFactory);
		this.callObserver = SingletonSupplier.of(callObserver);
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		Method method = invocation.getMethod();
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : method.getDeclaringClass();
		MethodClassKey key = new MethodClassKey(method, targetClass);
		ResiliencePipeline pipeline = this.pipelinesByInvokedMethod.get(key);
		if (pipeline == null) {
			pipeline = preparePipeline(AopUtils.getMostSpecificMethod(method, targetClass), targetClass);
			this.pipelinesByInvokedMethod.putIfAbsent(key, pipeline);
		}
		return pipeline.invoke(invocation, this.callObserver.get());
	}

	/**
	 * Returns the pipeline of a method of a bean class, building it on first use. The registries
	 * get their retry and breaker then.
	 * @param specificMethod the method of the bean class
	 * @param targetClass the bean class
	 * @return the pipeline
	 * @throws IllegalStateException if the fallback is invalid or declared twice
	 * @throws dev.resilience.spring.config.InvalidResiliencePropertyException if a resolved setting
	 * is invalid
	 */
	ResiliencePipeline preparePipeline(Method specificMethod, Class<?> targetClass) {
		return this.pipelinesBySpecificMethod.computeIfAbsent(new MethodClassKey(specificMethod, targetClass),
				(key) -> this.pipelineFactory.get().create(specificMethod, targetClass));
	}

	/**
	 * Builds the pipelines of every advised method that a proxy can intercept, so that an invalid
	 * fallback or setting fails at startup instead of at the first call, and the registries hold
	 * every retry and breaker from the start.
	 * @param bean a bean, which is ignored unless it is a proxy that applies this interceptor
	 * @return the number of pipelines prepared
	 * @throws IllegalStateException if a fallback is invalid or declared twice
	 * @throws dev.resilience.spring.config.InvalidResiliencePropertyException if a resolved setting
	 * is invalid
	 */
	public int preparePipelines(Object bean) {
		if (!(bean instanceof Advised advised) || !appliesThisInterceptor(advised)) {
			return 0;
		}
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		Set<Method> specificMethods = new LinkedHashSet<>();
		if (AopUtils.isJdkDynamicProxy(bean)) {
			for (Class<?> proxiedInterface : advised.getProxiedInterfaces()) {
				for (Method method : proxiedInterface.getMethods()) {
					specificMethods.add(AopUtils.getMostSpecificMethod(method, targetClass));
				}
			}
		}
		else {
			for (Method method : ReflectionUtils.getUniqueDeclaredMethods(targetClass,
					ReflectionUtils.USER_DECLARED_METHODS)) {
				int modifiers = method.getModifiers();
				if (!Modifier.isPrivate(modifiers) && !Modifier.isStatic(modifiers) && !Modifier.isFinal(modifiers)) {
					specificMethods.add(method);
				}
			}
		}
		int prepared = 0;
		for (Method specificMethod : specificMethods) {
			if (ResilienceAnnotations.isAnnotated(specificMethod, targetClass)) {
				preparePipeline(specificMethod, targetClass);
				prepared++;
			}
		}
		return prepared;
	}

	private boolean appliesThisInterceptor(Advised advised) {
		for (Advisor advisor : advised.getAdvisors()) {
			if (advisor.getAdvice() == this) {
				return true;
			}
		}
		return false;
	}

}
