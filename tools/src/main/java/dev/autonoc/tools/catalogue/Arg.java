package dev.autonoc.tools.catalogue;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One argument of a tool: the piece of JSON Schema it stands for, and what validation accepts. Kept
 * as data so that the schema text a planner reads and the check a call passes are one thing.
 *
 * <p>Every argument is bounded, because every call, valid or not, is written to an append-only
 * ledger and read by people: a string has a length limit and a pattern, a number a range. A string
 * argument named like an identifier ({@code *_id}, {@code site}, {@code region}, {@code part}) is
 * an identifier: up to {@link #ID_MAX_LENGTH} letters, digits and {@code . _ : / -}, starting with
 * a letter or digit; any other string is text of up to {@link #TEXT_MAX_LENGTH} characters without
 * control characters other than line breaks and tabs ({@link #maxLength(int)} sets another limit).
 *
 * @param maxLength the longest string accepted (strings only; 0 for other types)
 * @param pattern a regular expression the whole string must match (strings only)
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
        Optional<Object> defaultValue,
        int maxLength,
        Optional<String> pattern) {

    /** The longest identifier: element, case, engineer, customer ids, sites, regions, parts. */
    static final int ID_MAX_LENGTH = 64;

    /** An identifier: letters, digits and {@code . _ : / -}, starting with a letter or digit. */
    static final String ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._:/-]*$";

    /** The longest free text: a ticket note, a customer message, a reason. */
    static final int TEXT_MAX_LENGTH = 1000;

    /** Text without control characters other than tab, line feed and carriage return. */
    static final String TEXT_PATTERN = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$";

    /** An ISO-8601 instant's longest form, with an offset and nanoseconds. */
    static final int DATE_TIME_MAX_LENGTH = 40;

    /** The largest amount of money a tool takes, in GBP. */
    static final double MONEY_MAXIMUM = 1_000_000;

    /** The names that stand for identifiers besides those ending in {@code _id}. */
    private static final List<String> ID_NAMES = List.of("site", "region", "part");

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
        Objects.requireNonNull(pattern, "pattern");
        allowed = List.copyOf(allowed);
        if (type == Type.STRING && maxLength < 1) {
            throw new IllegalArgumentException(name + ": a string argument needs a length limit");
        }
        if ((type == Type.INTEGER || type == Type.NUMBER)
                && (minimum.isEmpty() || maximum.isEmpty())) {
            throw new IllegalArgumentException(name + ": a number argument needs a range");
        }
    }

    private static boolean identifier(String name) {
        return name.endsWith("_id") || ID_NAMES.contains(name);
    }

    static Arg string(String name, String description) {
        boolean id = identifier(name);
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
                Optional.empty(),
                id ? ID_MAX_LENGTH : TEXT_MAX_LENGTH,
                Optional.of(id ? ID_PATTERN : TEXT_PATTERN));
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
                Optional.empty(),
                0,
                Optional.empty());
    }

    /** A number above zero, up to {@link #MONEY_MAXIMUM} ({@link #atMost} sets another limit). */
    static Arg positiveNumber(String name, String description) {
        return new Arg(
                name,
                Type.NUMBER,
                description,
                true,
                List.of(),
                Optional.of(0.0),
                Optional.of(MONEY_MAXIMUM),
                true,
                false,
                Optional.empty(),
                0,
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
                Optional.empty(),
                0,
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
                defaultValue,
                maxLength,
                pattern);
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
                Optional.of(value),
                maxLength,
                pattern);
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
                defaultValue,
                maxLength,
                pattern);
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
                defaultValue,
                Math.min(maxLength, DATE_TIME_MAX_LENGTH),
                Optional.empty());
    }

    /** The same argument with another length limit (strings only). */
    Arg maxLength(int limit) {
        if (type != Type.STRING) {
            throw new IllegalArgumentException(name + ": only a string has a length limit");
        }
        return new Arg(
                name,
                type,
                description,
                required,
                allowed,
                minimum,
                maximum,
                exclusiveMinimum,
                dateTime,
                defaultValue,
                limit,
                pattern);
    }

    /** The same number with another upper limit. */
    Arg atMost(double limit) {
        return new Arg(
                name,
                type,
                description,
                required,
                allowed,
                minimum,
                Optional.of(limit),
                exclusiveMinimum,
                dateTime,
                defaultValue,
                maxLength,
                pattern);
    }

    /** The accepted values in words, for error messages. */
    String accepted() {
        return switch (type) {
            case STRING -> {
                if (!allowed.isEmpty()) {
                    yield "one of " + String.join(", ", allowed);
                }
                if (dateTime) {
                    yield "an ISO-8601 instant such as 2025-01-08T10:00:00Z";
                }
                yield pattern.filter(ID_PATTERN::equals).isPresent()
                        ? "an identifier of up to "
                                + maxLength
                                + " letters, digits and . _ : / - (starting with a letter or"
                                + " digit)"
                        : "a non-empty text of up to "
                                + maxLength
                                + " characters, without control characters";
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
