package dev.autonoc.core.plan;

import dev.autonoc.core.cases.CaseId;
import java.util.List;
import java.util.Objects;

/** What a planner proposes for a case: ordered steps, each one tool call, and why. */
public record Plan(
        CaseId caseId,
        String planner,
        String plannerVersion,
        List<PlanStep> steps,
        String rationale) {

    public Plan {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(planner, "planner");
        Objects.requireNonNull(plannerVersion, "plannerVersion");
        Objects.requireNonNull(rationale, "rationale");
        steps = List.copyOf(steps);
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).index() != i) {
                throw new IllegalArgumentException(
                        "plan steps are numbered 0..n-1 in order; step "
                                + i
                                + " says "
                                + steps.get(i).index());
            }
        }
    }
}
