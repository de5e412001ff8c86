package dev.autonoc.core.loop;

import dev.autonoc.core.casefile.Commitment;
import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.plan.Assumption;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.core.tool.ToolValues;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a case's record says of one of its steps, read without acting ({@link CaseWork}'s state
 * machine asks): whether it is due, whether its attempt may have acted, what an order's answer
 * means for the plan, which standing effects a done step settles, and how long it must wait for a
 * pause of its undo or a person's answer about a drain.
 */
final class StepFacts {

    private StepFacts() {}

    /**
     * Until when an undo is paused on the case's element (its denial of the moment not over yet),
     * if it is: asked before then, the gate only denies it again. A plan made by the playbook puts
     * such an undo at the pause's end already; this holds any other plan to it.
     */
    static Optional<Instant> undoPaused(CaseRecord c, StepRecord step, Instant now) {
        if (step.undoes().isEmpty()) {
            return Optional.empty();
        }
        return c.exclusions().stream()
                .filter(e -> e.until().isPresent() && e.holdsAt(now))
                .filter(e -> e.excludes(step.call().tool(), step.call().arguments()))
                .map(e -> e.until().get())
                .max(Instant::compareTo);
    }

    static boolean isDue(CaseRecord c, PlanStep planned, StepRecord step, Instant now) {
        if (now.isBefore(planned.notBefore())) {
            return false;
        }
        if (planned.afterCompletionOf().isPresent()) {
            StepRecord before = c.step(planned.afterCompletionOf().getAsInt());
            if (before.state() == StepState.OBSERVED) {
                // as if it had been done when it was judged: its completion is not known
                return step.retryAt().isEmpty() || !now.isBefore(step.retryAt().get());
            }
            if (before.state() != StepState.DONE) {
                return false;
            }
            if (before.completesAt().isPresent() && now.isBefore(before.completesAt().get())) {
                return false;
            }
        }
        return step.retryAt().isEmpty() || !now.isBefore(step.retryAt().get());
    }

    /**
     * Whether an earlier call of the step's current attempt came back UNCERTAIN, and so may have
     * acted under its key: a later TRANSIENT answer (the far side down) or a denial says nothing of
     * that effect (safety property 3). Read from the counts the record keeps: the attempt moves
     * once per TRANSIENT outcome and never after an UNCERTAIN one, while the tries count every
     * call, so more tries than earlier attempts means one call of this attempt was uncertain.
     */
    static boolean mayHaveActed(StepRecord step) {
        return step.tries() >= step.attempt();
    }

    /**
     * An order's own answer says when its part comes. When that is after the time the plan needs it
     * (its {@code PART_ARRIVES_BY}: an approval that took hours, a quote that moved between the
     * planner's stock read and the order), the plan no longer holds, and the steps after the order
     * (the visit that counts on the part) must not run on it: the case replans at once. Left to the
     * OSS checks, a visit booked right after the order would go ahead without the part when no
     * check fell between the order and the visit (seen in generated suite 20261215, scenario 1: the
     * job done with nothing to fit, the ticket closed as mended, the link failed two days later).
     */
    static Optional<String> arrivesTooLate(CaseRecord c, StepRecord order, ToolResult r) {
        if (!order.call().tool().equals(ToolNames.ORDER_PART)
                || r.completesAt().isEmpty()
                || c.plan().isEmpty()) {
            return Optional.empty();
        }
        Instant arrives = r.completesAt().get();
        return c.plan().get().assumptions().stream()
                .filter(
                        a ->
                                a.kind() == Assumption.Kind.PART_ARRIVES_BY
                                        && a.step().isPresent()
                                        && a.step().getAsInt() == order.index()
                                        && arrives.isAfter(a.at()))
                .findFirst()
                .map(
                        a ->
                                "the part ordered by step "
                                        + order.index()
                                        + " arrives "
                                        + arrives
                                        + ", after "
                                        + a.at()
                                        + ", when the plan needs it");
    }

    /**
     * The plan's own counterpart of an earlier effect ends it for good: traffic put back after a
     * reroute, the ticket closed after it was opened. Neither needs an undo any more.
     */
    static CaseRecord settledBy(CaseRecord c, StepRecord done) {
        String settles =
                switch (done.call().tool()) {
                    case ToolNames.RESTORE_TRAFFIC -> ToolNames.REROUTE_TRAFFIC;
                    case ToolNames.CLOSE_TICKET -> ToolNames.OPEN_TICKET;
                    default -> null;
                };
        if (settles == null || done.undoes().isPresent()) {
            return c;
        }
        CaseRecord out = c;
        for (StepRecord s : c.commitments()) {
            if (s.call().tool().equals(settles)) {
                out =
                        out.withStep(
                                s.withCommitment(
                                        Commitment.SETTLED, "ended by step " + done.index()));
            }
        }
        return out;
    }

    /** When the visit a booking step asks for starts; empty for any other step. */
    /**
     * How long before its engineer leaves a visit can still be moved for a drain that waits for a
     * person: the workforce system cancels a booking up to then, and the loop looks once a tick.
     */
    static final Duration DRAIN_APPROVAL_CUTOFF = Duration.ofMinutes(15);

    /**
     * When the engineer of one of the case's standing visits leaves, if {@code step} is a drain
     * waiting for a person while that is within {@link #DRAIN_APPROVAL_CUTOFF}: the visit is still
     * to start, and can still be cancelled.
     */
    static Optional<Instant> leavesWhileDrainWaits(CaseRecord c, StepRecord step, Instant now) {
        if (!step.call().tool().equals(ToolNames.REROUTE_TRAFFIC)) {
            return Optional.empty();
        }
        return c.commitments().stream()
                .filter(s -> s.call().tool().equals(ToolNames.DISPATCH_ENGINEER))
                .filter(s -> s.commitment().undoable())
                .flatMap(s -> ToolValues.instant(s.output().get("leaves_at")).stream())
                .filter(t -> now.isBefore(t) && !now.isBefore(t.minus(DRAIN_APPROVAL_CUTOFF)))
                .min(Instant::compareTo);
    }

    static Optional<Instant> visitStart(StepRecord step) {
        return step.call().tool().equals(ToolNames.DISPATCH_ENGINEER)
                ? ToolValues.instant(step.call().arguments().get("start"))
                : Optional.empty();
    }
}
