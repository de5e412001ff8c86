package dev.autonoc.core.planner.llm;

import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.plan.PlanningRequest;
import dev.autonoc.core.tool.ToolDescriptor;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Everything a model's plan must pass before the gate ever sees it: each step a catalogue tool with
 * arguments its schema accepts, every element it names one the network knows (asked through the
 * read tools, so the check is in the ledger too), no call the case learnt not to make, and every
 * standing effect of earlier steps kept or undone. A plan that fails is refused with every problem
 * named, so that the model can mend it, and the playbook's plan stands if it cannot.
 */
final class PlanCheck {

    private final Map<String, ToolDescriptor> tools;

    PlanCheck(Map<String, ToolDescriptor> tools) {
        this.tools = tools;
    }

    /**
     * @param world whether to check against the world too (elements, exclusions, standing effects),
     *     not only the catalogue
     */
    List<String> problems(PlanningRequest request, Plan plan, boolean world) {
        List<String> problems = new ArrayList<>();
        Set<String> elements = new LinkedHashSet<>();
        for (PlanStep s : plan.steps()) {
            String where = "step " + s.index() + " (" + s.call().tool() + ")";
            ToolDescriptor tool = tools.get(s.call().tool());
            if (tool == null) {
                problems.add(where + ": no such tool");
                continue;
            }
            if (s.undoes().isEmpty()) {
                arguments(tool, s.call().arguments()).forEach(p -> problems.add(where + ": " + p));
            }
            if (!world) {
                continue;
            }
            if (s.call().arguments().get("element_id") instanceof String e) {
                elements.add(e);
            }
            if (request.context().excluded(s.call().tool(), s.call().arguments())) {
                problems.add(where + ": the case learnt not to make this call again");
            }
        }
        for (String e : elements) {
            ToolResult r;
            try {
                r = request.reader().read(ToolNames.GET_ELEMENT, Map.of("element_id", e));
            } catch (RuntimeException ex) {
                problems.add("cannot check element '" + e + "': " + ex.getMessage());
                continue;
            }
            if (r.outcome() != ToolResult.Outcome.SUCCEEDED) {
                problems.add("no element '" + e + "' in the network (" + r.summary() + ")");
            }
        }
        for (StepRecord c : world ? request.context().commitments() : List.<StepRecord>of()) {
            boolean undone =
                    plan.steps().stream()
                            .anyMatch(s -> s.undoes().equals(java.util.OptionalInt.of(c.index())));
            if (!plan.keeps().contains(c.index()) && !undone) {
                problems.add(
                        "earlier step "
                                + c.index()
                                + " ("
                                + c.call().tool()
                                + ") still stands: list it in keeps or undo it");
            }
        }
        return problems;
    }

    /** What is wrong with {@code arguments} against {@code tool}'s JSON Schema (flat objects). */
    static List<String> arguments(ToolDescriptor tool, Map<String, Object> arguments) {
        Map<String, Object> schema = Json.parseObject(tool.argumentSchema());
        Map<?, ?> properties = schema.get("properties") instanceof Map<?, ?> p ? p : Map.of();
        List<String> problems = new ArrayList<>();
        if (schema.get("required") instanceof List<?> required) {
            for (Object r : required) {
                if (!arguments.containsKey(String.valueOf(r))) {
                    problems.add("argument '" + r + "' is required");
                }
            }
        }
        boolean closed = Boolean.FALSE.equals(schema.get("additionalProperties"));
        for (Map.Entry<String, Object> a : arguments.entrySet()) {
            if (!(properties.get(a.getKey()) instanceof Map<?, ?> property)) {
                if (closed || !properties.isEmpty()) {
                    problems.add(
                            "no argument '"
                                    + a.getKey()
                                    + "'; accepted: "
                                    + String.join(
                                            ", ",
                                            properties.keySet().stream()
                                                    .map(String::valueOf)
                                                    .toList()));
                }
                continue;
            }
            value(a.getKey(), a.getValue(), property).ifPresent(problems::add);
        }
        return problems;
    }

    private static Optional<String> value(String name, Object v, Map<?, ?> property) {
        String type = String.valueOf(property.get("type"));
        String shown = v == null ? "null" : Json.clip(String.valueOf(v));
        boolean ok =
                switch (type) {
                    case "string" -> v instanceof String;
                    case "integer" ->
                            v instanceof Long
                                    || v instanceof Integer
                                    || v instanceof Double d && d == Math.rint(d);
                    case "number" -> v instanceof Number;
                    case "boolean" -> v instanceof Boolean;
                    case "array" -> v instanceof List<?>;
                    case "object" -> v instanceof Map<?, ?>;
                    default -> true;
                };
        if (!ok) {
            return Optional.of("argument '" + name + "' must be " + type + ", got " + shown);
        }
        if (property.get("enum") instanceof List<?> allowed
                && allowed.stream().noneMatch(x -> String.valueOf(x).equals(String.valueOf(v)))) {
            return Optional.of(
                    "argument '" + name + "' must be one of " + allowed + ", got " + shown);
        }
        if (v instanceof String s) {
            if (property.get("maxLength") instanceof Number max && s.length() > max.intValue()) {
                return Optional.of("argument '" + name + "' is longer than " + max + " characters");
            }
            if (property.get("minLength") instanceof Number min && s.length() < min.intValue()) {
                return Optional.of("argument '" + name + "' is shorter than " + min);
            }
            if (property.get("pattern") instanceof String p) {
                try {
                    if (!Pattern.compile(p).matcher(s).find()) {
                        return Optional.of(
                                "argument '" + name + "' does not match " + p + ": " + shown);
                    }
                } catch (PatternSyntaxException e) {
                    // a schema pattern Java cannot read is the catalogue's problem, not the plan's
                }
            }
            if ("date-time".equals(property.get("format"))) {
                try {
                    OffsetDateTime.parse(s);
                } catch (DateTimeParseException e) {
                    return Optional.of(
                            "argument '" + name + "' must be an ISO-8601 instant, got " + shown);
                }
            }
        }
        if (v instanceof Number n) {
            if (property.get("minimum") instanceof Number min
                    && n.doubleValue() < min.doubleValue()) {
                return Optional.of("argument '" + name + "' must be at least " + min);
            }
            if (property.get("maximum") instanceof Number max
                    && n.doubleValue() > max.doubleValue()) {
                return Optional.of("argument '" + name + "' must be at most " + max);
            }
        }
        return Optional.empty();
    }
}
