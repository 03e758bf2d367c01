package dev.resilience.spring.actuate;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.breaker.CircuitBreakerConfig;
import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.spring.testsupport.LoopbackClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the write operation of {@link BreakersEndpoint} over HTTP, with write access granted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=breakers",
				"management.endpoint.breakers.access=unrestricted", "server.address=127.0.0.1" })
class BreakersEndpointWriteTests {

	private static final String VALID_STATES = "CLOSED, FORCED_OPEN, DISABLED, METRICS_ONLY";

	@Value("${local.server.port}")
	private int port;

	@Autowired
	private CircuitBreakerRegistry registry;

	private LoopbackClient client;

	private CircuitBreaker payments;

	@BeforeEach
	void createBreaker() {
		this.client = new LoopbackClient(this.port);
		for (String name : List.copyOf(this.registry.getNames())) {
			this.registry.remove(name);
		}
		this.payments = this.registry.circuitBreaker("payments", CircuitBreakerConfig.custom()
			.slidingWindowSize(4)
			.minimumNumberOfCalls(2)
			.waitDurationInOpenState(Duration.ofHours(1))
			.build());
	}

	@ParameterizedTest
	@CsvSource({ "FORCED_OPEN, FORCED_OPEN", "DISABLED, DISABLED", "METRICS_ONLY, METRICS_ONLY",
			"forced_open, FORCED_OPEN", "' metrics_only ', METRICS_ONLY" })
	void stateChangesBreaker(String requested, String expected) throws Exception {
		HttpResponse<String> response = post("payments", "{\"state\":\"" + requested + "\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.payments.getState()).isEqualTo(CircuitBreaker.State.valueOf(expected));
		DocumentContext json = JsonPath.parse(response.body());
		assertThat(json.read("$.state", String.class)).isEqualTo(expected);
		assertThat(json.read("$.config.slidingWindowSize", Integer.class)).isEqualTo(4);
		assertThat(json.read("$.events[-1].toState", String.class)).isEqualTo(expected);
	}

	@Test
	void closedStateClosesForcedOpenBreaker() throws Exception {
		this.payments.transitionToForcedOpen();
		HttpResponse<String> response = post("payments", "{\"state\":\"CLOSED\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.payments.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(JsonPath.parse(response.body()).read("$.events[*].toState", List.class))
			.containsExactly("FORCED_OPEN", "CLOSED");
	}

	@Test
	void resetClearsRejectedCalls() throws Exception {
		this.payments.transitionToOpen();
		this.payments.tryAcquirePermission();
		this.payments.tryAcquirePermission();
		assertThat(this.payments.getMetrics().notPermittedCalls()).isEqualTo(2);
		HttpResponse<String> response = post("payments", "{\"action\":\"reset\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.payments.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(this.payments.getMetrics().notPermittedCalls()).isZero();
		DocumentContext json = JsonPath.parse(response.body());
		assertThat(json.read("$.notPermittedCalls", Integer.class)).isZero();
		assertThat(json.read("$.events[*].type", List.class)).containsExactly("STATE_TRANSITION", "NOT_PERMITTED_CALLS",
				"STATE_TRANSITION", "RESET");
	}

	@Test
	void unknownNameNotFoundAndNotCreated() throws Exception {
		HttpResponse<String> response = post("unknown", "{\"state\":\"FORCED_OPEN\"}");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(JsonPath.parse(response.body()).read("$.message", String.class))
			.isEqualTo("No circuit breaker is named 'unknown'; existing breakers: payments");
		assertThat(this.registry.find("unknown")).isEmpty();
		assertThat(this.registry.getNames()).containsExactly("payments");
	}

	@Test
	void unknownStateRejectedWithValidStates() throws Exception {
		for (String state : List.of("OPEN", "HALF_OPEN", "broken", "")) {
			HttpResponse<String> response = post("payments", "{\"state\":\"" + state + "\"}");
			assertThat(response.statusCode()).as(state).isEqualTo(400);
			assertThat(JsonPath.parse(response.body()).read("$.message", String.class)).as(state)
				.isEqualTo("Invalid state '" + state + "' for circuit breaker 'payments': the state must be one of "
						+ VALID_STATES);
		}
		assertThat(this.payments.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void unknownActionRejected() throws Exception {
		HttpResponse<String> response = post("payments", "{\"action\":\"restart\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(JsonPath.parse(response.body()).read("$.message", String.class))
			.isEqualTo("Invalid action 'restart' for circuit breaker 'payments': the only action is reset");
	}

	@Test
	void bodyWithoutStateOrActionRejected() throws Exception {
		for (String body : List.of("{}", "{\"stat\":\"CLOSED\"}")) {
			HttpResponse<String> response = post("payments", body);
			assertThat(response.statusCode()).as(body).isEqualTo(400);
			assertThat(JsonPath.parse(response.body()).read("$.message", String.class)).as(body)
				.isEqualTo("Invalid request for circuit breaker 'payments': set either \"state\" to one of "
						+ VALID_STATES + " or \"action\" to reset, for example {\"state\":\"FORCED_OPEN\"}");
		}
	}

	@Test
	void bodyWithStateAndActionRejected() throws Exception {
		HttpResponse<String> response = post("payments", "{\"state\":\"CLOSED\",\"action\":\"reset\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		DocumentContext json = JsonPath.parse(response.body());
		assertThat(json.read("$.status", Integer.class)).isEqualTo(400);
		assertThat(json.read("$.error", String.class)).isEqualTo("Bad Request");
		assertThat(json.read("$.message", String.class)).isEqualTo(
				"Invalid request for circuit breaker 'payments': it sets both \"state\" and \"action\"; send only one of them");
	}

	private HttpResponse<String> post(String name, String body) throws IOException, InterruptedException {
		return this.client.postJson("/actuator/breakers/" + name, body);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
