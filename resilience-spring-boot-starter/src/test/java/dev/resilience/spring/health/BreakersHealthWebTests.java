package dev.resilience.spring.health;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.spring.testsupport.LoopbackClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code breakers} health indicator through the health endpoint: an open breaker
 * leaves the application's health {@code UP} and takes down only the health group that lists
 * {@code CIRCUIT_OPEN} in its status order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "management.endpoints.web.exposure.include=health",
				"management.endpoint.health.show-details=always", "management.health.breakers.enabled=true",
				"management.health.breakers.include=payments",
				"management.endpoint.health.group.dependencies.include=breakers",
				"management.endpoint.health.group.dependencies.show-details=always",
				"management.endpoint.health.group.dependencies.status.order=CIRCUIT_OPEN,DOWN,OUT_OF_SERVICE,UP,UNKNOWN",
				"management.endpoint.health.group.dependencies.status.http-mapping.CIRCUIT_OPEN=503" })
class BreakersHealthWebTests {

	@Value("${local.server.port}")
	private int port;

	@Autowired
	private CircuitBreakerRegistry registry;

	private LoopbackClient client;

	@BeforeEach
	void createBreakers() {
		this.client = new LoopbackClient(this.port);
		for (String name : List.copyOf(this.registry.getNames())) {
			this.registry.remove(name);
		}
		this.registry.circuitBreaker("payments");
		this.registry.circuitBreaker("accounts").transitionToForcedOpen();
	}

	@Test
	void closedBreakerIsUp() throws Exception {
		HttpResponse<String> response = this.client.get("/actuator/health/dependencies");
		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext json = JsonPath.parse(response.body());
		assertThat(json.read("$.status", String.class)).isEqualTo("UP");
		assertThat(json.read("$.components.breakers.details.payments.state", String.class)).isEqualTo("CLOSED");
		Map<String, Object> details = json.read("$.components.breakers.details");
		assertThat(details).containsOnlyKeys("payments");
	}

	@Test
	void openBreakerLeavesApplicationUp() throws Exception {
		this.registry.find("payments").orElseThrow().transitionToForcedOpen();
		HttpResponse<String> response = this.client.get("/actuator/health");
		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext json = JsonPath.parse(response.body());
		assertThat(json.read("$.status", String.class)).isEqualTo("UP");
		assertThat(json.read("$.components.breakers.status", String.class)).isEqualTo("CIRCUIT_OPEN");
		assertThat(json.read("$.components.breakers.details.payments.state", String.class)).isEqualTo("FORCED_OPEN");
	}

	@Test
	void openBreakerTakesDownItsGroup() throws Exception {
		this.registry.find("payments").orElseThrow().transitionToOpen();
		HttpResponse<String> response = this.client.get("/actuator/health/dependencies");
		assertThat(response.statusCode()).isEqualTo(503);
		DocumentContext json = JsonPath.parse(response.body());
		assertThat(json.read("$.status", String.class)).isEqualTo("CIRCUIT_OPEN");
		assertThat(json.read("$.components.breakers.details.payments.status", String.class)).isEqualTo("CIRCUIT_OPEN");
	}

	@Test
	void indicatorReadableAlone() throws Exception {
		HttpResponse<String> response = this.client.get("/actuator/health/breakers");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JsonPath.parse(response.body()).read("$.status", String.class)).isEqualTo("UP");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
