package dev.autonoc.policy;

import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.policy.Effect;
import dev.autonoc.core.tool.ToolNames;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.runtime.CelRuntime;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a policy file, checks every part of it and compiles its CEL once. Anything wrong is refused
 * with a {@link PolicyLoadException} naming the file, the line and the reason; the first problem
 * found is reported.
 *
 * <p>Here: the file's top level and its rules (id, match, effect, role). The YAML shapes are read
 * by {@link PolicyYaml}, the file's lists and calendars by {@link PolicyDataReader}, conditions and
 * message templates compiled by {@link PolicyExpressions}.
 */
final class PolicyLoader {

    static final String API_VERSION = "autonoc.dev/v1";
    static final String KIND = "Policy";
    static final String ANY_ACT_TOOL = "*";

    private static final List<String> TOP_KEYS =
            List.of("apiVersion", "kind", "description", "lists", "calendars", "rules");
    private static final List<String> RULE_KEYS =
            List.of(
                    "id",
                    "description",
                    "match",
                    "condition",
                    "effect",
                    "role",
                    "retry",
                    "message");
    private static final List<String> MATCH_KEYS = List.of("tools", "kinds", "regions");
    private static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final String file;
    private final RoleHierarchy roles;
    private final PolicyYaml yaml;
    private PolicyExpressions expressions;

    private PolicyLoader(String file, RoleHierarchy roles) {
        this.file = file;
        this.roles = roles;
        this.yaml = new PolicyYaml(file);
    }

    static Policy load(String file, byte[] bytes, RoleHierarchy roles) {
        return new PolicyLoader(file, roles).load(bytes);
    }

    static String version(byte[] bytes) {
        try {
            return "sha256:"
                    + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            // every Java platform has SHA-256 (java.security.MessageDigest's contract)
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private Policy load(byte[] bytes) {
        String text = utf8(bytes);
        YamlNode root = YamlReader.read(file, text);
        YamlNode.Mapping top = yaml.mapping(root, "a policy", "apiVersion, kind and rules");
        yaml.checkKeys(top, TOP_KEYS, "at the top of a policy");
        yaml.requireText(top, "apiVersion", API_VERSION);
        yaml.requireText(top, "kind", KIND);
        yaml.optionalText(top, "description");
        PolicyDataReader dataReader = new PolicyDataReader(yaml);
        PolicyData data =
                new PolicyData(
                        dataReader.lists(top.entries().get("lists")),
                        dataReader.calendars(top.entries().get("calendars")));
        expressions = new PolicyExpressions(file, data);
        YamlNode.Mapping.Entry rulesEntry = yaml.required(top, "rules", "the list of rules");
        if (!(rulesEntry.value() instanceof YamlNode.Sequence list)) {
            throw yaml.error(
                    rulesEntry.value().line(),
                    "'rules' must be a list of rules, found " + rulesEntry.value().describe());
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<CompiledRule> rules = new ArrayList<>();
        for (YamlNode item : list.items()) {
            CompiledRule rule = rule(item);
            Integer first = seen.putIfAbsent(rule.id(), rule.line());
            if (first != null) {
                throw yaml.error(
                        rule.line(),
                        "duplicate rule id '"
                                + rule.id()
                                + "' (first on line "
                                + first
                                + "); rule ids are unique in a policy");
            }
            rules.add(rule);
        }
        for (CompiledRule rule : rules) {
            Optional<String> shadow = PolicyChecks.shadowed(rule, rules);
            if (shadow.isPresent()) {
                throw yaml.error(rule.line(), shadow.get());
            }
        }
        return new Policy(file, version(bytes), rules, roles, data);
    }

    private CompiledRule rule(YamlNode node) {
        YamlNode.Mapping rule = yaml.mapping(node, "a rule", "id, match, effect and message");
        YamlNode.Mapping.Entry idEntry = yaml.required(rule, "id", "the rule's id");
        String id = yaml.text(idEntry, "a rule id");
        if (!RULE_ID.matcher(id).matches()) {
            throw yaml.error(
                    idEntry.value().line(),
                    "rule id '"
                            + id
                            + "' is not accepted; ids are lowercase letters, digits and '-'");
        }
        String where = "rule '" + id + "': ";
        yaml.checkKeys(rule, RULE_KEYS, "in " + where.substring(0, where.length() - 2));
        String description = yaml.optionalText(rule, "description").orElse("");

        RuleMatch match =
                match(where, yaml.required(rule, "match", "what the rule matches (tools: [...])"));

        YamlNode.Mapping.Entry effectEntry =
                yaml.required(rule, "effect", "ALLOW, REQUIRE_APPROVAL or DENY");
        String effectName = yaml.text(effectEntry, "an effect");
        Effect effect =
                Arrays.stream(Effect.values())
                        .filter(e -> e.name().equals(effectName))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        yaml.error(
                                                effectEntry.value().line(),
                                                where
                                                        + "unknown effect '"
                                                        + effectName
                                                        + "'; accepted: ALLOW, REQUIRE_APPROVAL,"
                                                        + " DENY"));

        Optional<String> role = role(where, rule, effect);

        String conditionSource = "true";
        Optional<CelAbstractSyntaxTree> conditionAst = Optional.empty();
        Optional<CelRuntime.Program> condition = Optional.empty();
        DirectExpressions.Direct direct = DirectExpressions.CEL_ONLY;
        YamlNode.Mapping.Entry conditionEntry = rule.entries().get("condition");
        if (conditionEntry != null) {
            YamlNode value = conditionEntry.value();
            if (value instanceof YamlNode.Scalar s
                    && (s.value() instanceof String || s.value() instanceof Boolean)) {
                conditionSource = s.value().toString();
            } else {
                throw yaml.error(
                        value.line(),
                        where + "'condition' must be a CEL expression, found " + value.describe());
            }
            PolicyExpressions.Compiled compiled =
                    expressions.condition(where, conditionSource, value.line());
            conditionAst = Optional.of(compiled.ast());
            condition = Optional.of(compiled.program());
            direct = compiled.direct();
        }
        PolicyRule.Retry retry = retry(where, rule, effect, conditionAst);

        YamlNode.Mapping.Entry messageEntry =
                yaml.required(rule, "message", "the reason, in words");
        MessageTemplate message =
                expressions.template(
                        where, yaml.text(messageEntry, "a message"), messageEntry.value().line());

        return new CompiledRule(
                id,
                description,
                match,
                conditionSource,
                condition,
                direct,
                effect,
                role,
                message,
                retry,
                conditionAst.map(PolicyExpressions::readsOnlyTheDaysCounts).orElse(false),
                rule.line());
    }

    /**
     * The rule's {@code retry}: {@code later} or {@code never}, with DENY and REQUIRE_APPROVAL
     * only. Where a DENY does not say, its condition decides: one that reads the guards' counts, a
     * calendar or the time of day ({@link PolicyExpressions#readsTheMoment}) is a denial of the
     * moment; any other, or none, is for good. Where a REQUIRE_APPROVAL does not say, a person's
     * refusal is for good, whatever the condition reads: only the policy's author can say that the
     * question a person answered was one of the moment. ALLOW is NEVER (it refuses nothing).
     */
    private PolicyRule.Retry retry(
            String where,
            YamlNode.Mapping rule,
            Effect effect,
            Optional<CelAbstractSyntaxTree> condition) {
        YamlNode.Mapping.Entry entry = rule.entries().get("retry");
        if (entry == null) {
            return effect == Effect.DENY
                            && condition.isPresent()
                            && PolicyExpressions.readsTheMoment(condition.get())
                    ? PolicyRule.Retry.LATER
                    : PolicyRule.Retry.NEVER;
        }
        if (effect == Effect.ALLOW) {
            throw yaml.error(
                    entry.keyLine(),
                    where
                            + "'retry' says whether a denial, or a person's refusal, is for good, so"
                            + " it goes only with effect DENY or REQUIRE_APPROVAL, not "
                            + effect);
        }
        String written = yaml.text(entry, "later or never");
        return Arrays.stream(PolicyRule.Retry.values())
                .filter(r -> r.written().equals(written))
                .findFirst()
                .orElseThrow(
                        () ->
                                yaml.error(
                                        entry.value().line(),
                                        where
                                                + "unknown retry '"
                                                + written
                                                + "'; accepted: later (the denial, or the"
                                                + " question a person refused, rests on the"
                                                + " moment: the agent may ask for the same call"
                                                + " again after a pause) or never (the call itself"
                                                + " is refused)"));
    }

    private Optional<String> role(String where, YamlNode.Mapping rule, Effect effect) {
        YamlNode.Mapping.Entry roleEntry = rule.entries().get("role");
        if (effect != Effect.REQUIRE_APPROVAL) {
            if (roleEntry != null) {
                throw yaml.error(
                        roleEntry.keyLine(),
                        where + "'role' goes only with effect REQUIRE_APPROVAL, not " + effect);
            }
            return Optional.empty();
        }
        if (roleEntry == null) {
            throw yaml.error(
                    rule.entries().get("effect").keyLine(),
                    where
                            + "REQUIRE_APPROVAL needs a 'role' naming who may approve; accepted: "
                            + sorted(roles.roles()));
        }
        String role = yaml.text(roleEntry, "a role");
        if (!roles.roles().contains(role)) {
            throw yaml.error(
                    roleEntry.value().line(),
                    where + "unknown role '" + role + "'; accepted: " + sorted(roles.roles()));
        }
        return Optional.of(role);
    }

    private RuleMatch match(String where, YamlNode.Mapping.Entry entry) {
        YamlNode.Mapping match =
                yaml.mapping(entry.value(), "'match'", "tools and optional kinds, regions");
        yaml.checkKeys(match, MATCH_KEYS, "in " + where + "'match'");
        YamlNode.Mapping.Entry toolsEntry = match.entries().get("tools");
        if (toolsEntry == null) {
            throw yaml.error(
                    match.line(),
                    where
                            + "'match' needs 'tools': a list of act tools, or \"*\" for any act tool");
        }
        Set<String> tools = new LinkedHashSet<>();
        boolean anyActTool = false;
        for (YamlNode.Scalar name : yaml.texts(where, toolsEntry, "a tool name")) {
            String tool = (String) name.value();
            if (tool.equals(ANY_ACT_TOOL)) {
                anyActTool = true;
                tools.addAll(ToolNames.ACT);
            } else if (ToolNames.ACT.contains(tool)) {
                tools.add(tool);
            } else if (ToolNames.READ.contains(tool)) {
                throw yaml.error(
                        name.line(),
                        where
                                + "'"
                                + tool
                                + "' is a read tool and does not pass the policy gate; accepted: \"*\""
                                + " or an act tool: "
                                + String.join(", ", ToolNames.ACT));
            } else {
                throw yaml.error(
                        name.line(),
                        where
                                + "unknown tool '"
                                + tool
                                + "'; accepted: \"*\" or an act tool: "
                                + String.join(", ", ToolNames.ACT));
            }
        }
        if (tools.isEmpty()) {
            throw yaml.error(
                    toolsEntry.value().line(), where + "'tools' names no tool; name at least one");
        }
        Set<ElementKind> kinds = new LinkedHashSet<>();
        YamlNode.Mapping.Entry kindsEntry = match.entries().get("kinds");
        if (kindsEntry != null) {
            for (YamlNode.Scalar name : yaml.texts(where, kindsEntry, "an element kind")) {
                String kind = (String) name.value();
                kinds.add(
                        Arrays.stream(ElementKind.values())
                                .filter(k -> k.name().equals(kind))
                                .findFirst()
                                .orElseThrow(
                                        () ->
                                                yaml.error(
                                                        name.line(),
                                                        where
                                                                + "unknown element kind '"
                                                                + kind
                                                                + "'; accepted: "
                                                                + Arrays.toString(
                                                                        ElementKind.values()))));
            }
        }
        Set<String> regions = new LinkedHashSet<>();
        YamlNode.Mapping.Entry regionsEntry = match.entries().get("regions");
        if (regionsEntry != null) {
            for (YamlNode.Scalar name : yaml.texts(where, regionsEntry, "a region")) {
                String region = (String) name.value();
                if (region.isBlank()) {
                    throw yaml.error(name.line(), where + "a region name must not be blank");
                }
                regions.add(region);
            }
        }
        // every tool a match may name is an act tool, so "*" among them stands for all of them
        return new RuleMatch(
                tools,
                kinds,
                regions,
                new PolicyRule.Match(
                        anyActTool ? List.of(ANY_ACT_TOOL) : List.copyOf(tools),
                        kinds.stream().map(Enum::name).toList(),
                        List.copyOf(regions)));
    }

    private String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new PolicyLoadException(file, 0, "not UTF-8 text: " + e.getMessage(), e);
        }
    }

    private static String sorted(Set<String> names) {
        return new TreeSet<>(names).stream().collect(Collectors.joining(", "));
    }
}
