package dev.autonoc.core.plan;

import dev.autonoc.core.CaseId;
import java.time.Instant;
import java.util.Objects;

/**
 * An engineer's time another open case counts on (docs/agent.md, "The scheduler"): booked already,
 * or planned and not booked yet (waiting for an approval, or for its turn). A planner treats it as
 * taken, unless its case can wait longer than the one being planned: then it may ask for it to be
 * yielded ({@link Plan} steps book it; the loop has the holder replan first).
 *
 * @param step the holder's dispatch step
 * @param from when the engineer leaves for the job
 * @param to when the job ends and the engineer is back on the road
 * @param holderDeadline when the holder's element is expected to fail at the earliest
 * @param booked whether the booking exists in the workforce system already
 * @param started whether the engineer has left (a started job cannot be yielded)
 */
public record Holding(
        CaseId caseId,
        int step,
        String engineerId,
        Instant from,
        Instant to,
        Instant holderDeadline,
        boolean booked,
        boolean started) {

    public Holding {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(engineerId, "engineerId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(holderDeadline, "holderDeadline");
    }

    public boolean overlaps(Instant a, Instant b) {
        return a.isBefore(to) && from.isBefore(b);
    }
}
