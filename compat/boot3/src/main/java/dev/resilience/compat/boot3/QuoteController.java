package dev.resilience.compat.boot3;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the quotes of {@link QuoteService} over HTTP.
 */
@RestController
class QuoteController {

	private final QuoteService quoteService;

	QuoteController(QuoteService quoteService) {
		this.quoteService = quoteService;
	}

	@GetMapping("/quotes/flaky/{symbol}")
	String flaky(@PathVariable String symbol) {
		return this.quoteService.flaky(symbol);
	}

	@GetMapping("/quotes/guarded/{symbol}")
	String guarded(@PathVariable String symbol) {
		return this.quoteService.guarded(symbol);
	}

}
