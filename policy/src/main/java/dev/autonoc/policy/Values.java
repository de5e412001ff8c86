package dev.autonoc.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings JSON-like values into the shapes CEL evaluates without surprises, and prints CEL results
 * for messages.
 */
final class Values {

    private Values() {}

    /**
     * Every number becomes a {@code Double}: with a {@code map<string, dyn>} variable, CEL finds no
     * overload for a {@code Long}, {@code Integer} or {@code BigDecimal} compared with a double
     * literal (DEPENDENCIES.md). Maps get string keys, lists stay lists, booleans and strings stay
     * as they are, null entries are dropped (so {@code has()} says false), anything else becomes
     * its text.
     */
    static Object normalise(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Map<?, ?> map) {
            return normaliseMap(map);
        }
        if (value instanceof Collection<?> items) {
            List<Object> out = new ArrayList<>(items.size());
            for (Object item : items) {
                Object v = normalise(item);
                if (v != null) {
                    out.add(v);
                }
            }
            return out;
        }
        if (value instanceof Object[] array) {
            return normalise(List.of(array));
        }
        return value.toString();
    }

    static Map<String, Object> normaliseMap(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object v = normalise(e.getValue());
            if (e.getKey() != null && v != null) {
                out.put(e.getKey().toString(), v);
            }
        }
        return out;
    }

    /**
     * A CEL result as a person reads it: whole doubles without a decimal point ({@code 1200}),
     * other doubles to at most four decimals ({@code 0.8532}); the same value always prints the
     * same, whatever the locale.
     */
    static String format(Object value) {
        if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return d.toString();
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                // a whole number, the usual case (money, counts): what the general path prints
                return Long.toString((long) d.doubleValue());
            }
            return BigDecimal.valueOf(d)
                    .setScale(4, RoundingMode.HALF_EVEN)
                    .stripTrailingZeros()
                    .toPlainString();
        }
        if (value instanceof Collection<?> items) {
            List<String> parts = new ArrayList<>();
            items.forEach(i -> parts.add(format(i)));
            return "[" + String.join(", ", parts) + "]";
        }
        return String.valueOf(value);
    }
}
