package dev.resilience.core.breaker;

/**
 * Computes how long the breaker stays open: the configured wait, multiplied once for each reopening
 * from half-open since the breaker last closed, capped at the maximum, then spread by the jitter.
 *
 * <p>The arithmetic is done in {@code double} and saturates at {@link Long#MAX_VALUE} nanoseconds, so
 * no multiplier and no number of reopenings can overflow.
 */
final class OpenWait {

	private OpenWait() {
	}

	/**
	 * Returns the open wait in nanoseconds.
	 * @param config the breaker configuration
	 * @param reopenings the number of reopenings from half-open since the breaker last closed
	 */
	static long nanos(CircuitBreakerConfig config, int reopenings) {
		double wait = config.getWaitDurationInOpenState().toNanos();
		if (reopenings > 0 && config.getWaitDurationInOpenStateMultiplier() > 1) {
			wait *= Math.pow(config.getWaitDurationInOpenStateMultiplier(), reopenings);
		}
		if (config.getMaxWaitDurationInOpenState() != null) {
			wait = Math.min(wait, config.getMaxWaitDurationInOpenState().toNanos());
		}
		double jitter = config.getWaitDurationInOpenStateJitter();
		if (jitter > 0) {
			double random = config.getRandom().getAsDouble();
			wait *= 1 - jitter + 2 * jitter * random;
		}
		return (wait >= Long.MAX_VALUE) ? Long.MAX_VALUE : Math.max(0, (long) wait);
	}

}
