package dev.autonoc.policy;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolNames;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An act-tool call to put before the gate, as a person writes it: what {@code autonoc policy
 * explain} reads (from {@code --action FILE} or its options) and {@code POST /api/policy/explain}
 * takes. Its JSON, every field but {@code tool} optional:
 *
 * <pre>{@code
 * {
 *   "tool": "order_part",             an act tool (ToolNames.ACT)
 *   "element": "core-rtr-01",         the element's id (default core-rtr-01)
 *   "arguments": {"part": "PSU"},     the call's arguments (default none)
 *   "cost": 2800,                     the estimate's cost in GBP, >= 0 (default 0)
 *   "risk": "LOW",                    LOW | MEDIUM | HIGH, any case (default LOW)
 *   "facts": {"in_shift": true},      the estimate's facts (default none)
 *   "at": "2025-01-06T10:00:00Z",     when, an ISO-8601 UTC instant (default: the caller's)
 *   "proposer": "agent:autonoc"       who proposes it (default agent:autonoc)
 * }
 * }</pre>
 *
 * <p>A {@code null} field is the same as an absent one, and {@code null} values inside {@code
 * arguments} and {@code facts} are left out, as the policy leaves them out; integral numbers are
 * read as {@code Long}, the others as {@code Double} (the policy reads every number of {@code args}
 * and {@code facts} as a double). Any other field, a wrong type or a bad value is refused with an
 * {@link InvalidActionException} naming the field and what is accepted.
 *
 * <p>{@link #toRequest} fills {@code element_id} into the arguments and {@code element_id} and
 * {@code region} into the facts, as the tools' estimates do; the action's own entries win.
 *
 * @param element the element's id; the caller looks it up in its network
 * @param at empty: the caller chooses (the CLI a Monday in shift, the service the simulation's now)
 */
public record ActionInput(
        String tool,
        String element,
        Map<String, Object> arguments,
        double cost,
        Risk risk,
        Map<String, Object> facts,
        Optional<Instant> at,
        String proposer) {

    public static final String DEFAULT_ELEMENT = "core-rtr-01";
    public static final String DEFAULT_PROPOSER = "agent:autonoc";

    /** The fields of the JSON form, in the order the documentation gives them. */
    public static final List<String> FIELDS =
            List.of("tool", "element", "arguments", "cost", "risk", "facts", "at", "proposer");

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /**
     * @throws InvalidActionException naming the field that is wrong
     */
    public ActionInput {
        if (tool == null || !ToolNames.ACT.contains(tool)) {
            throw new InvalidActionException(
                    "tool",
                    (tool == null || tool.isBlank()
                                    ? "is required"
                                    : "'" + tool + "' is not an act tool")
                            + "; accepted: "
                            + String.join(", ", ToolNames.ACT));
        }
        if (element == null || element.isBlank()) {
            throw new InvalidActionException(
                    "element", "must name an element, e.g. " + DEFAULT_ELEMENT);
        }
        if (!(cost >= 0) || Double.isInfinite(cost)) {
            throw new InvalidActionException(
                    "cost", "must be a finite number >= 0 (GBP), got " + cost);
        }
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(at, "at");
        if (proposer == null || proposer.isBlank()) {
            throw new InvalidActionException(
                    "proposer", "must name who proposes it, e.g. " + DEFAULT_PROPOSER);
        }
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /**
     * Reads the JSON form above.
     *
     * @throws InvalidActionException when the text is not JSON, not an object, or a field is wrong
     */
    public static ActionInput fromJson(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidActionException(
                    InvalidActionException.WHOLE_ACTION,
                    "is not valid JSON: " + e.getOriginalMessage() + location(e));
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw new InvalidActionException(
                    InvalidActionException.WHOLE_ACTION,
                    "must be a JSON object with the fields "
                            + String.join(", ", FIELDS)
                            + " (only tool is required), e.g. {\"tool\": \"order_part\","
                            + " \"element\": \"core-rtr-01\", \"cost\": 2800}; found "
                            + (root == null || root.isMissingNode() ? "nothing" : kind(root)));
        }
        for (String name : root.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw new InvalidActionException(
                        name,
                        "is not a field of an action; accepted: " + String.join(", ", FIELDS));
            }
        }
        String tool = text(root, "tool").orElse(null);
        return new ActionInput(
                tool,
                text(root, "element").orElse(DEFAULT_ELEMENT),
                object(root, "arguments"),
                number(root, "cost").orElse(0.0),
                risk(text(root, "risk")),
                object(root, "facts"),
                text(root, "at").map(ActionInput::instant),
                text(root, "proposer").orElse(DEFAULT_PROPOSER));
    }

    /**
     * The risk named by {@code name}, in any case.
     *
     * @throws InvalidActionException naming the risks accepted
     */
    public static Risk risk(String name) {
        String key = name.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(Risk.values())
                .filter(r -> r.name().equals(key))
                .findFirst()
                .orElseThrow(
                        () ->
                                new InvalidActionException(
                                        "risk",
                                        "unknown risk '"
                                                + name
                                                + "'; accepted: "
                                                + Arrays.stream(Risk.values())
                                                        .map(Enum::name)
                                                        .collect(Collectors.joining(", "))));
    }

    /**
     * An ISO-8601 UTC instant.
     *
     * @throws InvalidActionException with an example of one
     */
    public static Instant instant(String text) {
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidActionException(
                    "at",
                    "'"
                            + text
                            + "' is not an ISO-8601 UTC instant; expected e.g."
                            + " 2025-01-06T10:00:00Z");
        }
    }

    /**
     * The request the gate decides: the action on {@code target}, at {@link #at} or else {@code
     * defaultAt}, for a case {@code explain}, step 0, with no prediction.
     *
     * @param target the element this action names, as the caller's network has it
     * @throws IllegalArgumentException when {@code target} is another element
     */
    public ActionRequest toRequest(Element target, Instant defaultAt) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(defaultAt, "defaultAt");
        if (!target.id().value().equals(element)) {
            throw new IllegalArgumentException(
                    "the action names element " + element + ", not " + target.id().value());
        }
        Map<String, Object> allFacts = new LinkedHashMap<>();
        allFacts.put("element_id", element);
        allFacts.put("region", target.region());
        allFacts.putAll(facts);
        Map<String, Object> allArguments = new LinkedHashMap<>();
        allArguments.put("element_id", element);
        allArguments.putAll(arguments);
        return new ActionRequest(
                new CaseId("explain"),
                0,
                ToolCall.of(tool, allArguments),
                new Estimate(cost, risk, allFacts),
                target,
                at.orElse(defaultAt),
                proposer,
                Optional.empty());
    }

    // --- reading the JSON

    private static Optional<JsonNode> field(JsonNode root, String name) {
        JsonNode v = root.get(name);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    private static Optional<String> text(JsonNode root, String name) {
        Optional<JsonNode> v = field(root, name);
        if (v.isPresent() && !v.get().isString()) {
            throw new InvalidActionException(
                    name, "must be a string" + example(name) + ", found " + kind(v.get()));
        }
        return v.map(JsonNode::stringValue);
    }

    private static Optional<Double> number(JsonNode root, String name) {
        Optional<JsonNode> v = field(root, name);
        if (v.isPresent() && !v.get().isNumber()) {
            throw new InvalidActionException(
                    name, "must be a number >= 0 (GBP), e.g. 2800, found " + kind(v.get()));
        }
        return v.map(JsonNode::doubleValue);
    }

    private static Risk risk(Optional<String> name) {
        return name.filter(n -> !n.isBlank()).map(ActionInput::risk).orElse(Risk.LOW);
    }

    private static Map<String, Object> object(JsonNode root, String name) {
        Optional<JsonNode> v = field(root, name);
        if (v.isEmpty()) {
            return Map.of();
        }
        if (!v.get().isObject()) {
            throw new InvalidActionException(
                    name,
                    "must be an object of names to values, e.g. {\"part\": \"PSU\"}, found "
                            + kind(v.get()));
        }
        return map(name, v.get());
    }

    private static Map<String, Object> map(String path, JsonNode object) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            if (!e.getValue().isNull()) {
                out.put(e.getKey(), value(path + "." + e.getKey(), e.getValue()));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static Object value(String path, JsonNode v) {
        if (v.isString()) {
            return v.stringValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isObject()) {
            return map(path, v);
        }
        if (v.isArray()) {
            List<Object> out = new ArrayList<>();
            int i = 0;
            for (JsonNode item : v.values()) {
                if (item.isNull()) {
                    throw new InvalidActionException(
                            path + "[" + i + "]",
                            "is null; a list holds strings, numbers, booleans, lists or objects");
                }
                out.add(value(path + "[" + i + "]", item));
                i++;
            }
            return Collections.unmodifiableList(out);
        }
        throw new InvalidActionException(
                path, "must be a string, number, boolean, list or object, found " + kind(v));
    }

    private static String example(String name) {
        return switch (name) {
            case "tool" -> " naming an act tool (" + String.join(", ", ToolNames.ACT) + ")";
            case "element" -> ", an element id such as " + DEFAULT_ELEMENT;
            case "risk" -> ": LOW, MEDIUM or HIGH";
            case "at" -> ", an ISO-8601 UTC instant such as 2025-01-06T10:00:00Z";
            case "proposer" -> " such as " + DEFAULT_PROPOSER;
            default -> "";
        };
    }

    /** A JSON value's kind, as an error names it: {@code a number (12)}, {@code a string}, ... */
    private static String kind(JsonNode v) {
        String text = v.toString();
        String shown = text.length() > 40 ? text.substring(0, 37) + "..." : text;
        String kind =
                v.isString()
                        ? "a string"
                        : v.isNumber()
                                ? "a number"
                                : v.isBoolean()
                                        ? "a boolean"
                                        : v.isArray()
                                                ? "a list"
                                                : v.isObject() ? "an object" : "null";
        return kind + " (" + shown + ")";
    }

    private static String location(JacksonException e) {
        var where = e.getLocation();
        return where == null || where.getLineNr() < 1
                ? ""
                : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
    }
}
