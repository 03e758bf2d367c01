package dev.resilience.spring.dashboard;

import java.net.http.HttpResponse;

import dev.resilience.spring.testsupport.LoopbackClient;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the dashboard page's files over HTTP, with the page on and off.
 */
class ResilienceDashboardWebTests {

	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "server.address=127.0.0.1", "resilience.dashboard.enabled=true" })
	class Enabled {

		@Value("${local.server.port}")
		private int port;

		@Test
		void pageAndScriptServed() throws Exception {
			LoopbackClient client = new LoopbackClient(this.port);
			HttpResponse<String> page = client.get("/resilience/dashboard.html");
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("text/html"));
			assertThat(page.body()).contains("<title>Circuit breakers</title>").contains("dashboard.js");
			HttpResponse<String> script = client.get("/resilience/dashboard.js");
			assertThat(script.statusCode()).isEqualTo(200);
			assertThat(script.body()).contains("../actuator/breakers");
			assertThat(client.get("/resilience/dashboard.css").statusCode()).isEqualTo(200);
		}

		@Test
		void classFilesNotServed() throws Exception {
			LoopbackClient client = new LoopbackClient(this.port);
			assertThat(client.get("/resilience/ResilienceDashboardAutoConfiguration.class").statusCode()).isEqualTo(404);
			assertThat(client.get("/resilience-dashboard/dashboard.html").statusCode()).isEqualTo(404);
		}

	}

	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = "server.address=127.0.0.1")
	class Disabled {

		@Value("${local.server.port}")
		private int port;

		@Test
		void pageNotServed() throws Exception {
			LoopbackClient client = new LoopbackClient(this.port);
			assertThat(client.get("/resilience/dashboard.html").statusCode()).isEqualTo(404);
			assertThat(client.get("/resilience-dashboard/dashboard.html").statusCode()).isEqualTo(404);
			assertThat(client.get("/dashboard.html").statusCode()).isEqualTo(404);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
