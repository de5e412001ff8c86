package dev.autonoc.evals.report;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The report's JSON: trees of maps, lists, strings, numbers and booleans, pretty-printed. */
final class Json {

    private static final JsonMapper MAPPER =
            JsonMapper.builder()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .defaultPrettyPrinter(
                            new DefaultPrettyPrinter()
                                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                                    .withArrayIndenter(new DefaultIndenter("  ", "\n")))
                    .build();

    private Json() {}

    static String write(Object tree) {
        return MAPPER.writeValueAsString(tree) + "\n";
    }

    /** Money and minutes to the penny: the twin's sums carry float dust that says nothing. */
    static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }

    /** A value as people read it in a one-line message. */
    static String text(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(Json::text).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .map(e -> e.getKey() + ": " + text(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }
}
