package dev.resilience.sample.downstream;

import java.math.BigDecimal;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the price computation of {@link PricingApiController}. The HTTP behaviour is covered
 * end to end by {@code SampleApplicationEndToEndTests}.
 */
class PricingApiControllerTests {

	@Test
	void priceIsStableForSameSku() {
		assertThat(PricingApiController.priceOf("BOOK-42")).isEqualTo(PricingApiController.priceOf("BOOK-42"));
	}

	@Test
	void priceDiffersBetweenSkus() {
		assertThat(PricingApiController.priceOf("BOOK-42")).isNotEqualTo(PricingApiController.priceOf("BOOK-43"));
	}

	@Test
	void priceHasCentsBetweenOneAndThousand() {
		IntStream.range(0, 2_000).mapToObj((i) -> PricingApiController.priceOf("SKU-" + i)).forEach((price) -> {
			assertThat(price.scale()).isEqualTo(2);
			assertThat(price).isBetween(new BigDecimal("1.00"), new BigDecimal("999.99"));
		});
	}

}
