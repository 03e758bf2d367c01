package dev.resilience.sample.downstream;

import java.math.BigDecimal;

/**
 * Body returned by the pricing API.
 *
 * @param sku the SKU that was priced
 * @param price the price, with two decimal places
 */
public record PriceView(String sku, BigDecimal price) {
}
