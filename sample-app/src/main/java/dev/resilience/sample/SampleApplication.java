package dev.resilience.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Sample application that serves a flaky pricing API and quotes prices from it through
 * {@code @Retryable} and {@code @CircuitGuarded}.
 *
 * <p>The pricing API under {@code /downstream} and its caller run in the same process, so the
 * demo needs nothing but this jar. The caller still goes through real HTTP on the loopback
 * interface, which makes the failures (HTTP 503, read timeouts) the same as with a remote service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleApplication {

	/**
	 * Starts the sample application.
	 * @param args command-line arguments, for example {@code --server.port=9090}
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
