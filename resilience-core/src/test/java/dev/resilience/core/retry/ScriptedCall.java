package dev.resilience.core.retry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.resilience.core.CheckedSupplier;

/**
 * A call that plays a script: each attempt takes the next step, throwing it when it is a
 * {@link Throwable} and returning it otherwise. The last step repeats. Records the
 * {@link RetryContext} each attempt saw.
 */
final class ScriptedCall<T> implements CheckedSupplier<T> {

	private final List<Object> steps;

	private final List<RetryContext> contexts = new ArrayList<>();

	private ScriptedCall(List<Object> steps) {
		this.steps = steps;
	}

	static <T> ScriptedCall<T> of(Object... steps) {
		return new ScriptedCall<>(Arrays.asList(steps));
	}

	@Override
	@SuppressWarnings("unchecked")
	public T get() throws Throwable {
		int index = Math.min(this.contexts.size(), this.steps.size() - 1);
		this.contexts.add(RetryContext.current());
		Object step = this.steps.get(index);
		if (step instanceof Throwable throwable) {
			throw throwable;
		}
		return (T) step;
	}

	int calls() {
		return this.contexts.size();
	}

	List<RetryContext> contexts() {
		return this.contexts;
	}

}
