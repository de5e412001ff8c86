package dev.autonoc.service.connected;

import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.plan.PlanningRequest;
import dev.autonoc.core.planner.PlaybookPlanner;
import java.util.Objects;

/**
 * A planner asked by one thread at a time, for a loop that works its new cases at once: the
 * playbook keeps nothing between plans and is asked as it is; any other (the hybrid planner, whose
 * model exchanges and steering are one conversation's) is asked under a lock, so that cases still
 * overlap their opening, their reads outside planning and their writes.
 */
final class OneAtATimePlanner implements Planner {

    private final Planner planner;

    private OneAtATimePlanner(Planner planner) {
        this.planner = planner;
    }

    static Planner unlessStateless(Planner planner) {
        Objects.requireNonNull(planner, "planner");
        return planner instanceof PlaybookPlanner ? planner : new OneAtATimePlanner(planner);
    }

    @Override
    public String name() {
        return planner.name();
    }

    @Override
    public String version() {
        return planner.version();
    }

    @Override
    public synchronized Plan plan(PlanningRequest request) {
        return planner.plan(request);
    }
}
