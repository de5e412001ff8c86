package dev.autonoc.core.loop;

import static dev.autonoc.core.tool.ToolValues.instant;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.casefile.Commitment;
import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.plan.Holding;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.tool.ToolNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Shares the field engineers between open cases (docs/agent.md, "The scheduler"): cases are worked
 * most urgent first, each planner sees the engineer time the other cases count on, and a more
 * urgent case may take a less urgent one's booking, which is then booked again elsewhere.
 *
 * <p>Spares need no such book: an order reserves its part in the warehouse when it is placed, so a
 * second case sees the stock that is left.
 */
final class Scheduler {

    /** A booking this close to its start cannot be taken: the engineer may be on the way. */
    static final Duration TOO_LATE_TO_TAKE = Duration.ofHours(5);

    /** How long a job takes when its booking does not say. */
    static final Duration JOB = Duration.ofHours(1);

    private Scheduler() {}

    /** When the case's element is expected to fail at the earliest: what its urgency is. */
    static Instant deadlineOf(CaseRecord c) {
        return c.latest().earliestFailureAt();
    }

    /** Most urgent first: earliest failure, then the older case. */
    static List<CaseRecord> byUrgency(List<CaseRecord> cases) {
        return cases.stream()
                .sorted(
                        Comparator.comparing(Scheduler::deadlineOf)
                                .thenComparing(CaseRecord::openedAt)
                                .thenComparing(c -> c.id().value()))
                .toList();
    }

    /** The engineer time every open case but {@code except} counts on. */
    static List<Holding> holdings(List<CaseRecord> open, CaseId except, Instant now) {
        List<Holding> out = new ArrayList<>();
        for (CaseRecord c : open) {
            if (c.id().equals(except) || !c.status().isAgentWorking() || c.plan().isEmpty()) {
                continue;
            }
            for (PlanStep planned : c.plan().get().steps()) {
                StepRecord s = c.step(planned.index());
                if (!s.call().tool().equals(ToolNames.DISPATCH_ENGINEER)) {
                    continue;
                }
                boolean booked = s.state() == StepState.DONE && s.commitment() == Commitment.LIVE;
                if (!booked && s.state().isFinal()) {
                    continue;
                }
                Optional<Instant> start = instant(s.call().arguments().get("start"));
                Object engineer = s.call().arguments().get("engineer_id");
                if (start.isEmpty() || !(engineer instanceof String id)) {
                    continue;
                }
                Instant end = s.completesAt().orElse(start.get().plus(JOB));
                boolean started = booked && !now.isBefore(start.get().minus(TOO_LATE_TO_TAKE));
                out.add(
                        new Holding(
                                c.id(),
                                s.index(),
                                id,
                                start.get(),
                                end,
                                deadlineOf(c),
                                booked,
                                started));
            }
        }
        return out;
    }
}
