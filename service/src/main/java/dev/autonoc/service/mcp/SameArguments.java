package dev.autonoc.service.mcp;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether two argument trees are the same call's: as JSON, with numbers compared by value (the
 * ledger gives back {@code 2800} as a Long where a client sent an Integer, or {@code 2800.0}).
 */
final class SameArguments {

    private SameArguments() {}

    static boolean equal(Object a, Object b) {
        return normal(a == null ? Map.of() : a).equals(normal(b == null ? Map.of() : b));
    }

    private static Object normal(Object value) {
        if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), normal(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(normal(v)));
            return out;
        }
        if (value instanceof Number n) {
            try {
                BigDecimal d = new BigDecimal(n.toString()).stripTrailingZeros();
                return d.signum() == 0 ? BigDecimal.ZERO : d;
            } catch (NumberFormatException e) {
                return n.toString(); // NaN or infinity: never in a valid call
            }
        }
        return value;
    }
}
