package dev.autonoc.service.planner;

import dev.autonoc.core.planner.llm.LlmSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code autonoc.llm.*}: the model of the llm and hybrid planners, as {@link LlmSettings} reads
 * them ({@code base-url}, {@code model}, {@code api-key-env}, {@code timeout}, {@code temperature},
 * {@code max-tokens}, {@code seed}, {@code max-turns}, and {@code price.input}, {@code
 * price.output}, {@code price.currency}: what 1,000 tokens cost, for the ledger and the case page;
 * unpriced by default). Unset keys keep LlmSettings' defaults.
 */
@ConfigurationProperties("autonoc.llm")
record LlmProperties(
        String baseUrl,
        String model,
        String apiKeyEnv,
        String timeout,
        String temperature,
        String maxTokens,
        String seed,
        String maxTurns,
        PriceProperties price) {

    /** {@code autonoc.llm.price.*}: per 1,000 input and output tokens, and the currency. */
    record PriceProperties(String input, String output, String currency) {}

    LlmSettings settings() {
        Map<String, String> values = new LinkedHashMap<>();
        put(values, "base-url", baseUrl);
        put(values, "model", model);
        put(values, "api-key-env", apiKeyEnv);
        put(values, "timeout", timeout);
        put(values, "temperature", temperature);
        put(values, "max-tokens", maxTokens);
        put(values, "seed", seed);
        put(values, "max-turns", maxTurns);
        if (price != null) {
            put(values, "price-input", price.input());
            put(values, "price-output", price.output());
            put(values, "price-currency", price.currency());
        }
        if (!values.containsKey("base-url") || !values.containsKey("model")) {
            throw new IllegalArgumentException(
                    "autonoc.planner asks a language model: set autonoc.llm.base-url (e.g."
                            + " http://localhost:11434/v1) and autonoc.llm.model");
        }
        return LlmSettings.from(values, Optional.empty());
    }

    private static void put(Map<String, String> values, String key, String value) {
        if (value != null && !value.isBlank()) {
            values.put(key, value);
        }
    }
}
