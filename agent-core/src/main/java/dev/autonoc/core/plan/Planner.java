package dev.autonoc.core.plan;

/** Turns a case into a plan. A planner proposes; it cannot approve or run anything. */
public interface Planner {

    String name();

    String version();

    Plan plan(PlanningRequest request);
}
