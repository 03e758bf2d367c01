package dev.resilience.sample.quote;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Last price the pricing API returned for each SKU, kept for the fallback. It keeps the
 * {@value #MAX_ENTRIES} most recently used SKUs, so arbitrary SKUs in requests cannot grow it
 * without bound.
 *
 * <p>Thread-safe: every access holds the lock of the map.
 */
@Component
public class LastKnownPrices {

	static final int MAX_ENTRIES = 1000;

	private final Map<String, BigDecimal> prices = new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, BigDecimal> eldest) {
			return size() > MAX_ENTRIES;
		}

	};

	/**
	 * Stores the latest price of a SKU.
	 * @param sku the SKU
	 * @param price the price the pricing API returned
	 */
	public void put(String sku, BigDecimal price) {
		synchronized (this.prices) {
			this.prices.put(sku, price);
		}
	}

	/**
	 * Returns the latest stored price of a SKU.
	 * @param sku the SKU
	 * @return the price, or empty if the SKU was never priced or has been evicted
	 */
	public Optional<BigDecimal> find(String sku) {
		synchronized (this.prices) {
			return Optional.ofNullable(this.prices.get(sku));
		}
	}

}
