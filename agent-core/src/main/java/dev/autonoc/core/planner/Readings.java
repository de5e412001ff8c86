package dev.autonoc.core.planner;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Typed access to the JSON-like outputs of read tools. A missing or mistyped key is a broken tool
 * contract (docs/tools.md), reported with the tool and key, never guessed around.
 */
final class Readings {

    private final String tool;
    private final Map<String, Object> map;

    Readings(String tool, Map<String, Object> map) {
        this.tool = tool;
        this.map = map;
    }

    String string(String key) {
        Object v = get(key);
        if (!(v instanceof String s)) {
            throw broken(key, "a string", v);
        }
        return s;
    }

    double number(String key) {
        Object v = get(key);
        if (!(v instanceof Number n)) {
            throw broken(key, "a number", v);
        }
        return n.doubleValue();
    }

    boolean bool(String key) {
        Object v = get(key);
        if (!(v instanceof Boolean b)) {
            throw broken(key, "a boolean", v);
        }
        return b;
    }

    boolean boolOr(String key, boolean fallback) {
        return map.get(key) instanceof Boolean b ? b : fallback;
    }

    double numberOr(String key, double fallback) {
        return map.get(key) instanceof Number n ? n.doubleValue() : fallback;
    }

    String stringOr(String key, String fallback) {
        return map.get(key) instanceof String s ? s : fallback;
    }

    boolean has(String key) {
        return map.get(key) != null;
    }

    Instant instant(String key) {
        return Instant.parse(string(key));
    }

    List<Readings> list(String key) {
        Object v = map.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw broken(key, "a list", v);
        }
        return list.stream().map(item -> of(key, item)).toList();
    }

    List<String> strings(String key) {
        Object v = map.get(key);
        if (!(v instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(String::valueOf).toList();
    }

    private Readings of(String key, Object item) {
        if (!(item instanceof Map<?, ?> m)) {
            throw broken(key + "[]", "an object", item);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) m;
        return new Readings(tool, typed);
    }

    private Object get(String key) {
        Object v = map.get(key);
        if (v == null) {
            throw broken(key, "present", null);
        }
        return v;
    }

    private IllegalStateException broken(String key, String expected, @Nullable Object found) {
        return new IllegalStateException(
                tool + " output: '" + key + "' should be " + expected + ", found " + found);
    }
}
