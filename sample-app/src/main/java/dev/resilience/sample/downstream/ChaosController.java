package dev.resilience.sample.downstream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads and changes the fault injection settings of the pricing API at runtime.
 *
 * <p>Thread-safe: the settings live in {@link FaultInjector}.
 */
@RestController
@RequestMapping("/chaos")
public class ChaosController {

	private static final Log logger = LogFactory.getLog(ChaosController.class);

	private final FaultInjector faultInjector;

	ChaosController(FaultInjector faultInjector) {
		this.faultInjector = faultInjector;
	}

	/**
	 * Returns the settings now in force.
	 * @return the settings
	 */
	@GetMapping
	public ChaosView get() {
		return ChaosView.of(this.faultInjector.getSettings());
	}

	/**
	 * Changes the settings. Fields left out of the body keep their current value.
	 * @param update the fields to change
	 * @return the settings now in force
	 */
	@PutMapping
	public ChaosView update(@RequestBody ChaosUpdate update) {
		ChaosSettings settings = this.faultInjector.update(update::applyTo);
		logger.info("Pricing API fault injection set to failureRate=" + settings.failureRate() + ", latency="
				+ settings.formattedLatency());
		return ChaosView.of(settings);
	}

	/**
	 * Rejects a body that is not JSON, or has a value of the wrong type, with HTTP 400.
	 * @param exception the parse failure
	 * @return the problem detail, with the parser's reason
	 */
	@ExceptionHandler
	ProblemDetail handleUnreadableBody(HttpMessageNotReadableException exception) {
		String reason = NestedExceptionUtils.getMostSpecificCause(exception).getMessage();
		String firstLine = (reason != null) ? reason.lines().findFirst().orElse("") : "";
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Chaos settings must be a JSON object such as {\"failureRate\": 0.5, \"latency\": \"200ms\"}. "
						+ "The JSON parser reported: " + firstLine);
		problem.setTitle("Unreadable chaos settings");
		return problem;
	}

}
