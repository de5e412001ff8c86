package dev.autonoc.audit;

import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Canonical JSON in the style of RFC 8785 (JCS), so that the same event always gives the same bytes
 * and so the same hash.
 *
 * <ul>
 *   <li>Object keys sorted by UTF-16 code units; no whitespace.
 *   <li>Strings escaped minimally: {@code \"}, {@code \\}, {@code \b \f \n \r \t}, other control
 *       characters as <code>&#92;u00xx</code>; everything else as itself. Lone surrogates are
 *       refused.
 *   <li>Integers (Integer, Long, Short, Byte, BigInteger, integral BigDecimal) as their exact
 *       digits. RFC 8785 would round integers above 2^53 to a double; an audit record must not lose
 *       a counter's or an id's digits, so we keep them exact.
 *   <li>Doubles (and Floats, and fractional BigDecimals, by their double value) in ECMAScript's
 *       shortest round-trip form, {@code -0} as {@code 0}; NaN and Infinity are refused.
 * </ul>
 *
 * <p>Reading back ({@link #parse}) gives Long (BigInteger past the range of a long) for numbers
 * written without fraction or exponent and Double for the others, so a payload's {@code 1.0} comes
 * back as {@code 1L}: read payload numbers through {@link Number}. The canonical text, and so the
 * hash, is the same either way.
 */
public final class CanonicalJson {

    /** Deeper trees are refused, which also stops a map that contains itself. */
    static final int MAX_DEPTH = 64;

    private static final Set<String> EVENT_KEYS =
            Set.of("actor", "correlation_id", "element", "payload", "sim_time", "type");

    private CanonicalJson() {}

    /**
     * The canonical JSON of a JSON-like tree: String, Boolean, a Number as listed above, List, Map
     * with String keys, or null.
     *
     * @throws CanonicalJsonException naming the path to the value that has no canonical form
     */
    public static String canonicalise(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(out, value, 0);
        return out.toString();
    }

    /**
     * The canonical JSON of an event: {@code {actor, correlation_id, element, payload, sim_time,
     * type}} with {@code sim_time} as ISO-8601 UTC ({@link Instant#toString()}).
     */
    public static String event(AuditEvent event) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"actor\":");
        writeString(out, event.actor(), "actor");
        out.append(",\"correlation_id\":");
        writeString(out, event.correlationId(), "correlation_id");
        out.append(",\"element\":");
        writeString(out, event.element(), "element");
        out.append(",\"payload\":");
        try {
            write(out, event.payload(), 0);
        } catch (CanonicalJsonException e) {
            throw e.under("payload");
        }
        out.append(",\"sim_time\":\"").append(event.simTime()).append('"');
        out.append(",\"type\":\"").append(event.type().name()).append("\"}");
        return out.toString();
    }

    /**
     * Parses JSON text (RFC 8259, duplicate keys refused) into the tree {@link #canonicalise}
     * accepts: unmodifiable maps and lists, String, Boolean, Long, BigInteger, Double, null.
     */
    public static Object parse(String json) {
        return JsonTree.parse(json);
    }

    /** Parses an event written by {@link #event}; every key must be there and no other. */
    public static AuditEvent parseEvent(String json) {
        if (!(parse(json) instanceof Map<?, ?> tree)) {
            throw new CanonicalJsonException("", "an event must be a JSON object");
        }
        if (!tree.keySet().equals(EVENT_KEYS)) {
            throw new CanonicalJsonException(
                    "", "an event has exactly the keys " + EVENT_KEYS + ", found " + tree.keySet());
        }
        String typeName = text(tree, "type");
        AuditEventType type;
        try {
            type = AuditEventType.valueOf(typeName);
        } catch (IllegalArgumentException e) {
            throw new CanonicalJsonException(
                    "type",
                    "unknown event type '"
                            + typeName
                            + "', accepted: "
                            + Arrays.toString(AuditEventType.values()));
        }
        Instant simTime;
        try {
            simTime = Instant.parse(text(tree, "sim_time"));
        } catch (DateTimeException e) {
            throw new CanonicalJsonException(
                    "sim_time", "not an ISO-8601 UTC instant: " + e.getMessage());
        }
        if (!(tree.get("payload") instanceof Map<?, ?> payload)) {
            throw new CanonicalJsonException("payload", "the payload must be a JSON object");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : payload.entrySet()) {
            if (e.getValue() == null) {
                // AuditEvent copies its payload with Map.copyOf, which holds no null values.
                throw new CanonicalJsonException(
                        "payload." + e.getKey(), "a top-level payload value cannot be null");
            }
            values.put((String) e.getKey(), e.getValue());
        }
        return new AuditEvent(
                type,
                text(tree, "correlation_id"),
                text(tree, "element"),
                text(tree, "actor"),
                simTime,
                values);
    }

    private static String text(Map<?, ?> tree, String key) {
        if (tree.get(key) instanceof String s) {
            return s;
        }
        throw new CanonicalJsonException(key, "must be a JSON string");
    }

    private static void write(StringBuilder out, Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new CanonicalJsonException(
                    "", "nested deeper than " + MAX_DEPTH + " levels (or contains itself)");
        }
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(out, s, "");
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof Byte) {
            out.append(((Number) value).longValue());
        } else if (value instanceof Double d) {
            out.append(EcmaNumbers.format(d));
        } else if (value instanceof Float f) {
            // The float's exact value, not Float.toString's digits, which differ between JDKs.
            out.append(EcmaNumbers.format(f.doubleValue()));
        } else if (value instanceof BigInteger i) {
            out.append(i);
        } else if (value instanceof BigDecimal d) {
            writeBigDecimal(out, d);
        } else if (value instanceof Map<?, ?> map) {
            writeObject(out, map, depth);
        } else if (value instanceof List<?> list) {
            out.append('[');
            int i = 0;
            for (Object item : list) {
                if (i > 0) {
                    out.append(',');
                }
                try {
                    write(out, item, depth + 1);
                } catch (CanonicalJsonException e) {
                    throw e.at(i);
                }
                i++;
            }
            out.append(']');
        } else {
            throw new CanonicalJsonException(
                    "",
                    "a "
                            + value.getClass().getName()
                            + " has no JSON form; accepted: String, Boolean, Integer, Long,"
                            + " Double, Float, BigInteger, BigDecimal, List, Map with String"
                            + " keys, null");
        }
    }

    private static void writeObject(StringBuilder out, Map<?, ?> map, int depth) {
        String[] keys = new String[map.size()];
        int n = 0;
        for (Object key : map.keySet()) {
            if (!(key instanceof String s)) {
                throw new CanonicalJsonException(
                        String.valueOf(key),
                        "map keys must be Strings, found a "
                                + (key == null ? "null" : key.getClass().getName()));
            }
            keys[n++] = s;
        }
        Arrays.sort(keys); // String order is UTF-16 code unit order, as RFC 8785 wants
        out.append('{');
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            writeString(out, keys[i], keys[i]);
            out.append(':');
            try {
                write(out, map.get(keys[i]), depth + 1);
            } catch (CanonicalJsonException e) {
                throw e.under(keys[i]);
            }
        }
        out.append('}');
    }

    private static void writeBigDecimal(StringBuilder out, BigDecimal d) {
        BigDecimal stripped = d.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            if (stripped.precision() - stripped.scale() > 1000) {
                throw new CanonicalJsonException(
                        "", "an integer of more than 1000 digits is refused: " + d);
            }
            out.append(stripped.toBigIntegerExact());
            return;
        }
        double asDouble = d.doubleValue();
        if (Double.isInfinite(asDouble)) {
            throw new CanonicalJsonException("", d + " is beyond the range of a double");
        }
        // A fractional JSON number is read back as a double, so only its double value is stable.
        out.append(EcmaNumbers.format(asDouble));
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static void writeString(StringBuilder out, String s, String path) {
        out.append('"');
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else if (Character.isSurrogate(c)) {
                        if (Character.isHighSurrogate(c)
                                && i + 1 < length
                                && Character.isLowSurrogate(s.charAt(i + 1))) {
                            out.append(c).append(s.charAt(++i));
                        } else {
                            throw new CanonicalJsonException(
                                    path,
                                    "a string holds a lone surrogate U+"
                                            + Integer.toHexString(c)
                                                    .toUpperCase(java.util.Locale.ROOT)
                                            + " at index "
                                            + i
                                            + "; RFC 8785 refuses text that is not valid Unicode");
                        }
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
