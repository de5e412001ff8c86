package dev.autonoc.service.store;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON the stores keep records in: the records' own components, instants and durations as
 * ISO-8601 text. Whole numbers in JSON-like trees (tool arguments, facts, decision context) come
 * back as {@code Long} and decimals as {@code Double}, the ledger's own types for such trees.
 */
final class StateJson {

    // a component added to a record after rows were stored reads as its default in those rows (a
    // false flag, say), as Jackson 2 did; Jackson 3 would refuse to read them at all
    private static final JsonMapper JSON =
            JsonMapper.builder()
                    .enable(DeserializationFeature.USE_LONG_FOR_INTS)
                    .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .build();

    private StateJson() {}

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new StoreException(
                    "cannot write " + value.getClass().getSimpleName() + " as JSON: " + e, e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JacksonException e) {
            throw new StoreException(
                    "cannot read a stored " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JacksonException e) {
            throw new StoreException("cannot read a stored value: " + e.getMessage(), e);
        }
    }
}
