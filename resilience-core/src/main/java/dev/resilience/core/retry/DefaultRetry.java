package dev.resilience.core.retry;

import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import dev.resilience.core.CheckedSupplier;

final class DefaultRetry implements Retry {

	private final String name;

	private final RetryConfig config;

	DefaultRetry(String name, RetryConfig config) {
		this.name = Objects.requireNonNull(name, "name must not be null");
		this.config = Objects.requireNonNull(config, "config must not be null");
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public RetryConfig getConfig() {
		return this.config;
	}

	@Override
	public <T> T execute(CheckedSupplier<T> call) throws Throwable {
		throw new UnsupportedOperationException("in progress");
	}

	@Override
	public <T> CompletionStage<T> executeCompletionStage(Supplier<? extends CompletionStage<T>> call) {
		throw new UnsupportedOperationException("in progress");
	}

	@Override
	public RetryMetrics getMetrics() {
		return new RetryMetrics(0, 0, 0, 0, 0);
	}

	@Override
	public void addListener(RetryListener listener) {
	}

	@Override
	public void removeListener(RetryListener listener) {
	}

}
