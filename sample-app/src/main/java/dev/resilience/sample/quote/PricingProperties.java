package dev.resilience.sample.quote;

import java.math.BigDecimal;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the client that calls the pricing API, bound from {@code sample.pricing.*}.
 */
@ConfigurationProperties("sample.pricing")
public class PricingProperties {

	/**
	 * Base URL of the pricing API. When not set, the client calls this application at
	 * {@code http://127.0.0.1:<port>}, with the port the web server actually listens on.
	 */
	private String baseUrl;

	/**
	 * Maximum time to open a connection to the pricing API. A bare number is read as milliseconds.
	 */
	private Duration connectTimeout = Duration.ofSeconds(1);

	/**
	 * Maximum time to wait for the response of the pricing API. A bare number is read as
	 * milliseconds.
	 */
	private Duration readTimeout = Duration.ofSeconds(2);

	/**
	 * Price quoted by the fallback for a SKU that was never priced successfully.
	 */
	private BigDecimal fallbackPrice = new BigDecimal("9.99");

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public BigDecimal getFallbackPrice() {
		return this.fallbackPrice;
	}

	public void setFallbackPrice(BigDecimal fallbackPrice) {
		this.fallbackPrice = fallbackPrice;
	}

}
