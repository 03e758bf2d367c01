package dev.resilience.spring.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A small HTTP client for tests that sends requests to a server on 127.0.0.1 only.
 */
public final class LoopbackClient {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final int port;

	/**
	 * Creates a client for the server on the given loopback port.
	 * @param port the port
	 */
	public LoopbackClient(int port) {
		this.port = port;
	}

	/**
	 * Sends a GET request that accepts JSON.
	 * @param path the path, starting with a slash
	 * @return the response
	 * @throws IOException if the request fails
	 * @throws InterruptedException if the thread is interrupted while waiting
	 */
	public HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(request(path).header("Accept", "application/json").GET().build());
	}

	/**
	 * Sends a POST request with a JSON body.
	 * @param path the path, starting with a slash
	 * @param json the request body
	 * @return the response
	 * @throws IOException if the request fails
	 * @throws InterruptedException if the thread is interrupted while waiting
	 */
	public HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
		return send(request(path).header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).timeout(Duration.ofSeconds(10));
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
