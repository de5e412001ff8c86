package dev.autonoc.tools.catalogue;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One argument of a tool: the piece of JSON Schema it stands for, and what validation accepts. Kept
 * as data so that the schema text a planner reads and the check a call passes are one thing.
 */
record Arg(
        String name,
        Type type,
        String description,
        boolean required,
        List<String> allowed,
        Optional<Double> minimum,
        Optional<Double> maximum,
        boolean exclusiveMinimum,
        boolean dateTime,
        Optional<Object> defaultValue) {

    /** The JSON types our schemas use. */
    enum Type {
        STRING("string"),
        INTEGER("integer"),
        NUMBER("number"),
        BOOLEAN("boolean");

        final String json;

        Type(String json) {
            this.json = json;
        }
    }

    Arg {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        allowed = List.copyOf(allowed);
    }

    static Arg string(String name, String description) {
        return new Arg(
                name,
                Type.STRING,
                description,
                true,
                List.of(),
                Optional.empty(),
                Optional.empty(),
                false,
                false,
                Optional.empty());
    }

    static Arg integer(String name, String description, long minimum, long maximum) {
        return new Arg(
                name,
                Type.INTEGER,
                description,
                true,
                List.of(),
                Optional.of((double) minimum),
                Optional.of((double) maximum),
                false,
                false,
                Optional.empty());
    }

    /** A number above zero. */
    static Arg positiveNumber(String name, String description) {
        return new Arg(
                name,
                Type.NUMBER,
                description,
                true,
                List.of(),
                Optional.of(0.0),
                Optional.empty(),
                true,
                false,
                Optional.empty());
    }

    static Arg bool(String name, String description) {
        return new Arg(
                name,
                Type.BOOLEAN,
                description,
                true,
                List.of(),
                Optional.empty(),
                Optional.empty(),
                false,
                false,
                Optional.empty());
    }

    Arg optional() {
        return new Arg(
                name,
                type,
                description,
                false,
                allowed,
                minimum,
                maximum,
                exclusiveMinimum,
                dateTime,
                defaultValue);
    }

    Arg withDefault(Object value) {
        return new Arg(
                name,
                type,
                description,
                false,
                allowed,
                minimum,
                maximum,
                exclusiveMinimum,
                dateTime,
                Optional.of(value));
    }

    Arg oneOf(List<String> values) {
        return new Arg(
                name,
                type,
                description,
                required,
                values,
                minimum,
                maximum,
                exclusiveMinimum,
                dateTime,
                defaultValue);
    }

    Arg asDateTime() {
        return new Arg(
                name,
                type,
                description,
                required,
                allowed,
                minimum,
                maximum,
                exclusiveMinimum,
                true,
                defaultValue);
    }

    /** The accepted values in words, for error messages. */
    String accepted() {
        return switch (type) {
            case STRING -> {
                if (!allowed.isEmpty()) {
                    yield "one of " + String.join(", ", allowed);
                }
                yield dateTime
                        ? "an ISO-8601 instant such as 2025-01-08T10:00:00Z"
                        : "a non-empty string";
            }
            case BOOLEAN -> "true or false";
            case INTEGER -> "a whole number" + range();
            case NUMBER -> "a number" + range();
        };
    }

    private String range() {
        String low =
                minimum.map(m -> (exclusiveMinimum ? " above " : " from ") + plain(m)).orElse("");
        String high = maximum.map(m -> " up to " + plain(m)).orElse("");
        return low + high;
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
