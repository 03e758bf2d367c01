package dev.resilience.sample.quote;

import java.math.BigDecimal;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Service;

import dev.resilience.core.breaker.CallNotPermittedException;
import dev.resilience.sample.downstream.PriceView;
import dev.resilience.spring.annotation.CircuitGuarded;
import dev.resilience.spring.annotation.Retryable;

/**
 * Quotes prices from the pricing API, protected by the retry and the circuit breaker named
 * {@code pricing}.
 *
 * <p>A call goes through the fallback, then the retry, then the circuit breaker, then the HTTP
 * call. Each attempt of the retry is one call recorded by the breaker, and once the breaker is
 * open it rejects attempts without calling the pricing API, and the rejection is not retried. The
 * fallback then quotes the last price the pricing API returned for the SKU, or
 * {@code sample.pricing.fallback-price} for a SKU never priced.
 *
 * <p>Thread-safe: the client and the price cache are thread-safe.
 */
@Service
public class QuoteService {

	private static final Log logger = LogFactory.getLog(QuoteService.class);

	private final PricingClient pricingClient;

	private final LastKnownPrices lastKnownPrices;

	private final BigDecimal fallbackPrice;

	QuoteService(PricingClient pricingClient, LastKnownPrices lastKnownPrices, PricingProperties properties) {
		this.pricingClient = pricingClient;
		this.lastKnownPrices = lastKnownPrices;
		this.fallbackPrice = properties.getFallbackPrice();
	}

	/**
	 * Quotes the price of a SKU from the pricing API, or from the fallback when the pricing API
	 * keeps failing or the breaker is open.
	 * @param sku the SKU to quote
	 * @return the quote, with source {@value Quote#SOURCE_PRICING} or {@value Quote#SOURCE_FALLBACK}
	 */
	@Retryable(name = "pricing")
	@CircuitGuarded(name = "pricing", fallbackMethod = "fallbackQuote")
	public Quote quote(String sku) {
		PriceView price = this.pricingClient.fetchPrice(sku);
		this.lastKnownPrices.put(sku, price.price());
		return new Quote(sku, price.price(), Quote.SOURCE_PRICING);
	}

	/**
	 * Quotes the last known price of a SKU, or the configured fallback price. Called by the
	 * starter's advice when {@link #quote(String)} fails.
	 * @param sku the SKU to quote
	 * @param error the last failure of the pricing call, or the rejection of the open breaker
	 * @return the quote, with source {@value Quote#SOURCE_FALLBACK}
	 */
	private Quote fallbackQuote(String sku, Throwable error) {
		if (error instanceof CallNotPermittedException) {
			logger.debug("Breaker rejected the pricing call for sku " + sku + ", so the quote uses the fallback price");
		}
		else {
			logger.warn("Pricing call for sku " + sku + " failed, so the quote uses the fallback price: " + error);
		}
		BigDecimal price = this.lastKnownPrices.find(sku).orElse(this.fallbackPrice);
		return new Quote(sku, price, Quote.SOURCE_FALLBACK);
	}

}
