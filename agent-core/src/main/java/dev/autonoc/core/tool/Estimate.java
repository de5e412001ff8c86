package dev.autonoc.core.tool;

import java.util.Map;
import java.util.Objects;

/**
 * What a call would cost and risk, computed before it runs, with the facts the policy decides on
 * ({@code in_shift}, {@code max_utilization_after}, {@code sites_isolated}, ...). Facts are a
 * JSON-like map whose numbers are doubles.
 */
public record Estimate(double costGbp, Risk risk, Map<String, Object> facts) {

    public Estimate {
        Objects.requireNonNull(risk, "risk");
        facts = Map.copyOf(facts);
        if (!(costGbp >= 0.0)) {
            throw new IllegalArgumentException("cost must be >= 0, got " + costGbp);
        }
    }

    public static Estimate free(Risk risk) {
        return new Estimate(0.0, risk, Map.of());
    }
}
