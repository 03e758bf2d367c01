package dev.resilience.spring.actuate;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.resilience.core.retry.Retry;
import dev.resilience.core.retry.RetryConfig;
import dev.resilience.core.retry.RetryRegistry;
import dev.resilience.core.time.ManualClock;
import dev.resilience.spring.testsupport.LoopbackClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Tests for {@link RetriesEndpoint} through a real web server on a random port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=retries", "server.address=127.0.0.1" })
class RetriesEndpointWebTests {

	@Value("${local.server.port}")
	private int port;

	@Autowired
	private RetryRegistry registry;

	private LoopbackClient client;

	@BeforeEach
	void createRetries() throws Throwable {
		this.client = new LoopbackClient(this.port);
		for (String name : List.copyOf(this.registry.getNames())) {
			this.registry.remove(name);
		}
		ManualClock clock = new ManualClock();
		RetryConfig config = RetryConfig.custom()
			.maxAttempts(3)
			.waitDuration(Duration.ofMillis(200))
			.retryExceptions(List.of(IOException.class))
			.sleeper(clock)
			.ticker(clock)
			.scheduler(clock)
			.build();
		Retry payments = this.registry.retry("payments", config);
		payments.execute(() -> "first time");
		AtomicInteger attempts = new AtomicInteger();
		payments.execute(() -> {
			if (attempts.incrementAndGet() < 2) {
				throw new IOException("once");
			}
			return "second time";
		});
		assertThatIOException().isThrownBy(() -> payments.execute(() -> {
			throw new IOException("always");
		}));
		this.registry.retry("accounts", config);
	}

	@Test
	void listReturnsRetriesSortedWithCounts() throws Exception {
		HttpResponse<String> response = this.client.get("/actuator/retries");
		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext json = JsonPath.parse(response.body());
		Map<String, Object> retries = json.read("$.retries");
		assertThat(retries.keySet()).containsExactly("accounts", "payments");
		assertThat(json.read("$.retries.payments.successWithoutRetry", Integer.class)).isEqualTo(1);
		assertThat(json.read("$.retries.payments.successWithRetry", Integer.class)).isEqualTo(1);
		assertThat(json.read("$.retries.payments.failureWithRetry", Integer.class)).isEqualTo(1);
		assertThat(json.read("$.retries.payments.failureWithoutRetry", Integer.class)).isZero();
		assertThat(json.read("$.retries.payments.attempts", Integer.class)).isEqualTo(6);
		assertThat(json.read("$.retries.accounts.attempts", Integer.class)).isZero();
	}

	@Test
	void detailIncludesConfig() throws Exception {
		HttpResponse<String> response = this.client.get("/actuator/retries/payments");
		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext json = JsonPath.parse(response.body());
		assertThat(json.read("$.config.maxAttempts", Integer.class)).isEqualTo(3);
		assertThat(json.read("$.config.waitDuration", String.class)).isEqualTo("PT0.2S");
		assertThat(json.read("$.config.retryExceptions", List.class)).containsExactly("java.io.IOException");
		assertThat(json.read("$.successWithRetry", Integer.class)).isEqualTo(1);
	}

	@Test
	void unknownNameReturnsNotFound() throws Exception {
		assertThat(this.client.get("/actuator/retries/unknown").statusCode()).isEqualTo(404);
		assertThat(this.registry.find("unknown")).isEmpty();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
