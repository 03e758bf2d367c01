package dev.resilience.sample;

import java.util.regex.Pattern;

import dev.resilience.sample.web.InvalidRequestValueException;

/**
 * Rule for stock keeping units (SKUs) accepted by the quote and pricing endpoints.
 */
public final class Sku {

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,39}");

	private Sku() {
	}

	/**
	 * Checks that a SKU is 1 to 40 characters of letters, digits and hyphens, starting with a
	 * letter or digit.
	 * @param sku the SKU from the request path
	 * @return the same SKU
	 * @throws InvalidRequestValueException if the SKU breaks the rule
	 */
	public static String requireValid(String sku) {
		if (!VALID.matcher(sku).matches()) {
			throw new InvalidRequestValueException("sku", sku, "sku must be 1 to 40 letters, digits or hyphens, "
					+ "starting with a letter or digit, but was \"" + sku + "\". Use for example \"BOOK-42\"");
		}
		return sku;
	}

}
