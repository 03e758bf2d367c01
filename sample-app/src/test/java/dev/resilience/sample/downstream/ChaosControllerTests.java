package dev.resilience.sample.downstream;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ChaosController}: reading, changing and validating the fault injection
 * settings.
 */
@WebMvcTest(ChaosController.class)
@Import(FaultInjector.class)
class ChaosControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private FaultInjector faultInjector;

	@BeforeEach
	void resetSettings() {
		this.faultInjector.update((current) -> ChaosSettings.NONE);
	}

	@Test
	void getReturnsNoFaultsAtStart() {
		assertThat(this.mvc.get().uri("/chaos")).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{\"failureRate\": 0.0, \"latency\": \"0ms\"}");
	}

	@Test
	void putChangesBothSettingsAndEchoesThem() {
		MvcTestResult result = put("{\"failureRate\": 0.25, \"latency\": \"200ms\"}");

		assertThat(result).hasStatusOk().bodyJson().isLenientlyEqualTo("{\"failureRate\": 0.25, \"latency\": \"200ms\"}");
		assertThat(this.faultInjector.getSettings().failureRate()).isEqualTo(0.25);
		assertThat(this.faultInjector.getSettings().latency()).hasMillis(200);
		assertThat(this.mvc.get().uri("/chaos")).bodyJson()
			.isLenientlyEqualTo("{\"failureRate\": 0.25, \"latency\": \"200ms\"}");
	}

	@Test
	void putKeepsFieldsLeftOut() {
		put("{\"failureRate\": 0.5, \"latency\": \"2s\"}");

		assertThat(put("{\"failureRate\": 1}")).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{\"failureRate\": 1.0, \"latency\": \"2s\"}");
		assertThat(put("{\"latency\": \"0\"}")).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{\"failureRate\": 1.0, \"latency\": \"0ms\"}");
		assertThat(put("{}")).hasStatusOk().bodyJson().isLenientlyEqualTo("{\"failureRate\": 1.0, \"latency\": \"0ms\"}");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			0          | 0ms
			250        | 250ms
			' 1500ms ' | 1500ms
			2000ms     | 2s
			PT0.5S     | 500ms
			PT0.0005S  | PT0.0005S
			30s        | 30s
			""")
	void putAcceptsLatencyFormats(String latency, String expected) {
		assertThat(put("{\"latency\": \"" + latency + "\"}")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.latency")
			.isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"failureRate": 1.5}         | failureRate | 1.5    | failureRate must be between 0.0 and 1.0 inclusive, but was 1.5
			{"failureRate": -0.1}        | failureRate | -0.1   | failureRate must be between 0.0 and 1.0 inclusive, but was -0.1
			{"latency": "fast"}          | latency     | fast   | latency must be a duration such as "200ms", "2s" or "PT0.5S", but was "fast"
			{"latency": ""}              | latency     | ''     | latency must be a duration such as "200ms", "2s" or "PT0.5S", but was ""
			{"latency": "1.5s"}          | latency     | 1.5s   | latency must be a duration such as "200ms", "2s" or "PT0.5S", but was "1.5s"
			{"latency": "-5ms"}          | latency     | -5ms   | latency must be between 0ms and 30s, but was -5ms
			{"latency": "31s"}           | latency     | 31s    | latency must be between 0ms and 30s, but was 31s
			""")
	void putRejectsInvalidValue(String body, String field, String rejectedValue, String message) {
		put("{\"failureRate\": 0.2, \"latency\": \"100ms\"}");

		MvcTestResult result = put(body);

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.field").isEqualTo(field);
		assertThat(result).bodyJson().extractingPath("$.rejectedValue").hasToString(rejectedValue);
		assertThat(result).bodyJson().extractingPath("$.detail").asString().startsWith(message);
		assertThat(this.faultInjector.getSettings()).as("settings after a rejected update")
			.isEqualTo(new ChaosSettings(0.2, Duration.ofMillis(100)));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"failureRate": "abc"}   | Cannot deserialize value of type `java.lang.Double` from String "abc"
			{"failureRate": 0.5      | Unexpected end-of-input
			not json                 | Unrecognized token 'not'
			""")
	void putRejectsUnreadableBody(String body, String reason) {
		MvcTestResult result = put(body);

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson()
			.extractingPath("$.detail")
			.asString()
			.startsWith("Chaos settings must be a JSON object such as {\"failureRate\": 0.5, \"latency\": \"200ms\"}")
			.contains(reason);
		assertThat(this.faultInjector.getSettings()).isEqualTo(ChaosSettings.NONE);
	}

	private MvcTestResult put(String body) {
		return this.mvc.put().uri("/chaos").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
	}

}
