package dev.resilience.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Small HTTP client for tests that calls the application on 127.0.0.1 over real HTTP.
 */
final class LoopbackHttp {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final int port;

	LoopbackHttp(int port) {
		this.port = port;
	}

	HttpResponse<String> get(String path) {
		return send(request(path).GET().build());
	}

	HttpResponse<String> putJson(String path, String json) {
		return send(request(path).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	/**
	 * Sends a GET request and parses the body as JSON, after checking the status.
	 */
	JsonNode getJson(String path, int expectedStatus) {
		HttpResponse<String> response = get(path);
		if (response.statusCode() != expectedStatus) {
			throw new AssertionError("GET " + path + " returned HTTP " + response.statusCode() + ", expected "
					+ expectedStatus + ": " + response.body());
		}
		return json(response);
	}

	JsonNode json(HttpResponse<String> response) {
		return this.jsonMapper.readTree(response.body());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).timeout(TIMEOUT);
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(request.method() + " " + request.uri() + " was interrupted", ex);
		}
	}

}
