package dev.autonoc.tools.http;

import dev.autonoc.tools.oss.Money;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the TMF mappers of this package share: the wire's constants (idempotency header, media
 * types), one Jackson mapper, money, characteristics and the checked reads of text and instants
 * that name the field that was wrong. Each TM Forum API has its own mapper beside its client
 * ({@link TroubleTicketJson}, {@link ProductOrderingJson}, {@link ResourceInventoryJson}, {@link
 * ServiceInventoryJson}, {@link StockManagementJson}, {@link CommunicationJson}, {@link
 * AppointmentJson}, {@link ServiceActivationJson}, {@link CustomerBillJson}); the simulators' HTTP
 * façade and the clients read the same mappers, so both sides of the wire share one definition.
 *
 * <p>The operator's extensions (an element's role and region, an order's part and source) travel as
 * TMF characteristics; links between elements as resource relationships; a ticket's element as its
 * related entity; a ticket's resolution as the {@code statusChangeReason} of its closing.
 */
public final class TmfJson {

    /** The request header that carries an acting call's idempotency key. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** The media type of TMF payloads, as the specs declare it. */
    public static final String JSON = "application/json;charset=utf-8";

    /** RFC 9457 problem details. */
    public static final String PROBLEM_JSON = "application/problem+json";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TmfJson() {}

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    static ObjectNode money(Money m) {
        ObjectNode o = object();
        o.put("unit", m.unit());
        o.put("value", m.value());
        return o;
    }

    static Money fromMoney(JsonNode n, String at) {
        if (!n.path("value").isNumber()) {
            throw new TmfPayloadException(at + ".value", "not a number", "a number");
        }
        return new Money(n.get("value").asDouble(), text(n, "unit", at + ".unit"));
    }

    static void characteristic(ArrayNode list, String name, String value) {
        ObjectNode o = list.addObject();
        o.put("name", name);
        o.put("valueType", "string");
        o.put("value", value);
    }

    static void number(ArrayNode list, String name, double value) {
        ObjectNode o = list.addObject();
        o.put("name", name);
        o.put("valueType", "number");
        o.put("value", value);
    }

    static JsonNode characteristicValue(JsonNode list, String name) {
        for (JsonNode c : list) {
            if (name.equals(c.path("name").asString(""))) {
                return c.get("value");
            }
        }
        return null;
    }

    static String characteristicText(JsonNode list, String name, String at) {
        JsonNode v = characteristicValue(list, name);
        if (v == null || !v.isString() || v.asString().isBlank()) {
            throw new TmfPayloadException(
                    at + "[" + name + "]",
                    v == null ? "missing characteristic" : "value " + v,
                    "a characteristic {name: \"" + name + "\", value: <non-blank string>}");
        }
        return v.asString();
    }

    static void requireObject(JsonNode n, String at) {
        if (n == null || !n.isObject()) {
            throw new TmfPayloadException(at, "not a JSON object", "a JSON object");
        }
    }

    static String text(JsonNode n, String field) {
        return text(n, field, field);
    }

    static String text(JsonNode n, String field, String at) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || v.isNull()) {
            throw new TmfPayloadException(at, "missing", "a non-blank string");
        }
        if (!v.isString() || v.asString().isBlank()) {
            throw new TmfPayloadException(at, "value " + v, "a non-blank string");
        }
        return v.asString();
    }

    static Instant instant(JsonNode n, String field, String at) {
        String s = text(n, field, at);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new TmfPayloadException(
                    at, "'" + s + "' is not a time", "an ISO-8601 instant (2025-01-06T10:00:00Z)");
        }
    }
}
