package dev.resilience.compat.boot3;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resilience.core.retry.RetryMetrics;
import dev.resilience.core.retry.RetryRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the starter inside a Spring Boot 3.5 web application and checks it over real HTTP on the
 * loopback interface: the advice, the {@code breakers} endpoint and the Prometheus meters.
 * <p>
 * The tests share one application. Each uses its own retry or breaker, so their order does not
 * matter. {@code @AutoConfigureObservability} is needed because Spring Boot 3.5 turns metrics
 * export, and with it the Prometheus endpoint, off in tests by default.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
@AutoConfigureObservability
class CompatApplicationTests {

	/**
	 * The configuration of the breaker {@code guarded} as the endpoint writes it with Jackson 2. The
	 * starter's own tests expect the same text from Jackson 3 on Spring Boot 4, key order and
	 * {@code null} values included.
	 */
	static final String GUARDED_CONFIG_JSON = "{\"slidingWindowType\":\"COUNT_BASED\",\"slidingWindowSize\":4,"
			+ "\"minimumNumberOfCalls\":4,\"failureRateThreshold\":50.0,\"slowCallRateThreshold\":100.0,"
			+ "\"slowCallDurationThreshold\":\"PT1M\",\"waitDurationInOpenState\":\"PT1H\","
			+ "\"waitDurationInOpenStateMultiplier\":1.0,\"maxWaitDurationInOpenState\":null,"
			+ "\"waitDurationInOpenStateJitter\":0.0,\"automaticTransitionFromOpenToHalfOpen\":false,"
			+ "\"permittedNumberOfCallsInHalfOpenState\":10,\"maxWaitDurationInHalfOpenState\":\"PT0S\","
			+ "\"recordExceptions\":[],\"ignoreExceptions\":[]}";

	private static final ObjectMapper objectMapper = new ObjectMapper();

	private final HttpClient httpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@Autowired
	private QuoteService quoteService;

	@Autowired
	private RetryRegistry retryRegistry;

	@Test
	void runsOnBoot35() {
		assertThat(SpringBootVersion.getVersion()).isEqualTo("3.5.7");
	}

	@Test
	void retriesUntilSuccess() throws Exception {
		int attemptsBefore = this.quoteService.getFlakyAttempts();
		RetryMetrics metricsBefore = this.retryRegistry.find("flaky").orElseThrow().getMetrics();

		HttpResponse<String> response = get("/quotes/flaky/ACME");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("live:ACME");
		assertThat(this.quoteService.getFlakyAttempts() - attemptsBefore).isEqualTo(3);
		RetryMetrics metricsAfter = this.retryRegistry.find("flaky").orElseThrow().getMetrics();
		assertThat(metricsAfter.successWithRetry() - metricsBefore.successWithRetry()).isEqualTo(1);
	}

	@Test
	void fallbackServesWhileBreakerOpens() throws Exception {
		HttpResponse<String> first = get("/quotes/guarded/ACME");
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.body()).isEqualTo("cached:ACME:IllegalStateException");
		assertThat(this.quoteService.getGuardedAttempts()).isEqualTo(2);
		assertThat(breakerState("guarded")).isEqualTo("CLOSED");

		HttpResponse<String> second = get("/quotes/guarded/ACME");
		assertThat(second.body()).isEqualTo("cached:ACME:IllegalStateException");
		assertThat(this.quoteService.getGuardedAttempts()).isEqualTo(4);
		assertThat(breakerState("guarded")).isEqualTo("OPEN");

		HttpResponse<String> third = get("/quotes/guarded/ACME");
		assertThat(third.body()).isEqualTo("cached:ACME:CallNotPermittedException");
		assertThat(this.quoteService.getGuardedAttempts()).isEqualTo(4);

		HttpResponse<String> details = get("/actuator/breakers/guarded");
		assertThat(details.statusCode()).isEqualTo(200);
		// The transition time and the event history vary, so the text is checked around them.
		assertThat(details.body()).startsWith("{\"state\":\"OPEN\",\"failureRate\":100.0,\"slowCallRate\":0.0,"
				+ "\"bufferedCalls\":4,\"failedCalls\":4,\"slowCalls\":0,\"notPermittedCalls\":1,\"lastTransitionTime\":\"")
			.contains("\"fromState\":\"CLOSED\",\"toState\":\"OPEN\"")
			.endsWith("],\"config\":" + GUARDED_CONFIG_JSON + "}");
	}

	@Test
	void breakersEndpointListsBreakers() throws Exception {
		HttpResponse<String> response = get("/actuator/breakers");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(contentType) -> assertThat(contentType).startsWith("application/vnd.spring-boot.actuator.v3+json"));
		JsonNode breakers = objectMapper.readTree(response.body()).path("breakers");
		assertThat(breakers.has("guarded")).isTrue();
		assertThat(breakers.path("guarded").path("state").asText()).isIn("CLOSED", "OPEN");
		assertThat(breakers.path("guarded").has("failureRate")).isTrue();
	}

	@Test
	void unknownBreakerIsNotFound() throws Exception {
		assertThat(get("/actuator/breakers/missing").statusCode()).isEqualTo(404);
	}

	@Test
	void prometheusHasResilienceMeters() throws Exception {
		get("/quotes/flaky/MSFT");
		HttpResponse<String> response = get("/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).containsPattern("resilience_retry_calls_total\\{[^}]*name=\"flaky\"[^}]*"
				+ "outcome=\"success_with_retry\"[^}]*} [1-9]")
			.containsPattern("resilience_breaker_state\\{[^}]*name=\"guarded\"[^}]*state=\"closed\"[^}]*}")
			.containsPattern("resilience_breaker_failure_rate_percent\\{[^}]*name=\"guarded\"")
			.containsPattern("resilience_breaker_not_permitted_calls_total\\{[^}]*name=\"guarded\"")
			.containsPattern("resilience_breaker_calls_seconds_count\\{[^}]*name=\"guarded\"");
	}

	private String breakerState(String name) throws IOException, InterruptedException {
		return json(get("/actuator/breakers/" + name)).path("state").asText();
	}

	private JsonNode json(HttpResponse<String> response) throws IOException {
		assertThat(response.statusCode()).isEqualTo(200);
		return objectMapper.readTree(response.body());
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build();
		return this.httpClient.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
