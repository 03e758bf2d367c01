package dev.resilience.spring.propagation;

/**
 * Thread-local values captured on one thread, to be set on another thread around a piece of work,
 * such as an asynchronous retry attempt or a fallback.
 * <p>
 * With Micrometer's context-propagation library ({@code io.micrometer:context-propagation}) on the
 * classpath, {@link #capture()} takes a {@code ContextSnapshot} of every {@code ThreadLocalAccessor}
 * registered in the global {@code ContextRegistry}: the current Micrometer observation and tracing
 * span, the SLF4J MDC keys and the Spring Security context, when their accessors are registered.
 * Without the library, capturing returns {@link #NONE} and nothing is propagated.
 * <p>
 * {@link #restore()} sets exactly the captured values: an accessor whose value was absent when
 * capturing is cleared on the target thread for the duration of the scope. Closing the scope puts
 * back the values the thread had before.
 * <p>
 * Implementations are immutable and thread-safe. A {@link Scope} belongs to the thread that opened
 * it.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface CapturedContext {

	/**
	 * A captured context that sets and restores nothing.
	 */
	CapturedContext NONE = () -> Scope.NONE;

	/**
	 * Sets the captured values on the current thread.
	 * @return the scope that puts back the thread's previous values when closed, on the same
	 * thread
	 */
	Scope restore();

	/**
	 * Captures the thread-local values of the current thread.
	 * @return the captured context, or {@link #NONE} when context-propagation is not on the
	 * classpath
	 */
	static CapturedContext capture() {
		return ContextSnapshotCapture.AVAILABLE ? ContextSnapshotCapture.capture(null) : NONE;
	}

	/**
	 * Captures the thread-local values of the current thread, overridden by the values of a context
	 * object for which a {@code ContextAccessor} is registered, such as Reactor's {@code ContextView}.
	 * @param context the context object whose values win over the thread-local ones, or
	 * {@code null} for thread-local values only
	 * @return the captured context, or {@link #NONE} when context-propagation is not on the
	 * classpath
	 */
	static CapturedContext capture(Object context) {
		return ContextSnapshotCapture.AVAILABLE ? ContextSnapshotCapture.capture(context) : NONE;
	}

	/**
	 * Returns whether context-propagation is on the classpath, so that capturing has an effect.
	 * @return {@code true} if {@code io.micrometer.context.ContextSnapshotFactory} can be loaded
	 */
	static boolean isSupported() {
		return ContextSnapshotCapture.AVAILABLE;
	}

	/**
	 * The values set by {@link CapturedContext#restore()}, until closed.
	 */
	@FunctionalInterface
	interface Scope extends AutoCloseable {

		/**
		 * A scope that restores nothing.
		 */
		Scope NONE = () -> {
		};

		/**
		 * Puts back the values the thread had before the scope was opened.
		 */
		@Override
		void close();

	}

}
