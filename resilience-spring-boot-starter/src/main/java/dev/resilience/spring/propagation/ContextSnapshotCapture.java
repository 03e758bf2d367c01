package dev.resilience.spring.propagation;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;

import org.springframework.util.ClassUtils;

/**
 * Captures a {@link CapturedContext} with Micrometer's context-propagation library.
 * <p>
 * Only the nested {@link Snapshots} class names the library's types, and it is loaded only when
 * {@link #AVAILABLE} is {@code true}, so reading the flag works without the library.
 */
final class ContextSnapshotCapture {

	static final boolean AVAILABLE = ClassUtils.isPresent("io.micrometer.context.ContextSnapshotFactory",
			ContextSnapshotCapture.class.getClassLoader());

	private ContextSnapshotCapture() {
	}

	/**
	 * Captures the current thread's values, overridden by those of {@code context} when it is not
	 * {@code null}. Call only when {@link #AVAILABLE} is {@code true}.
	 */
	static CapturedContext capture(Object context) {
		return Snapshots.capture(context);
	}

	/**
	 * The library-facing part. The factory reads the global {@link ContextRegistry} on every
	 * capture, so accessors registered after startup take part. While a context is restored, the
	 * factory also clears the thread locals that had no value when capturing, so an attempt sees
	 * the caller's context and nothing left on the thread by earlier work.
	 */
	private static final class Snapshots {

		private static final ContextSnapshotFactory FACTORY = ContextSnapshotFactory.builder()
			.contextRegistry(ContextRegistry.getInstance())
			.clearMissing(true)
			.build();

		static CapturedContext capture(Object context) {
			ContextSnapshot snapshot = (context != null) ? FACTORY.captureAll(context) : FACTORY.captureAll();
			return () -> {
				ContextSnapshot.Scope scope = snapshot.setThreadLocals();
				return scope::close;
			};
		}

	}

}
