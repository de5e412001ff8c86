package dev.autonoc.core.loop;

import static dev.autonoc.core.tool.ToolValues.instant;

import dev.autonoc.core.casefile.Commitment;
import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.plan.Assumption;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps an eye on what each plan rests on (docs/agent.md, "Replanning"): every tick, the element's
 * latest prediction against the plan's deadline and watch; at intervals, and once more before the
 * work, the OSS's word on the plan's order and booking. A broken assumption marks the case for a
 * replan, with why.
 */
final class Watchman {

    /** A prediction that moved closer replans at most this often (a failure replans at once). */
    static final Duration REPLAN_SPACING = Duration.ofHours(1);

    private final LoopKit kit;

    Watchman(LoopKit kit) {
        this.kit = kit;
    }

    /**
     * Takes this tick's prediction for the case's element (empty: not at risk now) into the case:
     * when it went quiet, and whether the plan still holds.
     */
    CaseRecord sense(CaseRecord c, Optional<Prediction> now, Instant at) {
        CaseRecord out = c;
        if (now.isEmpty()) {
            return out.quietSince().isPresent()
                    ? out
                    : kit.save(out.withQuietSince(Optional.of(at)));
        }
        if (out.quietSince().isPresent()) {
            out = kit.save(out.withQuietSince(Optional.empty()));
        }
        if (out.replanDue().isPresent() || out.plan().isEmpty()) {
            return out;
        }
        Optional<String> broken = brokenBy(out.plan().get(), out.latest(), now.get(), at);
        return broken.isPresent() ? kit.save(out.replanning(broken.get(), Optional.empty())) : out;
    }

    /**
     * A plan that waits for a time to reconsider, when that time has come (whatever the alarm); and
     * a plan overtaken by the clock: the part it needs by a time has not even been ordered by then
     * (the order waits for a person who does not answer, or for a far side that keeps failing).
     * Nothing else would notice: the approval of an order waits as long as nobody answers, and the
     * plan's work, timed on a part that cannot come, would hold the case until the failure. Where
     * the operator set an approval timeout, an unanswered request goes up the role hierarchy at its
     * expiry instead ({@code approvalTimeout}): asking anew at the same role would undo that climb.
     */
    CaseRecord reconsider(CaseRecord c, Instant now) {
        if (c.replanDue().isPresent() || c.plan().isEmpty()) {
            return c;
        }
        if (c.exclusions().stream().anyMatch(e -> e.waitsForTrustedData(now))
                && kit.predictor
                        .dataQuality(c.element().id(), now)
                        .filter(q -> q.trusted())
                        .isPresent()) {
            return dataTrustedAgain(c, now);
        }
        for (Assumption a : c.plan().get().assumptions()) {
            if (a.kind() == Assumption.Kind.RECONSIDER_AT && !now.isBefore(a.at())) {
                return kit.save(c.replanning("time to reconsider: " + a.text(), Optional.empty()));
            }
            if (a.kind() == Assumption.Kind.PART_ARRIVES_BY
                    && !now.isBefore(a.at())
                    && notRunYet(c, a.step().getAsInt())) {
                StepRecord order = c.step(a.step().getAsInt());
                return kit.save(
                        c.replanning(
                                "step "
                                        + order.index()
                                        + " ("
                                        + order.call().tool()
                                        + ") has not run by "
                                        + a.at()
                                        + ", when the plan needs the part ("
                                        + (order.state() == StepState.WAITING_APPROVAL
                                                ? "still waiting for a person's answer"
                                                : "still to be tried")
                                        + ")",
                                Optional.empty()));
            }
        }
        return c;
    }

    /**
     * The element's data are trusted again while a tool waits out a pause that answered a question
     * asked only because they were not: the pause lapses, and a plan that was waiting for it is
     * made anew (the gate will not ask the question again; a different one goes to a person).
     */
    private CaseRecord dataTrustedAgain(CaseRecord c, Instant now) {
        CaseRecord lapsed = c.withDataPausesLapsed(now);
        boolean waiting =
                c.plan().get().assumptions().stream()
                        .anyMatch(
                                a ->
                                        a.kind() == Assumption.Kind.RECONSIDER_AT
                                                && now.isBefore(a.at()));
        return kit.save(
                waiting
                        ? lapsed.replanning(
                                "the data on "
                                        + c.element().id()
                                        + " are trusted again: the pause that waited for them is"
                                        + " over",
                                List.of())
                        : lapsed);
    }

    private boolean notRunYet(CaseRecord c, int step) {
        if (step < 0 || step >= c.steps().size()) {
            return false;
        }
        StepState state = c.step(step).state();
        return state == StepState.PENDING
                || state == StepState.WAITING_APPROVAL && kit.settings.approvalTimeout().isZero();
    }

    private static Optional<String> brokenBy(
            Plan plan, Prediction planned, Prediction p, Instant at) {
        boolean failedNow = p.timeToFailure().isZero();
        boolean spaced = failedNow || !at.isBefore(planned.at().plus(REPLAN_SPACING));
        for (Assumption a : plan.assumptions()) {
            switch (a.kind()) {
                case FAILURE_NOT_BEFORE -> {
                    if (failedNow || (spaced && p.earliestFailureAt().isBefore(a.at()))) {
                        return Optional.of(
                                "the prediction moved closer: the earliest failure is now "
                                        + p.earliestFailureAt()
                                        + " (p="
                                        + String.format(
                                                java.util.Locale.ROOT, "%.2f", p.probability())
                                        + "), before "
                                        + a.at()
                                        + ", when the plan's work would be done");
                    }
                }
                case WATCH -> {
                    if (p.probability() >= a.threshold() || failedNow) {
                        return Optional.of(
                                String.format(
                                        java.util.Locale.ROOT,
                                        "watched alarm confirmed: p=%.2f (the watch waited for %.2f)",
                                        p.probability(),
                                        a.threshold()));
                    }
                    if (!at.isBefore(a.at())) {
                        return Optional.of(
                                "the watch's decision time has come ("
                                        + a.at()
                                        + "): an in-time repair cannot wait longer");
                    }
                }
                default -> {}
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a watched (or waiting) case's element has been quiet long enough to call the alarm
     * false.
     */
    boolean isFalseAlarm(CaseRecord c, Instant now) {
        return c.plan().isPresent()
                && c.plan().get().waits()
                && c.quietSince().isPresent()
                && !now.isBefore(c.quietSince().get().plus(kit.settings.falseAlarmAfter()));
    }

    /**
     * Asks the OSS whether the plan's order still arrives in time and its booking still stands,
     * when a check is due: every {@code verifyEvery}, and once within {@code verifyLead} of the
     * time an assumption names. A tool the catalogue lacks is not asked.
     */
    CaseRecord verify(CaseRecord c, Instant now) {
        if (c.plan().isEmpty() || c.replanDue().isPresent()) {
            return c;
        }
        List<Assumption> open = new ArrayList<>();
        for (Assumption a : c.plan().get().assumptions()) {
            boolean aboutOss =
                    a.kind() == Assumption.Kind.PART_ARRIVES_BY
                            || a.kind() == Assumption.Kind.APPOINTMENT_HOLDS;
            if (aboutOss && a.at().isAfter(now) && standing(c, a)) {
                open.add(a);
            } else if (a.kind() == Assumption.Kind.WORK_SAFE && a.at().isAfter(now)) {
                open.add(a);
            }
        }
        if (open.isEmpty() || !due(c, open, now)) {
            return c;
        }
        int n = 0;
        Optional<String> broken = Optional.empty();
        for (Assumption a : open) {
            if (a.kind() == Assumption.Kind.WORK_SAFE) {
                if (now.isBefore(a.at().minus(kit.settings.verifyLead()))) {
                    continue; // the network's load and state change: asked only near the work
                }
                Optional<ToolResult> r = Outage.preview(kit, c, a.at(), now);
                if (r.isPresent() && Boolean.FALSE.equals(r.get().output().get("safe"))) {
                    broken =
                            broken.or(
                                    () ->
                                            Optional.of(
                                                    "do no harm: the work at "
                                                            + a.at()
                                                            + " would now harm customers ("
                                                            + r.get().summary()
                                                            + ")"));
                }
                continue;
            }
            StepRecord step = c.step(a.step().getAsInt());
            String key = IdempotencyKey.of(c.id(), step.index(), step.attempt()).value();
            boolean part = a.kind() == Assumption.Kind.PART_ARRIVES_BY;
            String tool = part ? ToolNames.GET_ORDER : ToolNames.GET_APPOINTMENT;
            if (kit.tools.find(tool).isEmpty()) {
                continue;
            }
            n++;
            ToolInvocation inv =
                    new ToolInvocation(
                            ToolCall.of(tool, Map.of(part ? "order_key" : "appointment_key", key)),
                            new IdempotencyKey(
                                    c.id().value()
                                            + "/verify-"
                                            + now.getEpochSecond()
                                            + "-"
                                            + n
                                            + "/1"),
                            kit.agent());
            ToolResult r =
                    kit.calls.read(
                            c.id().value(),
                            c.element().id().value(),
                            Replanner.READ_STEP,
                            inv,
                            now);
            if (!r.succeeded()) {
                continue; // not known now: asked again at the next check
            }
            broken = broken.or(() -> part ? lateDelivery(a, step, r) : cancelled(a, step, r));
        }
        CaseRecord checked = c.verified(now);
        return kit.save(
                broken.isPresent() ? checked.replanning(broken.get(), Optional.empty()) : checked);
    }

    private static boolean standing(CaseRecord c, Assumption a) {
        int i = a.step().getAsInt();
        if (i < 0 || i >= c.steps().size()) {
            return false;
        }
        StepRecord s = c.step(i);
        return s.state() == StepState.DONE && s.commitment() == Commitment.LIVE;
    }

    private boolean due(CaseRecord c, List<Assumption> open, Instant now) {
        Instant last = c.verifiedAt().orElse(Instant.MIN);
        if (!now.isBefore(last.plus(kit.settings.verifyEvery()))) {
            return true;
        }
        for (Assumption a : open) {
            Instant lastCall = a.at().minus(kit.settings.verifyLead());
            if (!now.isBefore(lastCall) && last.isBefore(lastCall)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> lateDelivery(Assumption a, StepRecord order, ToolResult r) {
        if (Boolean.TRUE.equals(r.output().get("delivered"))) {
            return Optional.empty();
        }
        if ("cancelled".equals(r.output().get("state"))) {
            return Optional.of("the order of step " + order.index() + " was cancelled");
        }
        Optional<Instant> expected = instant(r.output().get("expected_delivery_at"));
        if (expected.isPresent() && expected.get().isAfter(a.at())) {
            return Optional.of(
                    "the part ordered by step "
                            + order.index()
                            + " now arrives "
                            + expected.get()
                            + ", after "
                            + a.at()
                            + ", when the plan needs it");
        }
        return Optional.empty();
    }

    private static Optional<String> cancelled(Assumption a, StepRecord booking, ToolResult r) {
        if (!"cancelled".equals(r.output().get("state"))) {
            return Optional.empty();
        }
        Object why = r.output().get("cancel_reason");
        return Optional.of(
                "the appointment of step "
                        + booking.index()
                        + " was cancelled"
                        + (why == null ? "" : ": " + why));
    }
}
