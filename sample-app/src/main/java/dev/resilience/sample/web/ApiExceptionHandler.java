package dev.resilience.sample.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns invalid client input into HTTP 400 responses whose {@code application/problem+json} body
 * describes what was wrong.
 *
 * <p>Thread-safe: the handler keeps no state.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

	/**
	 * Rejects an invalid value with HTTP 400, naming its field, the value and the rule it broke.
	 * @param exception the rejected value
	 * @return the problem detail, with the properties {@code field} and {@code rejectedValue}
	 */
	@ExceptionHandler
	ProblemDetail handleInvalidValue(InvalidRequestValueException exception) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, exception.getMessage());
		problem.setTitle("Invalid request value");
		problem.setProperty("field", exception.getField());
		problem.setProperty("rejectedValue", exception.getRejectedValue());
		return problem;
	}

}
