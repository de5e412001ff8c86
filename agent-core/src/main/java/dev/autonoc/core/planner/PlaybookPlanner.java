package dev.autonoc.core.planner;

import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.plan.PlanningRequest;

/** The default planner: a playbook per failure mode, timed from the prediction, stock, shifts and quiet hours. */
public final class PlaybookPlanner implements Planner {

    public static final String NAME = "playbook";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public Plan plan(PlanningRequest request) {
        throw new UnsupportedOperationException("being built");
    }
}
