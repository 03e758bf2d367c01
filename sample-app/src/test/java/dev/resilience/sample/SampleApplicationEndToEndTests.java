package dev.resilience.sample;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End-to-end tests of the sample application on a random port: chaos on the pricing API opens
 * the {@code pricing} breaker and quotes fall back, and the breaker closes again once the
 * pricing API recovers. Every call goes over real HTTP on 127.0.0.1.
 *
 * <p>The open wait is 2 s instead of 5 s to keep the test short. It stays well above the retry's
 * 100 ms wait, so the retried attempt right after the breaker opens is rejected even on a busy
 * machine.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "resilience.breakers.instances.pricing.wait-duration-in-open-state=2s")
class SampleApplicationEndToEndTests {

	private static final Duration MAX_WAIT = Duration.ofSeconds(15);

	private static final String SKU = "BOOK-42";

	@LocalServerPort
	private int port;

	private LoopbackHttp http;

	@BeforeEach
	void createClient() {
		this.http = new LoopbackHttp(this.port);
	}

	@AfterEach
	void stopChaos() {
		setChaos("{\"failureRate\": 0, \"latency\": \"0ms\"}");
	}

	@Test
	void breakerOpensUnderChaosAndClosesAfterRecovery() {
		setChaos("{\"failureRate\": 0, \"latency\": \"0ms\"}");
		BigDecimal downstreamPrice = this.http.getJson("/downstream/prices/" + SKU, 200).get("price").decimalValue();

		JsonNode healthyQuote = quote(SKU);
		assertThat(healthyQuote.get("source").asString()).isEqualTo("pricing");
		assertThat(healthyQuote.get("price").decimalValue()).isEqualByComparingTo(downstreamPrice);
		assertThat(breakerState()).isEqualTo("CLOSED");

		JsonNode chaos = setChaos("{\"failureRate\": 1.0}");
		assertThat(chaos.get("failureRate").asDouble()).isEqualTo(1.0);
		assertThat(this.http.get("/downstream/prices/" + SKU).statusCode()).isEqualTo(503);

		JsonNode firstFallback = quote(SKU);
		assertThat(firstFallback.get("source").asString()).isEqualTo("fallback");
		assertThat(firstFallback.get("price").decimalValue()).as("last known price")
			.isEqualByComparingTo(downstreamPrice);
		JsonNode breaker = breaker();
		assertThat(breaker.get("state").asString()).as("below the minimum of 5 calls").isEqualTo("CLOSED");
		assertThat(breaker.get("bufferedCalls").asLong()).as("1 healthy call and 3 failed attempts").isEqualTo(4);
		assertThat(breaker.get("failedCalls").asLong()).isEqualTo(3);

		JsonNode secondFallback = quote(SKU);
		assertThat(secondFallback.get("source").asString()).isEqualTo("fallback");
		assertThat(breakerState()).as("after the 5th call, 4 of them failed").isEqualTo("OPEN");
		assertThat(breaker().get("notPermittedCalls").asLong()).as("rejected attempts are not retried")
			.isEqualTo(1);

		JsonNode neverPriced = quote("NEW-1");
		assertThat(neverPriced.get("source").asString()).isEqualTo("fallback");
		assertThat(neverPriced.get("price").decimalValue()).as("configured fallback price")
			.isEqualByComparingTo("9.99");
		assertThat(this.http.get("/actuator/prometheus").body()).contains("resilience_breaker_state");

		setChaos("{\"failureRate\": 0}");
		await().atMost(MAX_WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			JsonNode quote = quote(SKU);
			assertThat(quote.get("source").asString()).isEqualTo("pricing");
			assertThat(breakerState()).isEqualTo("CLOSED");
		});
		assertThat(quote(SKU).get("price").decimalValue()).isEqualByComparingTo(downstreamPrice);
	}

	@Test
	void quoteRejectsInvalidSku() {
		HttpResponse<String> response = this.http.get("/quotes/bad_sku");

		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode problem = this.http.json(response);
		assertThat(problem.get("field").asString()).isEqualTo("sku");
		assertThat(problem.get("rejectedValue").asString()).isEqualTo("bad_sku");
		assertThat(problem.get("detail").asString()).contains("sku must be 1 to 40 letters, digits or hyphens");
	}

	@Test
	void downstreamRejectsInvalidSku() {
		HttpResponse<String> response = this.http.get("/downstream/prices/-leading-hyphen");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(this.http.json(response).get("field").asString()).isEqualTo("sku");
	}

	@Test
	void unknownBreakerIsNotFound() {
		assertThat(this.http.get("/actuator/breakers/no-such-breaker").statusCode()).isEqualTo(404);
	}

	private JsonNode quote(String sku) {
		return this.http.getJson("/quotes/" + sku, 200);
	}

	private JsonNode breaker() {
		return this.http.getJson("/actuator/breakers", 200).get("breakers").get("pricing");
	}

	private String breakerState() {
		return breaker().get("state").asString();
	}

	private JsonNode setChaos(String json) {
		HttpResponse<String> response = this.http.putJson("/chaos", json);
		assertThat(response.statusCode()).as("PUT /chaos %s", json).isEqualTo(200);
		return this.http.json(response);
	}

}
