package dev.autonoc.tools.catalogue;

import dev.autonoc.core.tool.InvalidArgumentsException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tool's arguments object: renders itself as JSON Schema (draft 2020-12) and validates a call's
 * arguments against the same definition. The schemas are small and flat, so a hand-written check is
 * enough and gives messages that name the argument and what it accepts.
 */
final class ArgumentSchema {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String tool;
    private final List<Arg> args;
    private final String json;

    ArgumentSchema(String tool, List<Arg> args) {
        this.tool = tool;
        this.args = List.copyOf(args);
        this.json = JSON.writeValueAsString(toMap());
    }

    String json() {
        return json;
    }

    List<Arg> args() {
        return args;
    }

    private Map<String, Object> toMap() {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Arg arg : args) {
            Map<String, Object> property = new LinkedHashMap<>();
            property.put("type", arg.type().json);
            property.put("description", arg.description());
            if (arg.type() == Arg.Type.STRING && arg.allowed().isEmpty()) {
                property.put("minLength", 1);
                property.put("maxLength", arg.maxLength());
                arg.pattern().ifPresent(p -> property.put("pattern", p));
            }
            if (!arg.allowed().isEmpty()) {
                property.put("enum", arg.allowed());
            }
            if (arg.dateTime()) {
                property.put("format", "date-time");
            }
            arg.minimum()
                    .ifPresent(
                            m ->
                                    property.put(
                                            arg.exclusiveMinimum() ? "exclusiveMinimum" : "minimum",
                                            number(arg, m)));
            arg.maximum().ifPresent(m -> property.put("maximum", number(arg, m)));
            arg.defaultValue().ifPresent(d -> property.put("default", d));
            properties.put(arg.name(), property);
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", args.stream().filter(Arg::required).map(Arg::name).toList());
        schema.put("additionalProperties", false);
        return schema;
    }

    private static Object number(Arg arg, double value) {
        return arg.type() == Arg.Type.INTEGER ? (Object) (long) value : (Object) value;
    }

    /** Checks the arguments, answering the first misfit with a message naming it. */
    Args validate(Map<String, Object> arguments) {
        if (arguments == null) {
            throw invalid("arguments are missing; expected an object" + acceptedNames());
        }
        List<String> unknown = new ArrayList<>();
        for (String key : arguments.keySet()) {
            if (args.stream().noneMatch(a -> a.name().equals(key))) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            List<String> shown =
                    unknown.stream()
                            .limit(5)
                            .map(k -> k.length() > 40 ? k.substring(0, 40) + "..." : k)
                            .toList();
            throw invalid(
                    "unknown argument(s) "
                            + shown
                            + (unknown.size() > shown.size()
                                    ? " and " + (unknown.size() - shown.size()) + " more"
                                    : "")
                            + acceptedNames());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Arg arg : args) {
            Object value = arguments.get(arg.name());
            if (value == null) {
                if (arg.required()) {
                    throw invalid(
                            "missing argument '"
                                    + arg.name()
                                    + "' ("
                                    + arg.description()
                                    + "); accepted: "
                                    + arg.accepted());
                }
                if (arg.defaultValue().isPresent()) {
                    values.put(arg.name(), arg.defaultValue().get());
                }
                continue;
            }
            values.put(arg.name(), check(arg, value));
        }
        return new Args(tool, values);
    }

    private Object check(Arg arg, Object value) {
        return switch (arg.type()) {
            case STRING -> checkString(arg, value);
            case BOOLEAN -> {
                if (!(value instanceof Boolean)) {
                    throw misfit(arg, value);
                }
                yield value;
            }
            case INTEGER -> {
                if (!(value instanceof Number number)
                        || !Double.isFinite(number.doubleValue())
                        || number.doubleValue() != Math.rint(number.doubleValue())) {
                    throw misfit(arg, value);
                }
                checkRange(arg, number.doubleValue(), value);
                yield number.longValue();
            }
            case NUMBER -> {
                if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
                    throw misfit(arg, value);
                }
                checkRange(arg, number.doubleValue(), value);
                yield number.doubleValue();
            }
        };
    }

    private Object checkString(Arg arg, Object value) {
        if (!(value instanceof String text) || text.isBlank()) {
            throw misfit(arg, value);
        }
        if (text.length() > arg.maxLength()
                || arg.pattern().map(p -> !patternOf(p).matcher(text).matches()).orElse(false)) {
            throw misfit(arg, value);
        }
        if (!arg.allowed().isEmpty() && !arg.allowed().contains(text)) {
            throw misfit(arg, value);
        }
        if (arg.dateTime()) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw misfit(arg, value);
            }
        }
        return text;
    }

    private void checkRange(Arg arg, double number, Object value) {
        boolean low =
                arg.minimum()
                        .map(m -> arg.exclusiveMinimum() ? number <= m : number < m)
                        .orElse(false);
        boolean high = arg.maximum().map(m -> number > m).orElse(false);
        if (low || high) {
            throw misfit(arg, value);
        }
    }

    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private static Pattern patternOf(String regex) {
        return PATTERNS.computeIfAbsent(regex, Pattern::compile);
    }

    /** How long a refused value may be shown in the error: a bounded message for any input. */
    static final int SHOWN_MAX = 80;

    private InvalidArgumentsException misfit(Arg arg, Object value) {
        String text = String.valueOf(value);
        if (text.length() > SHOWN_MAX) {
            text = text.substring(0, SHOWN_MAX) + "... (" + text.length() + " characters)";
        }
        String shown = value instanceof String ? "'" + text + "'" : text;
        return invalid(
                "argument '"
                        + arg.name()
                        + "' must be "
                        + arg.accepted()
                        + "; got "
                        + shown
                        + " ("
                        + value.getClass().getSimpleName()
                        + ")");
    }

    private String acceptedNames() {
        return args.isEmpty()
                ? "; this tool takes no arguments"
                : "; accepted: "
                        + args.stream()
                                .map(a -> a.name() + (a.required() ? "" : "?"))
                                .collect(Collectors.joining(", "));
    }

    private InvalidArgumentsException invalid(String message) {
        return new InvalidArgumentsException(tool, message);
    }

    /** Validated arguments, typed. */
    record Args(String tool, Map<String, Object> values) {

        String string(String name) {
            return (String) require(name);
        }

        Optional<String> optionalString(String name) {
            return Optional.ofNullable((String) values.get(name));
        }

        long integer(String name) {
            return (Long) require(name);
        }

        double number(String name) {
            return (Double) require(name);
        }

        boolean bool(String name) {
            return (Boolean) require(name);
        }

        Instant instant(String name) {
            return (Instant) require(name);
        }

        private Object require(String name) {
            Object value = values.get(name);
            if (value == null) {
                throw new IllegalStateException(
                        tool + ": argument '" + name + "' was not validated");
            }
            return value;
        }
    }
}
