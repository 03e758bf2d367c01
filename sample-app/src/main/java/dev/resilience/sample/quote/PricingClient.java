package dev.resilience.sample.quote;

import java.net.http.HttpClient;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import dev.resilience.sample.downstream.PriceView;

/**
 * HTTP client of the pricing API, built on {@link RestClient} with the timeouts from
 * {@link PricingProperties}.
 *
 * <p>Without {@code sample.pricing.base-url}, the client calls this application itself, and
 * can only learn the port once the web server has started (with {@code server.port=0} the port is
 * chosen then). It therefore builds its {@code RestClient} when the main web server publishes
 * {@link WebServerInitializedEvent}, and rejects calls made before that.
 *
 * <p>Thread-safe: the {@code RestClient} is immutable and published through a volatile field.
 */
@Component
public class PricingClient {

	private static final Log logger = LogFactory.getLog(PricingClient.class);

	private final RestClient.Builder restClientBuilder;

	private final PricingProperties properties;

	private volatile RestClient restClient;

	PricingClient(RestClient.Builder restClientBuilder, PricingProperties properties) {
		this.restClientBuilder = restClientBuilder;
		this.properties = properties;
		if (properties.getBaseUrl() != null) {
			this.restClient = buildRestClient(properties.getBaseUrl());
		}
	}

	/**
	 * Points the client at this application once its main web server listens. A management
	 * server on a separate port publishes the same event with a server namespace, and is skipped.
	 * @param event the event of a web server that has started
	 */
	@EventListener
	void onWebServerInitialized(WebServerInitializedEvent event) {
		if (this.restClient != null || event.getApplicationContext().getServerNamespace() != null) {
			return;
		}
		String baseUrl = "http://127.0.0.1:" + event.getWebServer().getPort();
		this.restClient = buildRestClient(baseUrl);
	}

	/**
	 * Fetches the price of a SKU from the pricing API.
	 * @param sku the SKU to price
	 * @return the price returned by the pricing API
	 * @throws RestClientException if the call fails, times out or returns an error status
	 * (HTTP 503 when fault injection fails it)
	 * @throws IllegalStateException if the web server has not started and no base URL is set
	 */
	public PriceView fetchPrice(String sku) {
		RestClient client = this.restClient;
		if (client == null) {
			throw new IllegalStateException("Pricing client is not ready: the web server has not started yet "
					+ "and sample.pricing.base-url is not set");
		}
		PriceView price = client.get().uri("/downstream/prices/{sku}", sku).retrieve().body(PriceView.class);
		if (price == null) {
			throw new RestClientException("Pricing API returned an empty body for sku \"" + sku + "\"");
		}
		return price;
	}

	private RestClient buildRestClient(String baseUrl) {
		HttpClient httpClient = HttpClient.newBuilder().connectTimeout(this.properties.getConnectTimeout()).build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(this.properties.getReadTimeout());
		logger.info("Pricing client calls " + baseUrl + " (connect timeout " + this.properties.getConnectTimeout()
				+ ", read timeout " + this.properties.getReadTimeout() + ")");
		return this.restClientBuilder.clone().baseUrl(baseUrl).requestFactory(requestFactory).build();
	}

}
