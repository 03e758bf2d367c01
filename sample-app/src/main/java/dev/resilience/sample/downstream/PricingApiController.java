package dev.resilience.sample.downstream;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.resilience.sample.Sku;

/**
 * Pricing API that plays the part of a remote service. It returns the price of a SKU, after the
 * latency and with the share of HTTP 503 failures set through {@code PUT /chaos}.
 *
 * <p>Thread-safe: each request reads the fault injection settings once.
 */
@RestController
public class PricingApiController {

	private final FaultInjector faultInjector;

	PricingApiController(FaultInjector faultInjector) {
		this.faultInjector = faultInjector;
	}

	/**
	 * Returns the price of a SKU, or HTTP 503 when fault injection decides that this request fails.
	 * @param sku the SKU to price
	 * @return the price, or a problem detail with status 503
	 */
	@GetMapping("/downstream/prices/{sku}")
	public ResponseEntity<?> price(@PathVariable String sku) {
		Sku.requireValid(sku);
		ChaosSettings settings = this.faultInjector.getSettings();

		if (!delay(settings.latency())) {
			return unavailable("Pricing was interrupted while applying the injected latency");
		}

		if (this.faultInjector.shouldFail(settings)) {
			return unavailable("Pricing is unavailable: fault injected with failureRate " + settings.failureRate()
					+ "; set it to 0 with PUT /chaos");
		}
		return ResponseEntity.ok(new PriceView(sku, priceOf(sku)));
	}

	/**
	 * Computes the price of a SKU, from 1.00 to 999.99, always the same for the same SKU.
	 * @param sku the SKU
	 * @return the price, with two decimal places
	 */
	static BigDecimal priceOf(String sku) {
		CRC32 checksum = new CRC32();
		checksum.update(sku.getBytes(StandardCharsets.UTF_8));
		long cents = 100 + checksum.getValue() % 99_900;
		return BigDecimal.valueOf(cents, 2);
	}

	private static boolean delay(Duration latency) {
		if (latency.isZero()) {
			return true;
		}
		try {
			TimeUnit.NANOSECONDS.sleep(latency.toNanos());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static ResponseEntity<ProblemDetail> unavailable(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
		problem.setTitle("Pricing unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem);
	}

}
