package dev.resilience.sample.quote;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.resilience.sample.Sku;

/**
 * Serves price quotes: {@code GET /quotes/{sku}}.
 *
 * <p>Thread-safe: it delegates to {@link QuoteService}.
 */
@RestController
public class QuoteController {

	private final QuoteService quoteService;

	QuoteController(QuoteService quoteService) {
		this.quoteService = quoteService;
	}

	/**
	 * Quotes the price of a SKU. The response is HTTP 200 also when the pricing API fails, with
	 * the source {@value Quote#SOURCE_FALLBACK}.
	 * @param sku the SKU to quote
	 * @return the quote
	 */
	@GetMapping("/quotes/{sku}")
	public Quote quote(@PathVariable String sku) {
		return this.quoteService.quote(Sku.requireValid(sku));
	}

}
