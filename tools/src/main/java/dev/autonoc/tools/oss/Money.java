package dev.autonoc.tools.oss;

import java.util.Objects;

/** TMF Money: an amount in a currency ({@code GBP} throughout the operator). */
public record Money(double value, String unit) {

    public static final String GBP = "GBP";

    public Money {
        Objects.requireNonNull(unit, "unit");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("money value must be finite, got " + value);
        }
    }

    public static Money gbp(double value) {
        return new Money(value, GBP);
    }
}
