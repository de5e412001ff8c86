package dev.autonoc.policy;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A policy's CEL, compiled once: rule conditions and the {@code ${...}} parts of messages, each
 * type-checked against {@link PolicyVariables}, its fixed keys and the file's own lists and
 * calendars checked, and given its direct form ({@link DirectExpressions}) where it has one.
 * Accepted expressions are shared between loads (see {@link #ACCEPTED}).
 */
final class PolicyExpressions {

    private final String file;
    private final PolicyData data;

    PolicyExpressions(String file, PolicyData data) {
        this.file = file;
        this.data = data;
    }

    Compiled condition(String where, String source, int line) {
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

    MessageTemplate template(String where, String text, int line) {
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
        boolean[] code = CelText.code(text, from);
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!code[i]) {
                continue;
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
    record Compiled(
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

    /** The variables a condition reads that say what the moment is, not what the call is. */
    private static final Set<String> MOMENT_VARIABLES = Set.of("history", "calendars", "time");

    /**
     * Whether a checked expression reads the guards' counts ({@code history}), the calendars or the
     * time of day: the variables, not the text, so that a string constant such as {@code 'time.'}
     * or a key named {@code history} of {@code facts} does not count.
     */
    static boolean readsTheMoment(CelAbstractSyntaxTree ast) {
        return CelNavigableAst.fromAst(ast)
                .getRoot()
                .allNodes()
                .map(CelNavigableExpr::expr)
                .anyMatch(
                        e ->
                                e.getKind() == CelExpr.ExprKind.Kind.IDENT
                                        && MOMENT_VARIABLES.contains(e.ident().name()));
    }

    /**
     * Whether a checked expression reads nothing of the moment but the guards' counts of the day
     * ({@code history.*_today}), and reads some: what it denies starts again at the next UTC
     * midnight, when those counts do. A condition that also reads the calendars, the time of day,
     * the work under way or the {@code history} map whole is not known to end then.
     */
    static boolean readsOnlyTheDaysCounts(CelAbstractSyntaxTree ast) {
        long momentReads =
                CelNavigableAst.fromAst(ast)
                        .getRoot()
                        .allNodes()
                        .map(CelNavigableExpr::expr)
                        .filter(
                                e ->
                                        e.getKind() == CelExpr.ExprKind.Kind.IDENT
                                                && MOMENT_VARIABLES.contains(e.ident().name()))
                        .count();
        long[] dayCounts = {0};
        checkKeys(
                ast,
                (variable, key) -> {
                    if (variable.equals("history") && key.endsWith("_today")) {
                        dayCounts[0]++;
                    }
                });
        return momentReads > 0 && dayCounts[0] == momentReads;
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

    private PolicyLoadException error(int line, String reason) {
        return new PolicyLoadException(file, line, reason);
    }
}
