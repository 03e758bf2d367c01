package dev.resilience.spring.config;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.resilience.core.breaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@code GET /actuator/breakers/{name}} shows the configuration an instance resolves
 * from a template, written by Jackson 3 on Spring Boot 4. The Spring Boot 3.5 test in
 * {@code compat/boot3} expects the same text from Jackson 2 for the same settings.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=breakers", "server.address=127.0.0.1",
				"resilience.breakers.configs.small.sliding-window-size=4",
				"resilience.breakers.configs.small.minimum-number-of-calls=4",
				"resilience.breakers.configs.patient.base-config=small",
				"resilience.breakers.configs.patient.wait-duration-in-open-state=1h",
				"resilience.breakers.instances.guarded.base-config=patient" })
class EffectiveConfigOverHttpTests {

	private static final String GUARDED_CONFIG_JSON = "{\"slidingWindowType\":\"COUNT_BASED\",\"slidingWindowSize\":4,"
			+ "\"minimumNumberOfCalls\":4,\"failureRateThreshold\":50.0,\"slowCallRateThreshold\":100.0,"
			+ "\"slowCallDurationThreshold\":\"PT1M\",\"waitDurationInOpenState\":\"PT1H\","
			+ "\"waitDurationInOpenStateMultiplier\":1.0,\"maxWaitDurationInOpenState\":null,"
			+ "\"waitDurationInOpenStateJitter\":0.0,\"automaticTransitionFromOpenToHalfOpen\":false,"
			+ "\"permittedNumberOfCallsInHalfOpenState\":10,\"maxWaitDurationInHalfOpenState\":\"PT0S\","
			+ "\"recordExceptions\":[],\"ignoreExceptions\":[]}";

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Value("${local.server.port}")
	private int port;

	@Autowired
	private CircuitBreakerRegistry registry;

	@Test
	void detailShowsInheritedConfiguration() throws Exception {
		this.registry.circuitBreaker("guarded");
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/breakers/guarded"))
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build();
		HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		// The transition time varies, so the text is checked up to it and from the events on.
		assertThat(response.body()).startsWith("{\"state\":\"CLOSED\",\"failureRate\":-1.0,\"slowCallRate\":-1.0,"
				+ "\"bufferedCalls\":0,\"failedCalls\":0,\"slowCalls\":0,\"notPermittedCalls\":0,\"lastTransitionTime\":\"")
			.endsWith("\"events\":[],\"config\":" + GUARDED_CONFIG_JSON + "}");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
