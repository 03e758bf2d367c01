package dev.resilience.compat.boot3;

import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.spring.annotation.CircuitGuarded;
import dev.resilience.spring.annotation.Retryable;

import org.springframework.stereotype.Service;

/**
 * Quotes from an upstream that fails in two ways: {@link #flaky} succeeds on every third attempt,
 * and {@link #guarded} always fails, so that its breaker opens and its fallback returns the
 * response.
 * <p>
 * Thread-safe: the attempt counters are atomic.
 */
@Service
public class QuoteService {

	private final AtomicInteger flakyAttempts = new AtomicInteger();

	private final AtomicInteger guardedAttempts = new AtomicInteger();

	/**
	 * Returns a live quote. The upstream fails twice before each success, so every call needs all
	 * three attempts.
	 * @param symbol the symbol to quote
	 * @return the live quote
	 */
	@Retryable(name = "flaky", maxAttempts = 3, waitDuration = "0ms")
	public String flaky(String symbol) {
		if (this.flakyAttempts.incrementAndGet() % 3 != 0) {
			throw new IllegalStateException("upstream timed out");
		}
		return "live:" + symbol;
	}

	/**
	 * Returns a live quote from an upstream that is down, so the fallback returns a cached quote
	 * instead.
	 * @param symbol the symbol to quote
	 * @return the cached quote, never a live one
	 */
	@Retryable(name = "guarded", maxAttempts = 2, waitDuration = "0ms")
	@CircuitGuarded(name = "guarded", slidingWindowSize = 4, minimumNumberOfCalls = 4, failureRateThreshold = 50,
			waitDurationInOpenState = "1h", fallbackMethod = "cachedQuote")
	public String guarded(String symbol) {
		this.guardedAttempts.incrementAndGet();
		throw new IllegalStateException("upstream down");
	}

	String cachedQuote(String symbol, Exception ex) {
		return "cached:" + symbol + ":" + ex.getClass().getSimpleName();
	}

	public int getFlakyAttempts() {
		return this.flakyAttempts.get();
	}

	public int getGuardedAttempts() {
		return this.guardedAttempts.get();
	}

}
