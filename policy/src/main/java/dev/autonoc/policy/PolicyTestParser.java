package dev.autonoc.policy;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Effect;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a policy test file into cases ({@link PolicyTests} runs them); anything wrong is refused
 * with file, line and reason.
 */
final class PolicyTestParser {

    record Parsed(String policy, List<PolicyTestCase> cases) {}

    private static final List<String> TOP_KEYS =
            List.of("apiVersion", "kind", "description", "policy", "cases");
    private static final List<String> CASE_KEYS =
            List.of(
                    "name",
                    "tool",
                    "arguments",
                    "cost",
                    "risk",
                    "facts",
                    "element",
                    "time",
                    "history",
                    "case",
                    "proposer",
                    "expect");
    private static final List<String> ELEMENT_KEYS =
            List.of("id", "kind", "role", "region", "site");
    private static final List<String> CASE_CONTEXT_KEYS = List.of("id", "step", "prediction");
    private static final List<String> PREDICTION_KEYS =
            List.of("probability", "mode", "time_to_failure_hours");
    private static final List<String> EXPECT_KEYS =
            List.of("effect", "role", "rules", "reasons_contain");

    private final String file;
    private final RoleHierarchy roles;

    PolicyTestParser(String file, RoleHierarchy roles) {
        this.file = file;
        this.roles = roles;
    }

    Parsed parse(byte[] bytes) {
        YamlNode root = YamlReader.read(file, new String(bytes, StandardCharsets.UTF_8));
        YamlNode.Mapping top = mapping(root, "a policy test file");
        checkKeys(top, TOP_KEYS, "at the top of a policy test file");
        String api = text(required(top, "apiVersion"));
        if (!api.equals(PolicyLoader.API_VERSION)) {
            throw error(
                    top.entries().get("apiVersion").value().line(),
                    "'apiVersion' is '" + api + "'; accepted: " + PolicyLoader.API_VERSION);
        }
        String kind = text(required(top, "kind"));
        if (!kind.equals(PolicyTests.KIND)) {
            throw error(
                    top.entries().get("kind").value().line(),
                    "'kind' is '" + kind + "'; accepted: " + PolicyTests.KIND);
        }
        String policy = text(required(top, "policy"));
        YamlNode.Mapping.Entry casesEntry = required(top, "cases");
        if (!(casesEntry.value() instanceof YamlNode.Sequence list) || list.items().isEmpty()) {
            throw error(
                    casesEntry.value().line(),
                    "'cases' must be a list of at least one case, found "
                            + casesEntry.value().describe());
        }
        List<PolicyTestCase> cases = new ArrayList<>();
        Map<String, Integer> names = new LinkedHashMap<>();
        for (YamlNode item : list.items()) {
            PolicyTestCase c = testCase(item);
            Integer first = names.putIfAbsent(c.name(), c.line());
            if (first != null) {
                throw error(
                        c.line(),
                        "duplicate case name '"
                                + c.name()
                                + "' (first on line "
                                + first
                                + "); case names are unique in a file");
            }
            cases.add(c);
        }
        return new Parsed(policy, cases);
    }

    private PolicyTestCase testCase(YamlNode node) {
        YamlNode.Mapping m = mapping(node, "a case");
        checkKeys(m, CASE_KEYS, "in a case");
        String name = text(required(m, "name"));
        String where = "case '" + name + "': ";
        YamlNode.Mapping.Entry toolEntry = required(m, "tool");
        String tool = text(toolEntry);
        if (!ToolNames.ACT.contains(tool)) {
            throw error(
                    toolEntry.value().line(),
                    where
                            + "'"
                            + tool
                            + "' is not an act tool; accepted: "
                            + String.join(", ", ToolNames.ACT));
        }
        Map<String, Object> arguments = objectMap(m, "arguments");
        double cost = number(m, "cost", 0.0);
        if (cost < 0) {
            throw error(m.entries().get("cost").value().line(), where + "'cost' is >= 0");
        }
        Risk risk =
                enumValue(m.entries().get("risk"), Risk.class, Risk.LOW, where + "unknown risk");
        Map<String, Object> facts = objectMap(m, "facts");
        Element element = element(where, m.entries().get("element"));
        Instant at = time(where, m.entries().get("time"));
        History history = history(where, m.entries().get("history"));
        YamlNode.Mapping.Entry caseEntry = m.entries().get("case");
        String caseId = "case-1";
        int step = 1;
        Optional<Prediction> prediction = Optional.empty();
        if (caseEntry != null) {
            YamlNode.Mapping c = mapping(caseEntry.value(), "'case'");
            checkKeys(c, CASE_CONTEXT_KEYS, "in 'case'");
            if (c.entries().containsKey("id")) {
                caseId = text(c.entries().get("id"));
            }
            step = (int) integer(c, "step", 1);
            YamlNode.Mapping.Entry p = c.entries().get("prediction");
            if (p != null) {
                YamlNode.Mapping pm = mapping(p.value(), "'prediction'");
                checkKeys(pm, PREDICTION_KEYS, "in 'prediction'");
                double probability = number(pm, "probability", 0.9);
                if (!(probability >= 0 && probability <= 1)) {
                    throw error(
                            pm.entries().get("probability").value().line(),
                            where + "'probability' is between 0 and 1");
                }
                FailureMode mode =
                        enumValue(
                                required(pm, "mode"),
                                FailureMode.class,
                                null,
                                where + "unknown failure mode");
                double hours = number(pm, "time_to_failure_hours", 24.0);
                prediction =
                        Optional.of(
                                new Prediction(
                                        element.id(),
                                        at,
                                        probability,
                                        mode,
                                        Duration.ofSeconds(Math.round(hours * 3600)),
                                        List.of(),
                                        "policy-test"));
            }
        }
        String proposer =
                m.entries().containsKey("proposer")
                        ? text(m.entries().get("proposer"))
                        : "agent:playbook";

        YamlNode.Mapping expect = mapping(required(m, "expect").value(), "'expect'");
        checkKeys(expect, EXPECT_KEYS, "in 'expect'");
        YamlNode.Mapping.Entry effectEntry = required(expect, "effect");
        Effect effect =
                enumValue(
                        effectEntry,
                        Effect.class,
                        null,
                        where
                                + "unknown effect; accepted: ALLOW, REQUIRE_APPROVAL, DENY;"
                                + " found");
        Optional<String> role = Optional.empty();
        YamlNode.Mapping.Entry roleEntry = expect.entries().get("role");
        if (effect == Effect.REQUIRE_APPROVAL) {
            if (roleEntry == null) {
                throw error(
                        effectEntry.keyLine(),
                        where + "expect REQUIRE_APPROVAL needs the 'role' that approves");
            }
            String r = text(roleEntry);
            if (!roles.roles().contains(r)) {
                throw error(
                        roleEntry.value().line(),
                        where
                                + "unknown role '"
                                + r
                                + "'; accepted: "
                                + String.join(", ", new java.util.TreeSet<>(roles.roles())));
            }
            role = Optional.of(r);
        } else if (roleEntry != null) {
            throw error(
                    roleEntry.keyLine(),
                    where + "'role' goes only with effect REQUIRE_APPROVAL, not " + effect);
        }
        Optional<List<String>> rules =
                expect.entries().containsKey("rules")
                        ? Optional.of(texts(expect.entries().get("rules")))
                        : Optional.empty();
        List<String> reasons =
                expect.entries().containsKey("reasons_contain")
                        ? texts(expect.entries().get("reasons_contain"))
                        : List.of();

        Map<String, Object> args = new LinkedHashMap<>();
        args.put("element_id", element.id().value());
        args.putAll(arguments);
        ActionRequest request =
                new ActionRequest(
                        new CaseId(caseId),
                        step,
                        ToolCall.of(tool, args),
                        new Estimate(cost, risk, facts),
                        element,
                        at,
                        proposer,
                        prediction);
        return new PolicyTestCase(name, m.line(), request, history, effect, role, rules, reasons);
    }

    private Element element(String where, YamlNode.Mapping.Entry entry) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("id", "core-rtr-01");
        e.put("kind", "ROUTER");
        e.put("role", "core");
        e.put("region", "north");
        e.put("site", "site-01");
        ElementKind kind = ElementKind.ROUTER;
        if (entry != null) {
            YamlNode.Mapping m = mapping(entry.value(), "'element'");
            checkKeys(m, ELEMENT_KEYS, "in 'element'");
            for (YamlNode.Mapping.Entry k : m.entries().values()) {
                e.put(k.key(), text(k));
            }
            if (m.entries().containsKey("kind")) {
                kind =
                        enumValue(
                                m.entries().get("kind"),
                                ElementKind.class,
                                null,
                                where + "unknown element kind");
            }
        }
        return new Element(
                ElementId.of(e.get("id")), kind, e.get("role"), e.get("region"), e.get("site"));
    }

    /** An instant in UTC, or {@code HH:MM} on the run's first day (a Monday). */
    private Instant time(String where, YamlNode.Mapping.Entry entry) {
        if (entry == null) {
            return PolicyTests.RUN_START.plus(Duration.ofHours(10));
        }
        String t = text(entry);
        try {
            if (t.matches("\\d{1,2}:\\d{2}")) {
                LocalTime clock = LocalTime.parse(t.length() == 4 ? "0" + t : t);
                return PolicyTests.RUN_START.plusSeconds(clock.toSecondOfDay());
            }
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw error(
                    entry.value().line(),
                    where
                            + "'time' is '"
                            + t
                            + "'; accepted: an instant such as 2025-01-11T03:00:00Z, or"
                            + " HH:MM on Monday 6 January 2025 (UTC)");
        }
    }

    private History history(String where, YamlNode.Mapping.Entry entry) {
        if (entry == null) {
            return new History(0.0, 0, 0, false, 0, 0, 0);
        }
        YamlNode.Mapping m = mapping(entry.value(), "'history'");
        checkKeys(m, History.KEYS, "in 'history'");
        double spend = number(m, "spend_today", 0.0);
        long element = integer(m, "act_calls_element_today", 0);
        long today = integer(m, "act_calls_today", element);
        YamlNode.Mapping.Entry underWork = m.entries().get("element_under_work");
        boolean self = underWork != null && bool(underWork);
        long others = integer(m, "other_elements_under_work_region", 0);
        long region = integer(m, "elements_under_work_region", others + (self ? 1 : 0));
        long all = integer(m, "elements_under_work", region);
        if (today < element || region < others || all < region) {
            throw error(
                    m.line(),
                    where
                            + "the history's counters contradict each other: act_calls_today"
                            + " >= act_calls_element_today and elements_under_work >="
                            + " elements_under_work_region >= other_elements_under_work_region");
        }
        return new History(spend, today, element, self, region, others, all);
    }

    // --- YAML helpers

    private Map<String, Object> objectMap(YamlNode.Mapping m, String key) {
        YamlNode.Mapping.Entry e = m.entries().get(key);
        if (e == null) {
            return Map.of();
        }
        YamlNode.Mapping map = mapping(e.value(), "'" + key + "'");
        Map<String, Object> out = new LinkedHashMap<>();
        map.entries().forEach((k, v) -> out.put(k, object(v.value())));
        return out;
    }

    private static Object object(YamlNode node) {
        if (node instanceof YamlNode.Scalar s) {
            return s.value();
        }
        if (node instanceof YamlNode.Sequence s) {
            List<Object> out = new ArrayList<>();
            s.items().forEach(i -> out.add(object(i)));
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((YamlNode.Mapping) node).entries().forEach((k, v) -> out.put(k, object(v.value())));
        return out;
    }

    private <E extends Enum<E>> E enumValue(
            YamlNode.Mapping.Entry entry, Class<E> type, E absent, String what) {
        if (entry == null) {
            return absent;
        }
        String name = text(entry);
        return Arrays.stream(type.getEnumConstants())
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(
                        () ->
                                error(
                                        entry.value().line(),
                                        what
                                                + " '"
                                                + name
                                                + "'; accepted: "
                                                + Arrays.toString(type.getEnumConstants())));
    }

    private double number(YamlNode.Mapping m, String key, double absent) {
        YamlNode.Mapping.Entry e = m.entries().get(key);
        if (e == null) {
            return absent;
        }
        if (e.value() instanceof YamlNode.Scalar s && s.value() instanceof Number n) {
            return n.doubleValue();
        }
        throw error(
                e.value().line(), "'" + key + "' must be a number, found " + e.value().describe());
    }

    private long integer(YamlNode.Mapping m, String key, long absent) {
        YamlNode.Mapping.Entry e = m.entries().get(key);
        if (e == null) {
            return absent;
        }
        if (e.value() instanceof YamlNode.Scalar s && s.value() instanceof Long n && n >= 0) {
            return n;
        }
        throw error(
                e.value().line(),
                "'" + key + "' must be a whole number >= 0, found " + e.value().describe());
    }

    private boolean bool(YamlNode.Mapping.Entry e) {
        if (e.value() instanceof YamlNode.Scalar s && s.value() instanceof Boolean b) {
            return b;
        }
        throw error(
                e.value().line(),
                "'" + e.key() + "' must be true or false, found " + e.value().describe());
    }

    private YamlNode.Mapping mapping(YamlNode node, String what) {
        if (node instanceof YamlNode.Mapping m) {
            return m;
        }
        throw error(node.line(), what + " must be a map, found " + node.describe());
    }

    private void checkKeys(YamlNode.Mapping map, List<String> accepted, String where) {
        new PolicyYaml(file).checkKeys(map, accepted, where);
    }

    private YamlNode.Mapping.Entry required(YamlNode.Mapping map, String key) {
        YamlNode.Mapping.Entry e = map.entries().get(key);
        if (e == null) {
            throw error(map.line(), "missing '" + key + "'");
        }
        return e;
    }

    private String text(YamlNode.Mapping.Entry e) {
        if (e.value() instanceof YamlNode.Scalar s && s.value() instanceof String t) {
            return t;
        }
        throw error(
                e.value().line(), "'" + e.key() + "' must be text, found " + e.value().describe());
    }

    private List<String> texts(YamlNode.Mapping.Entry e) {
        List<YamlNode> items =
                e.value() instanceof YamlNode.Sequence s ? s.items() : List.of(e.value());
        List<String> out = new ArrayList<>();
        for (YamlNode item : items) {
            if (item instanceof YamlNode.Scalar s && s.value() instanceof String t) {
                out.add(t);
            } else {
                throw error(item.line(), "'" + e.key() + "' lists texts, found " + item.describe());
            }
        }
        return out;
    }

    private PolicyLoadException error(int line, String reason) {
        return new PolicyLoadException(file, line, reason);
    }
}
