package dev.autonoc.policy;

import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.policy.Effect;
import dev.autonoc.core.tool.ToolNames;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.CelKind;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
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
 */
final class PolicyLoader {

    static final String API_VERSION = "autonoc.dev/v1";
    static final String KIND = "Policy";
    static final String ANY_ACT_TOOL = "*";

    private static final List<String> TOP_KEYS =
            List.of("apiVersion", "kind", "description", "lists", "calendars", "rules");
    private static final List<String> WINDOW_KEYS = List.of("from", "to", "description");
    private static final Pattern DATA_NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final List<String> RULE_KEYS =
            List.of("id", "description", "match", "condition", "effect", "role", "message");
    private static final List<String> MATCH_KEYS = List.of("tools", "kinds", "regions");
    private static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final String file;
    private final RoleHierarchy roles;
    private PolicyData data = PolicyData.EMPTY;

    private PolicyLoader(String file, RoleHierarchy roles) {
        this.file = file;
        this.roles = roles;
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
        YamlNode.Mapping top = mapping(root, "a policy", "apiVersion, kind and rules");
        checkKeys(top, TOP_KEYS, "at the top of a policy");
        requireText(top, "apiVersion", API_VERSION);
        requireText(top, "kind", KIND);
        optionalText(top, "description");
        data =
                new PolicyData(
                        lists(top.entries().get("lists")),
                        calendars(top.entries().get("calendars")));
        YamlNode.Mapping.Entry rulesEntry = required(top, "rules", "the list of rules");
        if (!(rulesEntry.value() instanceof YamlNode.Sequence list)) {
            throw error(
                    rulesEntry.value().line(),
                    "'rules' must be a list of rules, found " + rulesEntry.value().describe());
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<CompiledRule> rules = new ArrayList<>();
        for (YamlNode item : list.items()) {
            CompiledRule rule = rule(item);
            Integer first = seen.putIfAbsent(rule.id(), rule.line());
            if (first != null) {
                throw error(
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
                throw error(rule.line(), shadow.get());
            }
        }
        return new Policy(file, version(bytes), rules, roles, data);
    }

    private CompiledRule rule(YamlNode node) {
        YamlNode.Mapping rule = mapping(node, "a rule", "id, match, effect and message");
        YamlNode.Mapping.Entry idEntry = required(rule, "id", "the rule's id");
        String id = text(idEntry, "a rule id");
        if (!RULE_ID.matcher(id).matches()) {
            throw error(
                    idEntry.value().line(),
                    "rule id '"
                            + id
                            + "' is not accepted; ids are lowercase letters, digits and '-'");
        }
        String where = "rule '" + id + "': ";
        checkKeys(rule, RULE_KEYS, "in " + where.substring(0, where.length() - 2));
        String description = optionalText(rule, "description").orElse("");

        RuleMatch match =
                match(where, required(rule, "match", "what the rule matches (tools: [...])"));

        YamlNode.Mapping.Entry effectEntry =
                required(rule, "effect", "ALLOW, REQUIRE_APPROVAL or DENY");
        String effectName = text(effectEntry, "an effect");
        Effect effect =
                Arrays.stream(Effect.values())
                        .filter(e -> e.name().equals(effectName))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        error(
                                                effectEntry.value().line(),
                                                where
                                                        + "unknown effect '"
                                                        + effectName
                                                        + "'; accepted: ALLOW, REQUIRE_APPROVAL,"
                                                        + " DENY"));

        Optional<String> role = role(where, rule, effect);

        String conditionSource = "true";
        Optional<CelRuntime.Program> condition = Optional.empty();
        DirectExpressions.Direct direct = DirectExpressions.CEL_ONLY;
        YamlNode.Mapping.Entry conditionEntry = rule.entries().get("condition");
        if (conditionEntry != null) {
            YamlNode value = conditionEntry.value();
            if (value instanceof YamlNode.Scalar s
                    && (s.value() instanceof String || s.value() instanceof Boolean)) {
                conditionSource = s.value().toString();
            } else {
                throw error(
                        value.line(),
                        where + "'condition' must be a CEL expression, found " + value.describe());
            }
            Compiled compiled = condition(where, conditionSource, value.line());
            condition = Optional.of(compiled.program());
            direct = compiled.direct();
        }

        YamlNode.Mapping.Entry messageEntry = required(rule, "message", "the reason, in words");
        MessageTemplate message =
                template(where, text(messageEntry, "a message"), messageEntry.value().line());

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
                rule.line());
    }

    private Optional<String> role(String where, YamlNode.Mapping rule, Effect effect) {
        YamlNode.Mapping.Entry roleEntry = rule.entries().get("role");
        if (effect != Effect.REQUIRE_APPROVAL) {
            if (roleEntry != null) {
                throw error(
                        roleEntry.keyLine(),
                        where + "'role' goes only with effect REQUIRE_APPROVAL, not " + effect);
            }
            return Optional.empty();
        }
        if (roleEntry == null) {
            throw error(
                    rule.entries().get("effect").keyLine(),
                    where
                            + "REQUIRE_APPROVAL needs a 'role' naming who may approve; accepted: "
                            + sorted(roles.roles()));
        }
        String role = text(roleEntry, "a role");
        if (!roles.roles().contains(role)) {
            throw error(
                    roleEntry.value().line(),
                    where + "unknown role '" + role + "'; accepted: " + sorted(roles.roles()));
        }
        return Optional.of(role);
    }

    private RuleMatch match(String where, YamlNode.Mapping.Entry entry) {
        YamlNode.Mapping match =
                mapping(entry.value(), "'match'", "tools and optional kinds, regions");
        checkKeys(match, MATCH_KEYS, "in " + where + "'match'");
        YamlNode.Mapping.Entry toolsEntry = match.entries().get("tools");
        if (toolsEntry == null) {
            throw error(
                    match.line(),
                    where
                            + "'match' needs 'tools': a list of act tools, or \"*\" for any act tool");
        }
        Set<String> tools = new LinkedHashSet<>();
        boolean anyActTool = false;
        for (YamlNode.Scalar name : texts(where, toolsEntry, "a tool name")) {
            String tool = (String) name.value();
            if (tool.equals(ANY_ACT_TOOL)) {
                anyActTool = true;
                tools.addAll(ToolNames.ACT);
            } else if (ToolNames.ACT.contains(tool)) {
                tools.add(tool);
            } else if (ToolNames.READ.contains(tool)) {
                throw error(
                        name.line(),
                        where
                                + "'"
                                + tool
                                + "' is a read tool and does not pass the policy gate; accepted: \"*\""
                                + " or an act tool: "
                                + String.join(", ", ToolNames.ACT));
            } else {
                throw error(
                        name.line(),
                        where
                                + "unknown tool '"
                                + tool
                                + "'; accepted: \"*\" or an act tool: "
                                + String.join(", ", ToolNames.ACT));
            }
        }
        if (tools.isEmpty()) {
            throw error(
                    toolsEntry.value().line(), where + "'tools' names no tool; name at least one");
        }
        Set<ElementKind> kinds = new LinkedHashSet<>();
        YamlNode.Mapping.Entry kindsEntry = match.entries().get("kinds");
        if (kindsEntry != null) {
            for (YamlNode.Scalar name : texts(where, kindsEntry, "an element kind")) {
                String kind = (String) name.value();
                kinds.add(
                        Arrays.stream(ElementKind.values())
                                .filter(k -> k.name().equals(kind))
                                .findFirst()
                                .orElseThrow(
                                        () ->
                                                error(
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
            for (YamlNode.Scalar name : texts(where, regionsEntry, "a region")) {
                String region = (String) name.value();
                if (region.isBlank()) {
                    throw error(name.line(), where + "a region name must not be blank");
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

    private Compiled condition(String where, String source, int line) {
        Compiled compiled = compiled(where, "condition", source, line);
        CelAbstractSyntaxTree ast = compiled.ast();
        CelKind kind = ast.getResultType().kind();
        if (kind != CelKind.BOOL && kind != CelKind.DYN) {
            throw error(
                    line,
                    where
                            + "the condition must be boolean, but '"
                            + source
                            + "' is of type "
                            + ast.getResultType().name());
        }
        return compiled;
    }

    private MessageTemplate template(String where, String text, int line) {
        List<MessageTemplate.Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                // "$${" writes a literal "${"
                literal.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = closingBrace(text, i + 2);
                if (end < 0) {
                    throw error(
                            line,
                            where
                                    + "the message has a '${' at character "
                                    + (i + 1)
                                    + " without its closing '}'");
                }
                String source = text.substring(i + 2, end).strip();
                if (source.isEmpty()) {
                    throw error(line, where + "the message has an empty '${}'");
                }
                if (literal.length() > 0) {
                    parts.add(new MessageTemplate.Literal(literal.toString()));
                    literal.setLength(0);
                }
                Compiled part = compiled(where, "message part", source, line);
                parts.add(new MessageTemplate.Expression(source, part.program(), part.direct()));
                i = end + 1;
            } else {
                literal.append(text.charAt(i));
                i++;
            }
        }
        if (literal.length() > 0) {
            parts.add(new MessageTemplate.Literal(literal.toString()));
        }
        return new MessageTemplate(text, parts);
    }

    /** The index of the '}' that closes an expression starting at {@code from}, or -1. */
    private static int closingBrace(String text, int from) {
        int depth = 0;
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return -1;
    }

    /**
     * An expression that compiled, type-checked and passed every check here: its CEL program, and
     * its direct form ({@link DirectExpressions#CEL_ONLY} when CEL alone evaluates it).
     */
    private record Compiled(
            CelAbstractSyntaxTree ast,
            CelRuntime.Program program,
            DirectExpressions.Direct direct) {}

    /**
     * Expressions already accepted, by their source: the same text always compiles to the same
     * checked tree against the same declarations, and programs are immutable and thread-safe. So a
     * reload of an edited file compiles only what changed, and a message part such as {@code
     * ${cost}} repeated over many rules compiles once. Bounded; the least recently used go first.
     * Only accepted expressions are kept: a refused one is checked again, with its own line.
     */
    private static final Map<String, Compiled> ACCEPTED =
            java.util.Collections.synchronizedMap(
                    new LinkedHashMap<>(1024, 0.75f, true) {
                        private static final long serialVersionUID = 1L;

                        @Override
                        protected boolean removeEldestEntry(Map.Entry<String, Compiled> eldest) {
                            return size() > 8192;
                        }
                    });

    /** Forgets every accepted expression: for measuring a first load. */
    static void forgetCompiledExpressions() {
        ACCEPTED.clear();
    }

    private Compiled compiled(String where, String what, String source, int line) {
        Compiled c = compiledExpression(where, what, source, line);
        // the names of lists and calendars are the file's own: checked on every load, cached or not
        if (source.contains("lists") || source.contains("calendars")) {
            checkKeys(
                    c.ast(),
                    (variable, key) -> {
                        Set<String> names =
                                switch (variable) {
                                    case "lists" -> data.lists().keySet();
                                    case "calendars" -> data.calendars().keySet();
                                    default -> null;
                                };
                        if (names != null && !names.contains(key)) {
                            throw error(
                                    line,
                                    unknownKeyRead(where, what, variable, key)
                                            + "this policy does not declare; its "
                                            + variable
                                            + " are: "
                                            + (names.isEmpty()
                                                    ? "(none)"
                                                    : String.join(", ", names)));
                        }
                    });
        }
        return c;
    }

    private Compiled compiledExpression(String where, String what, String source, int line) {
        Compiled known = ACCEPTED.get(source);
        if (known != null) {
            return known;
        }
        CelAbstractSyntaxTree ast = compile(where, what, source, line);
        Compiled c =
                new Compiled(
                        ast,
                        program(where, ast, line),
                        DirectExpressions.compileOrCel(ast.getExpr()));
        ACCEPTED.put(source, c);
        return c;
    }

    private CelAbstractSyntaxTree compile(String where, String what, String source, int line) {
        CelValidationResult result = PolicyVariables.COMPILER.compile(source, what);
        if (result.hasError()) {
            String errors = result.getErrorString();
            String hint =
                    errors.contains("undeclared reference")
                            ? "; the variables are: "
                                    + String.join(", ", PolicyVariables.TYPES.keySet())
                            : "";
            throw error(line, where + "the " + what + " does not compile: " + errors + hint);
        }
        CelAbstractSyntaxTree ast;
        try {
            ast = result.getAst();
        } catch (CelValidationException e) {
            throw error(line, where + "the " + what + " does not compile: " + e.getMessage());
        }
        checkFixedKeys(where, what, ast, line);
        Optional<String> unknown = PolicyChecks.unknownName(ast);
        if (unknown.isPresent()) {
            throw error(line, where + "the " + what + " " + unknown.get());
        }
        return ast;
    }

    /**
     * Refuses {@code time.hours} or {@code history["spend"]}: these variables have fixed keys, and
     * CEL's checker cannot know them (they are maps), so a typo would otherwise surface only as a
     * failed evaluation of every request.
     */
    private void checkFixedKeys(String where, String what, CelAbstractSyntaxTree ast, int line) {
        checkKeys(ast, (variable, key) -> checkKey(where, what, variable, key, line));
    }

    /** Calls {@code check} with every {@code variable.key} and {@code variable['key']} read. */
    private static void checkKeys(
            CelAbstractSyntaxTree ast, java.util.function.BiConsumer<String, String> check) {
        CelNavigableAst.fromAst(ast)
                .getRoot()
                .allNodes()
                .map(CelNavigableExpr::expr)
                .forEach(
                        e -> {
                            if (e.getKind() == CelExpr.ExprKind.Kind.SELECT
                                    && e.select().operand().getKind()
                                            == CelExpr.ExprKind.Kind.IDENT) {
                                check.accept(
                                        e.select().operand().ident().name(), e.select().field());
                            } else if (e.getKind() == CelExpr.ExprKind.Kind.CALL
                                    && e.call().function().equals("_[_]")
                                    && e.call().args().size() == 2
                                    && e.call().args().get(0).getKind()
                                            == CelExpr.ExprKind.Kind.IDENT
                                    && e.call().args().get(1).getKind()
                                            == CelExpr.ExprKind.Kind.CONSTANT
                                    && e.call().args().get(1).constant().getKind()
                                            == CelConstant.Kind.STRING_VALUE) {
                                check.accept(
                                        e.call().args().get(0).ident().name(),
                                        e.call().args().get(1).constant().stringValue());
                            }
                        });
    }

    private void checkKey(String where, String what, String variable, String key, int line) {
        List<String> keys = PolicyVariables.FIXED_KEYS.get(variable);
        if (keys != null && !keys.contains(key)) {
            throw error(
                    line,
                    unknownKeyRead(where, what, variable, key)
                            + "does not exist; the keys of '"
                            + variable
                            + "' are: "
                            + String.join(", ", keys));
        }
    }

    /** The start of the error for an expression reading a key its variable does not have. */
    private static String unknownKeyRead(String where, String what, String variable, String key) {
        return where + "the " + what + " names '" + variable + "." + key + "', which ";
    }

    private CelRuntime.Program program(String where, CelAbstractSyntaxTree ast, int line) {
        try {
            return PolicyVariables.RUNTIME.createProgram(ast);
        } catch (CelEvaluationException e) {
            throw error(line, where + "the expression cannot be prepared: " + e.getMessage());
        }
    }

    // --- lists and calendars

    /** {@code lists:}: name to a list of names. */
    private Map<String, List<String>> lists(YamlNode.Mapping.Entry entry) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (entry == null) {
            return out;
        }
        YamlNode.Mapping lists = mapping(entry.value(), "'lists'", "a list of names per list name");
        for (YamlNode.Mapping.Entry list : lists.entries().values()) {
            String name = dataName(list, "list");
            if (!(list.value() instanceof YamlNode.Sequence items)) {
                throw error(
                        list.value().line(),
                        "list '"
                                + name
                                + "' must be a list of names, found "
                                + list.value().describe());
            }
            List<String> names = new ArrayList<>();
            for (YamlNode item : items.items()) {
                if (item instanceof YamlNode.Scalar sc
                        && sc.value() instanceof String text
                        && !text.isBlank()) {
                    names.add(text);
                } else {
                    throw error(
                            item.line(),
                            "list '" + name + "' holds names (text), found " + item.describe());
                }
            }
            out.put(name, names);
        }
        return out;
    }

    /** {@code calendars:}: name to a list of windows {from, to, description}. */
    private Map<String, List<PolicyData.Window>> calendars(YamlNode.Mapping.Entry entry) {
        Map<String, List<PolicyData.Window>> out = new LinkedHashMap<>();
        if (entry == null) {
            return out;
        }
        YamlNode.Mapping calendars =
                mapping(entry.value(), "'calendars'", "a list of windows per calendar name");
        for (YamlNode.Mapping.Entry calendar : calendars.entries().values()) {
            String name = dataName(calendar, "calendar");
            if (!(calendar.value() instanceof YamlNode.Sequence items)) {
                throw error(
                        calendar.value().line(),
                        "calendar '"
                                + name
                                + "' must be a list of windows ({from: ..., to: ...}), found "
                                + calendar.value().describe());
            }
            List<PolicyData.Window> windows = new ArrayList<>();
            for (YamlNode item : items.items()) {
                String where = "calendar '" + name + "': ";
                YamlNode.Mapping w =
                        mapping(item, where + "a window", "from, to and an optional description");
                checkKeys(w, WINDOW_KEYS, "in a window of calendar '" + name + "'");
                YamlNode.Mapping.Entry from = required(w, "from", "when the window opens");
                YamlNode.Mapping.Entry to = required(w, "to", "when the window closes");
                Instant start = instant(where, from);
                Instant end = instant(where, to);
                if (!end.isAfter(start)) {
                    throw error(
                            to.value().line(),
                            where
                                    + "the window ends ("
                                    + end
                                    + ") before it starts ("
                                    + start
                                    + ")");
                }
                windows.add(
                        new PolicyData.Window(
                                start, end, optionalText(w, "description").orElse("")));
            }
            out.put(name, windows);
        }
        return out;
    }

    private String dataName(YamlNode.Mapping.Entry entry, String what) {
        if (!DATA_NAME.matcher(entry.key()).matches()) {
            throw error(
                    entry.keyLine(),
                    what
                            + " name '"
                            + entry.key()
                            + "' is not accepted; names are lowercase letters, digits and '_',"
                            + " starting with a letter or '_' (rules read them as "
                            + what
                            + "s.NAME)");
        }
        return entry.key();
    }

    /** An instant {@code 2025-12-19T18:00:00Z}, or a date {@code 2025-12-19} for its 00:00 UTC. */
    private Instant instant(String where, YamlNode.Mapping.Entry e) {
        String text =
                e.value() instanceof YamlNode.Scalar sc && sc.value() != null
                        ? sc.value().toString()
                        : "";
        try {
            return text.length() == 10
                    ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException ex) {
            throw error(
                    e.value().line(),
                    where
                            + "'"
                            + e.key()
                            + "' is '"
                            + text
                            + "'; accepted: a UTC instant such as 2025-12-19T18:00:00Z or a date"
                            + " such as 2025-12-19 (its 00:00 UTC)");
        }
    }

    // --- YAML shape helpers

    private YamlNode.Mapping mapping(YamlNode node, String what, String expected) {
        if (node instanceof YamlNode.Mapping m) {
            return m;
        }
        throw error(
                node.line(),
                what + " must be a map with " + expected + ", found " + node.describe());
    }

    private void checkKeys(YamlNode.Mapping map, List<String> accepted, String where) {
        for (YamlNode.Mapping.Entry e : map.entries().values()) {
            if (!accepted.contains(e.key())) {
                throw error(
                        e.keyLine(),
                        "unknown key '"
                                + e.key()
                                + "' "
                                + where
                                + "; accepted: "
                                + String.join(", ", accepted));
            }
        }
    }

    private YamlNode.Mapping.Entry required(YamlNode.Mapping map, String key, String what) {
        YamlNode.Mapping.Entry e = map.entries().get(key);
        if (e == null) {
            throw error(map.line(), "missing '" + key + "' (" + what + ")");
        }
        return e;
    }

    private void requireText(YamlNode.Mapping map, String key, String expected) {
        YamlNode.Mapping.Entry e = required(map, key, "must be " + expected);
        String value = text(e, expected);
        if (!value.equals(expected)) {
            throw error(
                    e.value().line(), "'" + key + "' is '" + value + "'; accepted: " + expected);
        }
    }

    private Optional<String> optionalText(YamlNode.Mapping map, String key) {
        YamlNode.Mapping.Entry e = map.entries().get(key);
        return e == null ? Optional.empty() : Optional.of(text(e, "text"));
    }

    private String text(YamlNode.Mapping.Entry e, String what) {
        if (e.value() instanceof YamlNode.Scalar s && s.value() instanceof String text) {
            return text;
        }
        throw error(
                e.value().line(),
                "'" + e.key() + "' must be " + what + " (text), found " + e.value().describe());
    }

    /** A list of texts, or one text standing for a list of one. */
    private List<YamlNode.Scalar> texts(String where, YamlNode.Mapping.Entry e, String what) {
        List<YamlNode> items =
                e.value() instanceof YamlNode.Sequence s ? s.items() : List.of(e.value());
        List<YamlNode.Scalar> out = new ArrayList<>();
        for (YamlNode item : items) {
            if (item instanceof YamlNode.Scalar s && s.value() instanceof String) {
                out.add(s);
            } else {
                throw error(
                        item.line(),
                        where
                                + "'"
                                + e.key()
                                + "' lists "
                                + what
                                + " per item, found "
                                + item.describe());
            }
        }
        return out;
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

    private PolicyLoadException error(int line, String reason) {
        return new PolicyLoadException(file, line, reason);
    }

    private static String sorted(Set<String> names) {
        return new TreeSet<>(names).stream().collect(Collectors.joining(", "));
    }
}
