package dev.autonoc.core.planner.llm;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a model's tokens cost: a price per 1,000 input (prompt) tokens and per 1,000 output
 * (completion) tokens, in a currency, as the provider's price list says. Unpriced ({@link #NONE},
 * both prices 0) is the default: a local model has no bill, and a made-up figure would be worse
 * than none, so an unpriced consultation carries no cost and the reports say "not priced".
 *
 * @param inputPer1k the price of 1,000 input tokens, 0 or more
 * @param outputPer1k the price of 1,000 output tokens, 0 or more
 * @param currency an ISO 4217-like code of three capital letters (USD, EUR, GBP)
 */
public record Price(BigDecimal inputPer1k, BigDecimal outputPer1k, String currency) {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    /** Costs are kept to a millionth of the currency: a short answer costs fractions of a cent. */
    static final int SCALE = 6;

    /** Not priced: no cost is computed. (After the constants its constructor reads.) */
    public static final Price NONE = new Price(BigDecimal.ZERO, BigDecimal.ZERO, "USD");

    public Price {
        Objects.requireNonNull(inputPer1k, "inputPer1k");
        Objects.requireNonNull(outputPer1k, "outputPer1k");
        Objects.requireNonNull(currency, "currency");
        if (inputPer1k.signum() < 0 || outputPer1k.signum() < 0) {
            throw new IllegalArgumentException(
                    "a price per 1,000 tokens cannot be negative, got "
                            + inputPer1k.toPlainString()
                            + " in and "
                            + outputPer1k.toPlainString()
                            + " out");
        }
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException(
                    "the price's currency must be three capital letters (USD, EUR, GBP), got '"
                            + currency
                            + "'");
        }
    }

    /**
     * A price from settings' text.
     *
     * @param input the price of 1,000 input tokens, a plain decimal ({@code 0.15})
     * @param output likewise for output tokens
     * @param currency three letters, any case
     * @throws IllegalArgumentException naming the value that is not a price
     */
    public static Price parse(String input, String output, String currency) {
        return new Price(
                amount("price-input", input),
                amount("price-output", output),
                currency.trim().toUpperCase(Locale.ROOT));
    }

    private static BigDecimal amount(String key, String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    key
                            + " '"
                            + text
                            + "' is not a price; give the price of 1,000 tokens as a plain decimal, e.g. 0.15",
                    e);
        }
    }

    /** Whether any token costs anything; unpriced consultations carry no cost. */
    public boolean priced() {
        return inputPer1k.signum() > 0 || outputPer1k.signum() > 0;
    }

    /** What {@code inputTokens} in and {@code outputTokens} out cost, to {@value #SCALE} places. */
    public BigDecimal cost(long inputTokens, long outputTokens) {
        return inputPer1k
                .multiply(BigDecimal.valueOf(inputTokens))
                .add(outputPer1k.multiply(BigDecimal.valueOf(outputTokens)))
                .divide(THOUSAND, SCALE, RoundingMode.HALF_UP);
    }

    /** In words: {@code 0.15 / 0.6 USD per 1,000 tokens in / out}, or {@code not priced}. */
    @Override
    public String toString() {
        return priced()
                ? inputPer1k.stripTrailingZeros().toPlainString()
                        + " / "
                        + outputPer1k.stripTrailingZeros().toPlainString()
                        + " "
                        + currency
                        + " per 1,000 tokens in / out"
                : "not priced";
    }
}
