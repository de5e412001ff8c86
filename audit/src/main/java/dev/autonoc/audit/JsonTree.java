package dev.autonoc.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * Strict RFC 8259 JSON text into the plain tree {@link CanonicalJson} works on, read by Jackson's
 * streaming parser (strict by default: no comments, trailing commas, leading zeros, NaN or
 * unescaped control characters). The tree is built here rather than by Jackson's databind so that
 * what {@link CanonicalJson#parse} promises holds with no configuration to drift: integers as Long
 * (BigInteger past a long's range), every other number as Double, unmodifiable maps in text order
 * and lists, duplicate keys and values nested deeper than {@link CanonicalJson#MAX_DEPTH} refused.
 */
final class JsonTree {

    /** Jackson's own limits lifted: a stored event is read whole, as it was written. */
    private static final JsonFactory JSON =
            JsonFactory.builder()
                    .streamReadConstraints(
                            StreamReadConstraints.builder()
                                    .maxNestingDepth(Integer.MAX_VALUE)
                                    .maxNumberLength(Integer.MAX_VALUE)
                                    .maxStringLength(Integer.MAX_VALUE)
                                    .maxNameLength(Integer.MAX_VALUE)
                                    .build())
                    .build();

    private JsonTree() {}

    /**
     * The tree of {@code text}, one JSON value with only whitespace around it.
     *
     * @throws CanonicalJsonException saying what is wrong and at which offset
     */
    static Object parse(String text) {
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw error("unexpected end of text, a value was expected", text.length());
            }
            Object value = value(parser, first, 0);
            int end = (int) parser.currentLocation().getCharOffset();
            while (end < text.length() && isWhitespace(text.charAt(end))) {
                end++;
            }
            if (end != text.length()) {
                throw error("unexpected text after the JSON value", end);
            }
            return value;
        } catch (JacksonException e) {
            String problem = e.getOriginalMessage();
            // an unclosed array or object names where it opened, as a source it does not show
            int marker = problem.indexOf(" (start marker at ");
            throw error(
                    marker < 0 ? problem : problem.substring(0, marker),
                    e.getLocation() == null ? -1 : e.getLocation().getCharOffset());
        }
    }

    private static Object value(JsonParser parser, JsonToken token, int depth) {
        if (depth > CanonicalJson.MAX_DEPTH) {
            throw error(
                    "nested deeper than " + CanonicalJson.MAX_DEPTH + " levels",
                    parser.currentTokenLocation().getCharOffset());
        }
        return switch (token) {
            case START_OBJECT -> object(parser, depth);
            case START_ARRAY -> array(parser, depth);
            case VALUE_STRING -> parser.getString();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT ->
                    parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                            ? parser.getBigIntegerValue()
                            : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> finite(parser);
            default ->
                    throw error(
                            "unexpected " + token, parser.currentTokenLocation().getCharOffset());
        };
    }

    private static Map<String, Object> object(JsonParser parser, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String key = parser.currentName();
            long keyAt = parser.currentTokenLocation().getCharOffset();
            Object value = value(parser, parser.nextToken(), depth + 1);
            if (map.containsKey(key)) {
                throw error("duplicate key '" + key + "'", keyAt);
            }
            map.put(key, value);
        }
        return Collections.unmodifiableMap(map);
    }

    private static List<Object> array(JsonParser parser, int depth) {
        List<Object> list = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            list.add(value(parser, t, depth + 1));
        }
        return Collections.unmodifiableList(list);
    }

    private static Double finite(JsonParser parser) {
        double d = parser.getDoubleValue();
        if (Double.isInfinite(d)) {
            throw error(
                    "the number " + parser.getString() + " is beyond the range of a double",
                    parser.currentTokenLocation().getCharOffset());
        }
        return d;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static CanonicalJsonException error(String problem, long offset) {
        return new CanonicalJsonException(
                "", "not valid JSON: " + problem + " at offset " + offset);
    }
}
