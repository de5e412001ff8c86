package dev.autonoc.policy;

import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.policy.Effect;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolNames;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of a policy that look past one expression's types: names compared in a condition that
 * the gate can never see ({@code tool == 'order_prt'}), and rules that can never decide because a
 * broader DENY fires whenever they do.
 */
final class PolicyChecks {

    /**
     * Variables holding a name from a closed set, keyed by how a condition reads them ({@code
     * tool}, {@code element.kind}), with the names accepted.
     */
    static final Map<String, List<String>> CLOSED_NAMES =
            Map.of(
                    "tool", ToolNames.ACT,
                    "risk", names(Risk.values()),
                    "element.kind", names(ElementKind.values()),
                    "case.mode", names(FailureMode.values()),
                    "time.weekday", names(DayOfWeek.values()));

    private PolicyChecks() {}

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    /**
     * The first name compared with a closed-set variable ({@code tool == 'x'}, {@code tool != 'x'},
     * {@code tool in ['x', 'y']}, {@code element.kind == 'x'}) that is not among its names, as the
     * reason to refuse the expression; empty when every such name is known.
     */
    static Optional<String> unknownName(CelAbstractSyntaxTree ast) {
        return CelNavigableAst.fromAst(ast)
                .getRoot()
                .allNodes()
                .map(CelNavigableExpr::expr)
                .filter(e -> e.getKind() == CelExpr.ExprKind.Kind.CALL)
                .map(PolicyChecks::unknownNameIn)
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<String> unknownNameIn(CelExpr call) {
        String function = call.call().function();
        List<CelExpr> args = call.call().args();
        if (args.size() != 2) {
            return Optional.empty();
        }
        List<String[]> compared = new ArrayList<>();
        if (function.equals("_==_") || function.equals("_!=_")) {
            variable(args.get(0))
                    .ifPresent(v -> text(args.get(1)).ifPresent(t -> compared.add(pair(v, t))));
            variable(args.get(1))
                    .ifPresent(v -> text(args.get(0)).ifPresent(t -> compared.add(pair(v, t))));
        } else if (function.equals("@in") && args.get(1).getKind() == CelExpr.ExprKind.Kind.LIST) {
            variable(args.get(0))
                    .ifPresent(
                            v ->
                                    args.get(1).list().elements().stream()
                                            .map(PolicyChecks::text)
                                            .flatMap(Optional::stream)
                                            .forEach(t -> compared.add(pair(v, t))));
        }
        for (String[] vt : compared) {
            List<String> accepted = CLOSED_NAMES.get(vt[0]);
            if (!accepted.contains(vt[1])) {
                String what =
                        vt[0].equals("tool") && ToolNames.READ.contains(vt[1])
                                ? "'" + vt[1] + "' is a read tool and never passes the gate"
                                : "'" + vt[1] + "' is not a value of '" + vt[0] + "'";
                return Optional.of(
                        "compares '"
                                + vt[0]
                                + "' with '"
                                + vt[1]
                                + "': "
                                + what
                                + "; accepted: "
                                + String.join(", ", accepted));
            }
        }
        return Optional.empty();
    }

    private static String[] pair(String variable, String text) {
        return new String[] {variable, text};
    }

    /** {@code tool}, or {@code element.kind} and the like, when it holds a closed-set name. */
    private static Optional<String> variable(CelExpr e) {
        String name = null;
        if (e.getKind() == CelExpr.ExprKind.Kind.IDENT) {
            name = e.ident().name();
        } else if (e.getKind() == CelExpr.ExprKind.Kind.SELECT
                && e.select().operand().getKind() == CelExpr.ExprKind.Kind.IDENT) {
            name = e.select().operand().ident().name() + "." + e.select().field();
        } else if (e.getKind() == CelExpr.ExprKind.Kind.CALL
                && e.call().function().equals("_[_]")
                && e.call().args().size() == 2
                && e.call().args().get(0).getKind() == CelExpr.ExprKind.Kind.IDENT) {
            Optional<String> key = text(e.call().args().get(1));
            if (key.isPresent()) {
                name = e.call().args().get(0).ident().name() + "." + key.get();
            }
        }
        return name != null && CLOSED_NAMES.containsKey(name)
                ? Optional.of(name)
                : Optional.empty();
    }

    private static Optional<String> text(CelExpr e) {
        return e.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                        && e.constant().getKind() == CelConstant.Kind.STRING_VALUE
                ? Optional.of(e.constant().stringValue())
                : Optional.empty();
    }

    /**
     * A rule that is not a DENY and can never decide: a DENY rule matches every request it matches
     * (the same tools or more; any kind and region, or the same ones or more) and fires whenever it
     * fires (no condition, or a condition made of some of the rule's own {@code &&} parts). As DENY
     * beats the others, such a rule would never take effect: the file is refused at the shadowed
     * rule, naming the DENY.
     */
    static Optional<String> shadowed(CompiledRule rule, List<CompiledRule> rules) {
        if (rule.effect() == Effect.DENY) {
            return Optional.empty();
        }
        Set<String> parts = new HashSet<>(conjuncts(rule.conditionSource()));
        for (CompiledRule deny : rules) {
            if (deny.effect() != Effect.DENY || !covers(deny.match(), rule.match())) {
                continue;
            }
            List<String> denyParts = conjuncts(deny.conditionSource());
            boolean always = denyParts.equals(List.of("true"));
            if (always || parts.containsAll(denyParts)) {
                return Optional.of(
                        "rule '"
                                + rule.id()
                                + "' ("
                                + rule.effect()
                                + ") can never decide: rule '"
                                + deny.id()
                                + "' on line "
                                + deny.line()
                                + " is a DENY that matches every request it matches and fires"
                                + (always
                                        ? " always"
                                        : " whenever it does (its condition is part of this"
                                                + " rule's)")
                                + "; narrow the DENY or remove the shadowed rule");
            }
        }
        return Optional.empty();
    }

    private static boolean covers(RuleMatch broad, RuleMatch narrow) {
        return broad.tools().containsAll(narrow.tools())
                && (broad.kinds().isEmpty()
                        || (!narrow.kinds().isEmpty() && broad.kinds().containsAll(narrow.kinds())))
                && (broad.regions().isEmpty()
                        || (!narrow.regions().isEmpty()
                                && broad.regions().containsAll(narrow.regions())));
    }

    /**
     * The top-level {@code &&} parts of a condition's source, each without blanks outside quotes
     * and without parentheses around it all; the whole condition as one part when it has a
     * top-level {@code ||} or {@code ?:}, which bind looser than {@code &&}.
     */
    static List<String> conjuncts(String source) {
        String s = strip(compact(source));
        boolean[] code = CelText.code(s, 0);
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!code[i]) {
                continue;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (depth == 0 && (c == '?' || s.startsWith("||", i))) {
                return List.of(s);
            } else if (depth == 0 && s.startsWith("&&", i)) {
                parts.add(strip(s.substring(start, i)));
                start = i + 2;
                i++;
            }
        }
        parts.add(strip(s.substring(start)));
        return parts;
    }

    /** The text without blanks outside quotes. */
    private static String compact(String source) {
        StringBuilder out = new StringBuilder();
        boolean[] code = CelText.code(source, 0);
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (!code[i] || !Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Without parentheses that wrap the whole text. */
    private static String strip(String s) {
        while (s.startsWith("(") && s.endsWith(")") && closes(s) == s.length() - 1) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** Where the parenthesis opening {@code s} closes. */
    private static int closes(String s) {
        int depth = 0;
        boolean[] code = CelText.code(s, 0);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!code[i]) {
                continue;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }
}
