package dev.autonoc.service.connected;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the telemetry topic's messages (docs/connected-mode.md, "Messages", and the JSON
 * Schema docs/schemas/telemetry-message.schema.json). Reading checks the shape only: what a message
 * says about the network (is the element known, does it report that metric) is checked where the
 * network's inventory is ({@link ConnectedNetwork}).
 *
 * <p>Unknown top-level properties are ignored (a newer producer may add some); an unknown metric is
 * refused, since a misspelt metric would otherwise vanish without a trace.
 */
final class TelemetryMessages {

    static final String SAMPLE = "sample";
    static final String ALARM = "alarm";
    static final String ELEMENT = "element";
    static final String ELEMENT_REMOVED = "element-removed";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String METRIC_KEYS =
            Arrays.stream(Metric.values()).map(Metric::key).collect(Collectors.joining(", "));

    private TelemetryMessages() {}

    /** A message read, or why it cannot be. */
    sealed interface Read {}

    record Good(TelemetryMessage message) implements Read {}

    record Bad(Rejection why) implements Read {}

    /** Reads one record of the topic: its key (the element id) and its value (UTF-8 JSON). */
    static Read read(String key, byte[] value) {
        try {
            return new Good(parse(key, value));
        } catch (BadMessage e) {
            return new Bad(e.rejection);
        }
    }

    private static TelemetryMessage parse(String key, byte[] value) {
        if (value == null || value.length == 0) {
            throw bad("the message is empty; a JSON object with a \"type\" is expected");
        }
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (JacksonException e) {
            throw bad("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw bad("a JSON object with a \"type\" is expected, got " + kindOf(root));
        }
        String type = text(root, "type");
        String element = text(root, "element");
        if (key == null) {
            throw new BadMessage(
                    new Rejection(
                            Rejection.KEY_MISMATCH,
                            "the record has no key; key every message by its element id ('"
                                    + element
                                    + "'), so one element's messages stay in order"));
        }
        if (!key.equals(element)) {
            throw new BadMessage(
                    new Rejection(
                            Rejection.KEY_MISMATCH,
                            "the record's key '"
                                    + key
                                    + "' is not its element '"
                                    + element
                                    + "'; key every message by its element id"));
        }
        ElementId id = ElementId.of(element);
        Instant at = instant(root);
        return switch (type) {
            case SAMPLE -> new TelemetryMessage.Sample(new TelemetrySample(id, at, metrics(root)));
            case ALARM ->
                    new TelemetryMessage.AlarmRaised(
                            new Alarm(
                                    id,
                                    at,
                                    choice(root, "kind", Alarm.Kind.class),
                                    text(root, "probableCause")));
            case ELEMENT ->
                    new TelemetryMessage.ElementUpserted(
                            new Element(
                                    id,
                                    choice(root, "kind", ElementKind.class),
                                    text(root, "role"),
                                    text(root, "region"),
                                    text(root, "site")),
                            at);
            case ELEMENT_REMOVED -> new TelemetryMessage.ElementRemoved(id, at);
            default ->
                    throw bad(
                            "\"type\" is '"
                                    + type
                                    + "'; one of sample, alarm, element, element-removed is"
                                    + " accepted");
        };
    }

    private static double[] metrics(JsonNode root) {
        JsonNode metrics = root.get("metrics");
        if (metrics == null || !metrics.isObject() || metrics.isEmpty()) {
            throw bad(
                    "a sample needs \"metrics\", an object of at least one metric, such as"
                            + " {\"temperature_c\": 41.5}; metrics: "
                            + METRIC_KEYS);
        }
        double[] values = TelemetrySample.emptyValues();
        for (Map.Entry<String, JsonNode> m : metrics.properties()) {
            Metric metric =
                    Metric.fromKey(m.getKey())
                            .orElseThrow(
                                    () ->
                                            bad(
                                                    "unknown metric '"
                                                            + m.getKey()
                                                            + "'; metrics: "
                                                            + METRIC_KEYS));
            JsonNode v = m.getValue();
            if (v.isNull()) {
                continue; // said absent: the element did not report it this time
            }
            if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                throw bad(
                        "metric '"
                                + m.getKey()
                                + "' is "
                                + kindOf(v)
                                + "; a finite number (or null for absent) is accepted");
            }
            values[metric.ordinal()] = v.doubleValue();
        }
        return values;
    }

    private static String text(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || !v.isString() || v.asString().isBlank()) {
            throw bad("\"" + field + "\" must be a non-blank string, got " + kindOf(v));
        }
        return v.asString();
    }

    private static Instant instant(JsonNode root) {
        String at = text(root, "at");
        try {
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw bad(
                    "\"at\" is '"
                            + at
                            + "'; an ISO-8601 instant in UTC such as 2025-01-06T00:05:00Z is"
                            + " accepted");
        }
    }

    private static <E extends Enum<E>> E choice(JsonNode root, String field, Class<E> type) {
        String v = text(root, field);
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(
                    "\""
                            + field
                            + "\" is '"
                            + v
                            + "'; one of "
                            + Arrays.toString(type.getEnumConstants())
                            + " is accepted");
        }
    }

    private static String kindOf(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isNull()) {
            return "null";
        }
        String text = v.toString();
        return v.getNodeType().name().toLowerCase(Locale.ROOT)
                + " "
                + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }

    private static BadMessage bad(String detail) {
        return new BadMessage(Rejection.malformed(detail));
    }

    /** The one way out of the parser's depths: never leaves this class. */
    private static final class BadMessage extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Rejection rejection;

        BadMessage(Rejection rejection) {
            super(rejection.detail(), null, false, false);
            this.rejection = rejection;
        }
    }

    // --- writing: what a producer (the twin's publisher, a test) sends ---

    static byte[] write(TelemetryMessage message) {
        ObjectNode o = JSON.createObjectNode();
        if (message instanceof TelemetryMessage.Sample s) {
            o.put("type", SAMPLE);
            common(o, message);
            ObjectNode metrics = o.putObject("metrics");
            for (Metric m : Metric.values()) {
                if (s.sample().has(m)) {
                    metrics.put(m.key(), s.sample().value(m));
                }
            }
        } else if (message instanceof TelemetryMessage.AlarmRaised a) {
            o.put("type", ALARM);
            common(o, message);
            o.put("kind", a.alarm().kind().name());
            o.put("probableCause", a.alarm().probableCause());
        } else if (message instanceof TelemetryMessage.ElementUpserted e) {
            o.put("type", ELEMENT);
            common(o, message);
            o.put("kind", e.described().kind().name());
            o.put("role", e.described().role());
            o.put("region", e.described().region());
            o.put("site", e.described().site());
        } else {
            o.put("type", ELEMENT_REMOVED);
            common(o, message);
        }
        return JSON.writeValueAsBytes(o);
    }

    private static void common(ObjectNode o, TelemetryMessage m) {
        o.put("element", m.element().value());
        o.put("at", m.at().toString());
    }
}
