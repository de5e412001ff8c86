package dev.autonoc.core.planner.llm;

import dev.autonoc.core.casefile.Exclusion;
import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.plan.CaseContext;
import dev.autonoc.core.plan.Holding;
import dev.autonoc.core.plan.PlanningRequest;
import dev.autonoc.core.prediction.Prediction;
import java.util.Collection;

/**
 * The case as the model is told it: facts the agent holds (element, prediction, the time), and for
 * a replan where the case stands. Every piece of text that came from outside the agent (a far
 * side's refusal, a person's reason, a tool's output) is fenced as data ({@link Fence}); the model
 * never sees the policy, the approvers, other cases' details, credentials or the ledger.
 */
final class Prompt {

    static String describe(PlanningRequest request, Fence fence, Collection<String> tools) {
        Element el = request.element();
        Prediction p = request.prediction();
        CaseContext context = request.context();
        StringBuilder s = new StringBuilder();
        s.append("Case ")
                .append(request.caseId())
                .append(" at ")
                .append(request.now())
                .append(" (UTC), revision ")
                .append(context.revision())
                .append(".\n");
        s.append("Element ")
                .append(el.id())
                .append(": kind ")
                .append(el.kind())
                .append(", role ")
                .append(el.role())
                .append(", region ")
                .append(el.region())
                .append(", site ")
                .append(el.site())
                .append(".\n");
        s.append(LlmPlanner.describe(p));
        p.mode()
                .part()
                .ifPresentOrElse(
                        part ->
                                s.append("The part that mends it: ")
                                        .append(part.code())
                                        .append(".\n"),
                        () ->
                                s.append(
                                        "No part mends it: the element must be restarted in a quiet hour with its traffic moved off first.\n"));
        if (context.isReplan()) {
            s.append("\nThis is a replan. Why:\n")
                    .append(fence.wrap("replan reason", context.reason()))
                    .append('\n');
            if (!context.commitments().isEmpty()) {
                s.append(
                        "Earlier steps whose effect stands: keep each (list its number in keeps) or"
                                + " take it back (a step {\"undoes\": number}).\n");
                for (StepRecord c : context.commitments()) {
                    s.append("- step ")
                            .append(c.index())
                            .append(": ")
                            .append(c.call().tool())
                            .append(' ')
                            .append(Json.write(c.call().arguments()))
                            .append(
                                    c.undo().isPresent()
                                            ? " (can be undone)"
                                            : " (cannot be undone)")
                            .append('\n');
                }
            }
            if (!context.exclusions().isEmpty()) {
                s.append("Calls not to make again:\n");
                for (Exclusion e : context.exclusions()) {
                    s.append("- ")
                            .append(LlmPlanner.describe(e))
                            .append(e.until().map(u -> " until " + u).orElse(""))
                            .append(", because:\n")
                            .append(fence.wrap("refusal", e.reason()))
                            .append('\n');
                }
            }
            for (Holding h : context.holdings()) {
                s.append("- engineer ")
                        .append(h.engineerId())
                        .append(" is held by another case from ")
                        .append(h.from())
                        .append(" to ")
                        .append(h.to())
                        .append('\n');
            }
        }
        s.append("\nSteps are numbered in your plan from 0; after_step refers to those numbers.")
                .append(" Tools a step may call: ")
                .append(String.join(", ", tools.stream().sorted().toList()))
                .append(".\nPlan the remediation and call ")
                .append(LlmPlanner.SUBMIT_PLAN)
                .append('.');
        return s.toString();
    }

    private Prompt() {}
}
