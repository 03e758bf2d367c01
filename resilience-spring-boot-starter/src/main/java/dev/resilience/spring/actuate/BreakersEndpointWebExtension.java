package dev.resilience.spring.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.resilience.spring.actuate.BreakersEndpoint.BreakerDetailsDescriptor;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.lang.Nullable;

/**
 * Web extension of the {@link BreakersEndpoint} that gives its write operation HTTP statuses: 404
 * with a message for an unknown breaker, and 400 with a message that lists the valid values for an
 * invalid request.
 * <p>
 * Without it, Spring Boot would return 204 for an unknown breaker, and its error page would drop
 * the reason of a 400 unless {@code server.error.include-message} is set. The read operations
 * are those of the endpoint.
 * <p>
 * This class is thread-safe.
 *
 * @since 0.1.0
 */
@EndpointWebExtension(endpoint = BreakersEndpoint.class)
public class BreakersEndpointWebExtension {

	private final BreakersEndpoint delegate;

	/**
	 * Creates the extension.
	 * @param delegate the endpoint that reads and changes the breakers
	 */
	public BreakersEndpointWebExtension(BreakersEndpoint delegate) {
		this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
	}

	/**
	 * Changes the state of one breaker, or resets it, as {@link BreakersEndpoint#update} does.
	 * @param name the breaker name
	 * @param state the requested state, or {@code null}
	 * @param action the requested action, or {@code null}
	 * @return 200 with the breaker after the change, 404 when no breaker has that name, or 400 when
	 * the request is invalid
	 */
	// The deprecated Spring @Nullable is the marker for optional parameters that both Spring Boot
	// 3.5 and 4.0 read; Spring Boot 3.5 does not read JSpecify's.
	@SuppressWarnings("deprecation")
	@WriteOperation
	public WebEndpointResponse<Object> update(@Selector String name, @Nullable String state,
			@Nullable String action) {
		BreakerDetailsDescriptor updated;
		try {
			updated = this.delegate.update(name, state, action);
		}
		catch (InvalidEndpointRequestException ex) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, "Bad Request", ex.getReason());
		}
		if (updated == null) {
			return error(WebEndpointResponse.STATUS_NOT_FOUND, "Not Found", this.delegate.notFoundMessage(name));
		}
		return new WebEndpointResponse<>(updated, WebEndpointResponse.STATUS_OK);
	}

	private static WebEndpointResponse<Object> error(int status, String error, String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", status);
		body.put("error", error);
		body.put("message", message);
		return new WebEndpointResponse<>(body, status);
	}

}
