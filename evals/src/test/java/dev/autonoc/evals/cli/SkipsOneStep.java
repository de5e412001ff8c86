package dev.autonoc.evals.cli;

import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.plan.PlanningRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A deliberately worse planner for the comparison tests: the planner it wraps, with the first step
 * that calls {@code tool} left out of every plan (the steps after it renumbered, and a step that
 * waited for it waiting for what it waited for).
 */
final class SkipsOneStep implements Planner {

    private final Planner inner;
    private final String tool;

    SkipsOneStep(Planner inner, String tool) {
        this.inner = inner;
        this.tool = tool;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public String version() {
        return inner.version() + "-without-" + tool;
    }

    @Override
    public Plan plan(PlanningRequest request) {
        Plan plan = inner.plan(request);
        int skipped = -1;
        for (PlanStep s : plan.steps()) {
            if (s.call().tool().equals(tool)) {
                skipped = s.index();
                break;
            }
        }
        if (skipped < 0) {
            return plan;
        }
        OptionalInt inherited = plan.steps().get(skipped).afterCompletionOf();
        List<PlanStep> kept = new ArrayList<>();
        for (PlanStep s : plan.steps()) {
            if (s.index() == skipped) {
                continue;
            }
            OptionalInt after = s.afterCompletionOf();
            if (after.isPresent() && after.getAsInt() == skipped) {
                after = inherited;
            } else if (after.isPresent() && after.getAsInt() > skipped) {
                after = OptionalInt.of(after.getAsInt() - 1);
            }
            kept.add(new PlanStep(kept.size(), s.call(), s.notBefore(), after, s.purpose()));
        }
        return new Plan(
                plan.caseId(),
                plan.planner(),
                version(),
                kept,
                plan.rationale() + " (without " + tool + ")");
    }
}
