package dev.resilience.spring.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.breaker.CircuitBreakerConfig;
import dev.resilience.core.breaker.CircuitBreakerRegistry;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BreakersEndpoint} through a real web server on a random port, read with
 * {@link HttpClient} on 127.0.0.1.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=breakers", "server.address=127.0.0.1" })
class BreakersEndpointWebTests {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Value("${local.server.port}")
	private int port;

	@Autowired
	private CircuitBreakerRegistry registry;

	@BeforeEach
	void createBreakers() {
		for (String name : List.copyOf(this.registry.getNames())) {
			this.registry.remove(name);
		}
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.slidingWindowSize(4)
			.minimumNumberOfCalls(2)
			.failureRateThreshold(70)
			.waitDurationInOpenState(Duration.ofHours(1))
			.recordExceptions(List.of(IOException.class))
			.build();
		CircuitBreaker payments = this.registry.circuitBreaker("payments", config);
		payments.onError(payments.acquirePermission(), 1_000, new IOException("down"));
		payments.onSuccess(payments.acquirePermission(), 1_000);
		payments.onError(payments.acquirePermission(), 1_000, new IOException("down"));
		this.registry.circuitBreaker("accounts", config);
		CircuitBreaker ledger = this.registry.circuitBreaker("ledger", config);
		ledger.transitionToOpen();
		ledger.tryAcquirePermission();
	}

	@Test
	void listReturnsBreakersSortedByName() throws Exception {
		HttpResponse<String> response = get("/actuator/breakers");
		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext json = JsonPath.parse(response.body());
		Map<String, Object> breakers = json.read("$.breakers");
		assertThat(breakers.keySet()).containsExactly("accounts", "ledger", "payments");
		assertThat(response.body().indexOf("\"accounts\"")).isLessThan(response.body().indexOf("\"ledger\""));
		Map<String, Object> accounts = json.read("$.breakers.accounts");
		assertThat(accounts.keySet()).containsExactlyInAnyOrder("state", "failureRate", "slowCallRate", "bufferedCalls",
				"failedCalls", "slowCalls", "notPermittedCalls", "lastTransitionTime", "events");
	}

	@Test
	void listReportsSlowCallsTransitionTimeAndEvents() throws Exception {
		DocumentContext json = JsonPath.parse(get("/actuator/breakers").body());
		assertThat(json.read("$.breakers.payments.slowCallRate", Double.class)).isZero();
		assertThat(json.read("$.breakers.payments.slowCalls", Integer.class)).isZero();
		assertThat(json.read("$.breakers.accounts.slowCallRate", Double.class)).isEqualTo(-1.0);
		String lastTransition = json.read("$.breakers.ledger.lastTransitionTime", String.class);
		assertThat(Instant.parse(lastTransition)).isEqualTo(this.registry.find("ledger").orElseThrow().getLastTransitionTime());
		assertThat(json.read("$.breakers.ledger.events[*].type", List.class)).containsExactly("STATE_TRANSITION",
				"NOT_PERMITTED_CALLS");
		assertThat(json.read("$.breakers.ledger.events[0].fromState", String.class)).isEqualTo("CLOSED");
		assertThat(json.read("$.breakers.ledger.events[0].toState", String.class)).isEqualTo("OPEN");
		assertThat(json.read("$.breakers.ledger.events[1].count", Integer.class)).isEqualTo(1);
		assertThat(json.read("$.breakers.payments.events[*].type", List.class)).containsExactly("FAILED_CALLS");
		assertThat(json.read("$.breakers.payments.events[0].count", Integer.class)).isEqualTo(2);
		assertThat(json.read("$.breakers.payments.events[0].exception", String.class)).isEqualTo("IOException");
		assertThat(json.read("$.breakers.accounts.events", List.class)).isEmpty();
	}

	@Test
	void writeRejectedWhileAccessReadOnly() throws Exception {
		HttpResponse<String> response = post("/actuator/breakers/payments", "{\"state\":\"FORCED_OPEN\"}");
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(this.registry.find("payments").orElseThrow().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void listReportsStateAndWindow() throws Exception {
		DocumentContext json = JsonPath.parse(get("/actuator/breakers").body());
		assertThat(json.read("$.breakers.payments.state", String.class)).isEqualTo("CLOSED");
		assertThat(json.read("$.breakers.payments.failureRate", Double.class)).isCloseTo(66.67, Offset.offset(0.01));
		assertThat(json.read("$.breakers.payments.bufferedCalls", Integer.class)).isEqualTo(3);
		assertThat(json.read("$.breakers.payments.failedCalls", Integer.class)).isEqualTo(2);
		assertThat(json.read("$.breakers.payments.notPermittedCalls", Integer.class)).isZero();
		assertThat(json.read("$.breakers.accounts.failureRate", Double.class)).isEqualTo(-1.0);
		assertThat(json.read("$.breakers.ledger.state", String.class)).isEqualTo("OPEN");
		assertThat(json.read("$.breakers.ledger.notPermittedCalls", Integer.class)).isEqualTo(1);
	}

	@Test
	void detailIncludesConfig() throws Exception {
		HttpResponse<String> response = get("/actuator/breakers/payments");
		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext json = JsonPath.parse(response.body());
		assertThat(json.read("$.state", String.class)).isEqualTo("CLOSED");
		assertThat(json.read("$.bufferedCalls", Integer.class)).isEqualTo(3);
		assertThat(json.read("$.config.slidingWindowType", String.class)).isEqualTo("COUNT_BASED");
		assertThat(json.read("$.config.slidingWindowSize", Integer.class)).isEqualTo(4);
		assertThat(json.read("$.config.minimumNumberOfCalls", Integer.class)).isEqualTo(2);
		assertThat(json.read("$.config.failureRateThreshold", Double.class)).isEqualTo(70.0);
		assertThat(json.read("$.config.waitDurationInOpenState", String.class)).isEqualTo("PT1H");
		assertThat(json.read("$.config.recordExceptions", List.class)).containsExactly("java.io.IOException");
		assertThat(json.read("$.slowCalls", Integer.class)).isZero();
		assertThat(json.read("$.events[0].type", String.class)).isEqualTo("FAILED_CALLS");
		assertThat(json.read("$.lastTransitionTime", String.class)).isNotBlank();
	}

	@Test
	void unknownNameReturnsNotFound() throws Exception {
		HttpResponse<String> response = get("/actuator/breakers/unknown");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(this.registry.find("unknown")).isEmpty();
		assertThat(this.registry.getNames()).containsExactlyInAnyOrder("accounts", "ledger", "payments");
	}

	private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Accept", "application/json")
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
