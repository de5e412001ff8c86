package dev.autonoc.core.plan;

import dev.autonoc.core.CaseId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a planner proposes for a case: ordered steps, each one tool call, and why; for a replan also
 * which earlier effects it keeps (the rest it undoes, by steps that name them), and what it rests
 * on, so that the loop knows when to plan again.
 *
 * @param steps numbered on from where the case's earlier steps end, in order
 * @param revision 0 for a case's first plan, one more for each replan
 * @param keeps the indexes of earlier steps whose effects this plan relies on and keeps
 * @param assumptions what must stay true for the plan to work
 * @param takes engineer time other, less urgent cases hold that this plan books: the loop has each
 *     holder plan again without it (and undo its booking) before this plan's steps run
 * @param escalation when present, a person takes the case once the steps are done, for this reason
 *     (the steps are the mitigation the agent could do)
 */
public record Plan(
        CaseId caseId,
        String planner,
        String plannerVersion,
        List<PlanStep> steps,
        String rationale,
        int revision,
        List<Integer> keeps,
        List<Assumption> assumptions,
        List<Holding> takes,
        Optional<String> escalation) {

    public Plan {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(planner, "planner");
        Objects.requireNonNull(plannerVersion, "plannerVersion");
        Objects.requireNonNull(rationale, "rationale");
        Objects.requireNonNull(escalation, "escalation");
        steps = List.copyOf(steps);
        keeps = List.copyOf(keeps);
        assumptions = List.copyOf(assumptions);
        takes = List.copyOf(takes);
        if (revision < 0) {
            throw new IllegalArgumentException("revision must be >= 0, got " + revision);
        }
        int first = steps.isEmpty() ? 0 : steps.get(0).index();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).index() != first + i) {
                throw new IllegalArgumentException(
                        "plan steps are numbered on in order from "
                                + first
                                + "; step "
                                + (first + i)
                                + " says "
                                + steps.get(i).index());
            }
        }
    }

    /** A first plan, numbered from 0, that keeps nothing and states no assumptions. */
    public Plan(
            CaseId caseId,
            String planner,
            String plannerVersion,
            List<PlanStep> steps,
            String rationale) {
        this(
                caseId,
                planner,
                plannerVersion,
                steps,
                rationale,
                0,
                List.of(),
                List.of(),
                List.of(),
                Optional.empty());
    }

    /**
     * Whether the plan waits for something (a watch's confirmation or decision time, a time to
     * reconsider): such a plan does not end the case when its steps are done.
     */
    public boolean waits() {
        return assumptions.stream()
                .anyMatch(
                        a ->
                                a.kind() == Assumption.Kind.WATCH
                                        || a.kind() == Assumption.Kind.RECONSIDER_AT);
    }

    /** The index of the first step, or {@code fallback} for a plan with none. */
    public int firstIndex(int fallback) {
        return steps.isEmpty() ? fallback : steps.get(0).index();
    }

    /**
     * The same plan as revision {@code newRevision} with its steps numbered from {@code first}: for
     * a planner that numbers every plan from 0 (and so refers to no earlier step).
     */
    public Plan renumbered(int first, int newRevision) {
        int by = first - firstIndex(first);
        return new Plan(
                caseId,
                planner,
                plannerVersion,
                steps.stream().map(s -> s.shifted(by)).toList(),
                rationale,
                newRevision,
                keeps,
                assumptions.stream().map(a -> a.shifted(by)).toList(),
                takes,
                escalation);
    }
}
