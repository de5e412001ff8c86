package dev.autonoc.core.planner.llm;

import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON text to and from the JSON-like trees the tools speak (Map, List, String, Long/Double,
 * Boolean, null), through Jackson. Whole numbers read as {@code Long}, as the tools expect; maps
 * are written with their keys sorted, so the same tree is always the same text.
 */
final class Json {

    static final JsonMapper MAPPER =
            JsonMapper.builder()
                    .enable(DeserializationFeature.USE_LONG_FOR_INTS)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                    // the tools build maps in no fixed order: sorted keys make a prompt, and so a
                    // recording's key, the same in every run
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .build();

    private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {};

    /**
     * Parses a JSON object; blank text is the empty object (a model may send no arguments).
     *
     * @throws IllegalArgumentException naming where the text is malformed, or that it is not an
     *     object
     */
    static Map<String, Object> parseObject(String text) {
        String body = text == null || text.isBlank() ? "{}" : text;
        if (!body.stripLeading().startsWith("{")) {
            throw new IllegalArgumentException("expected a JSON object, got " + clip(body));
        }
        try {
            return MAPPER.readValue(body, TREE);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** At most 80 characters of a refused text, so an error message stays readable. */
    static String clip(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private Json() {}
}
