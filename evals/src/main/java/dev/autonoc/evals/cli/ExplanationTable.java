package dev.autonoc.evals.cli;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.policy.PolicyExplanation;
import dev.autonoc.policy.RuleVerdict;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** {@code autonoc policy explain} as people read it: the decision, then one line per rule. */
final class ExplanationTable {

    private ExplanationTable() {}

    static void print(PrintWriter out, ActionRequest request, PolicyExplanation e) {
        Element element = request.element();
        double cost = request.estimate().costGbp();
        out.printf(
                Locale.ROOT,
                "%s on %s (%s %s, %s) at %s, cost %s GBP, risk %s, proposed by %s%n",
                request.call().tool(),
                element.id().value(),
                element.kind(),
                element.role(),
                element.region(),
                request.at(),
                cost == Math.rint(cost) ? Long.toString((long) cost) : Double.toString(cost),
                request.estimate().risk(),
                request.proposer());
        Decision d = e.decision();
        out.println("policy: " + e.policyName() + " (" + e.version() + ")");
        out.println(
                "decision: "
                        + d.effect()
                        + d.requiredRole().map(r -> ", by a person with the role " + r).orElse(""));
        for (int i = 0; i < d.ruleIds().size(); i++) {
            out.println(
                    "  because "
                            + d.ruleIds().get(i)
                            + ": "
                            + (i < d.reasons().size() ? d.reasons().get(i) : ""));
        }
        if (d.ruleIds().isEmpty()) {
            d.reasons().forEach(r -> out.println("  because " + r));
        }
        // what the decision read besides the action: the guards' counters, the open calendars
        new TreeMap<>(d.context()).forEach((k, v) -> out.println("read " + k + ": " + v));

        Map<RuleVerdict.Verdict, Integer> counts = new EnumMap<>(RuleVerdict.Verdict.class);
        e.rules().forEach(v -> counts.merge(v.verdict(), 1, Integer::sum));
        out.printf(
                Locale.ROOT,
                "%d rules, in file order: %d fired, %d could not be evaluated, %d condition false,"
                        + " %d not matched (* = decided)%n",
                e.rules().size(),
                counts.getOrDefault(RuleVerdict.Verdict.FIRED, 0),
                counts.getOrDefault(RuleVerdict.Verdict.ERROR, 0),
                counts.getOrDefault(RuleVerdict.Verdict.CONDITION_FALSE, 0),
                counts.getOrDefault(RuleVerdict.Verdict.NOT_MATCHED, 0));
        if (e.rules().isEmpty()) {
            return;
        }
        int idWidth = "RULE".length();
        int writtenWidth = "WRITTEN AS".length();
        for (RuleVerdict v : e.rules()) {
            idWidth = Math.max(idWidth, v.rule().id().length());
            writtenWidth = Math.max(writtenWidth, written(v).length());
        }
        String row = "  %s %-15s  %-" + idWidth + "s  %-" + writtenWidth + "s  %s";
        out.println(
                String.format(Locale.ROOT, row, " ", "VERDICT", "RULE", "WRITTEN AS", "CONTRIBUTED")
                        .stripTrailing());
        for (RuleVerdict v : e.rules()) {
            String contributed =
                    v.contributed()
                            .map(
                                    c ->
                                            c
                                                    + v.role().map(r -> " (" + r + ")").orElse("")
                                                    + ": "
                                                    + v.message().orElse(""))
                            .orElse("");
            out.println(
                    String.format(
                                    Locale.ROOT,
                                    row,
                                    v.decided() ? "*" : " ",
                                    v.verdict(),
                                    v.rule().id(),
                                    written(v),
                                    contributed)
                            .stripTrailing());
        }
    }

    /** The rule's effect as the file wrote it, with the role it asks for. */
    private static String written(RuleVerdict v) {
        return v.rule().effect() + v.rule().role().map(r -> " (" + r + ")").orElse("");
    }
}
