package dev.resilience.sample.quote;

import java.math.BigDecimal;

/**
 * Price quote returned by {@code GET /quotes/{sku}}.
 *
 * @param sku the SKU that was quoted
 * @param price the quoted price
 * @param source {@value #SOURCE_PRICING} when the pricing API returned the price, {@value #SOURCE_FALLBACK}
 * when the fallback supplied the price
 */
public record Quote(String sku, BigDecimal price, String source) {

	/** Source of a quote priced by the pricing API. */
	public static final String SOURCE_PRICING = "pricing";

	/** Source of a quote priced by the fallback. */
	public static final String SOURCE_FALLBACK = "fallback";

}
