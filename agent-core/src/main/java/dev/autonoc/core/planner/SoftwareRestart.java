package dev.autonoc.core.planner;

import static dev.autonoc.core.tool.ToolNames.CLOSE_TICKET;
import static dev.autonoc.core.tool.ToolNames.REROUTE_TRAFFIC;
import static dev.autonoc.core.tool.ToolNames.RESTART_ELEMENT;
import static dev.autonoc.core.tool.ToolNames.RESTORE_TRAFFIC;

import dev.autonoc.core.plan.Assumption;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanningRequest;
import dev.autonoc.core.tool.ToolCall;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The software playbook (a memory leak): no part mends it, a restart in a quiet hour does, with the
 * traffic moved off first (or the customers warned). The first quiet hour whose outage harms nobody
 * is taken; if the failure comes first, the restart is now.
 */
final class SoftwareRestart extends Playbook {

    /** How many quiet nights ahead a harmless restart is looked for. */
    static final int NIGHTS = 4;

    SoftwareRestart(PlanningRequest request, PlaybookSettings settings, Readings info) {
        super(request, settings, info);
    }

    @Override
    Plan plan() {
        if (context.excluded(RESTART_ELEMENT, Map.of("element_id", elementId()))) {
            return restartRefused();
        }
        if (drainRefused && !down) {
            PlanBuilder b = new PlanBuilder(request, keepTicketOnly());
            ticket(b);
            return repairAfterFailure(b, "a restart");
        }
        for (String tool : java.util.List.of(RESTART_ELEMENT, REROUTE_TRAFFIC)) {
            Optional<Instant> paused = context.pausedUntil(tool);
            if (paused.isPresent()) {
                return waitFor(tool, paused.get());
            }
        }
        Duration outage = settings.drainLead().plus(settings.restartDuration());
        Optional<Instant> lastQuiet = lastQuietBefore();
        if (watches(lastQuiet.map(t -> t.minus(settings.decisionLead())))) {
            return watch(
                    lastQuiet.get().minus(settings.decisionLead()),
                    "a restart in the quiet hours before " + deadline.get());
        }
        Instant restartAt = null;
        boolean safe = true;
        boolean quiet = true;
        Outages.Preview least = null;
        Instant from = now.plus(settings.slotStep());
        for (int night = 0; night < NIGHTS && !down; night++) {
            Instant drain = QuietHours.nextStart(from, settings);
            Instant at = drain.plus(settings.drainLead());
            if (deadline.isPresent()
                    && at.plus(settings.restartDuration()).isAfter(deadline.get())) {
                break;
            }
            Optional<Outages.Preview> p = outages.at(drain, outage);
            if (p.isEmpty() || p.get().safe()) {
                restartAt = at;
                break;
            }
            if (least == null || p.get().customerMinutes() < least.customerMinutes()) {
                least = p.get();
            }
            from = drain.plus(Duration.ofHours(12));
        }
        if (restartAt == null && least != null && !down) {
            double failure = expectedFailureHarm(least);
            if (least.customerMinutes() > failure) {
                return hold(least, failure);
            }
            restartAt = least.at().plus(settings.drainLead());
            safe = false;
        }
        if (restartAt == null) {
            // the failure comes before the next quiet hour (or is here): restart now
            restartAt = now.plus(settings.drainLead());
            quiet = false;
            safe = false;
        }
        Set<Integer> keep = keepTicketOnly();
        keepDrain(keep);
        PlanBuilder b = new PlanBuilder(request, keep);
        ticket(b);
        Instant drainAt = restartAt.minus(settings.drainLead());
        Instant back = restartAt.plus(settings.restartDuration());
        // the traffic goes off before the restart and back once the element is up; without another
        // path the customers are told first
        Restart r = restart(b, drainAt, restartAt);
        b.add(
                ToolCall.of(
                        CLOSE_TICKET,
                        Map.of("case_id", request.caseId().value(), "resolution", "restarted")),
                back,
                OptionalInt.of(r.step()),
                "close the ticket once the element is back");
        if (deadline.isPresent() && quiet) {
            b.assume(
                    Assumption.failureNotBefore(
                            back, "the element holds until the restart, " + back));
        }
        if (safe && quiet) {
            b.assume(
                    Assumption.workSafe(
                            drainAt,
                            "taking " + elementId() + " out at " + drainAt + " harms no customer"));
        }
        String replan = context.isReplan() ? "replanned (" + context.reason() + "): " : "";
        return b.build(
                String.format(
                        Locale.ROOT,
                        "%s%s predicted on %s (p=%.2f), earliest failure %s; no part mends it: restart"
                                + " at %s (%s), %s%s",
                        replan,
                        prediction.mode(),
                        elementId(),
                        prediction.probability(),
                        prediction.earliestFailureAt(),
                        restartAt,
                        quiet
                                ? "quiet hours"
                                : down
                                        ? "the element is down"
                                        : "the failure comes before the next quiet hour",
                        r.how(),
                        safe
                                ? ""
                                : "; some customers are affected at every time tried, fewer than by a failure"),
                Optional.empty());
    }

    /**
     * Nobody may restart the element (a person rejected it, or the policy denies it for good): the
     * traffic is moved off ahead of the crash (or the customers warned) and a person decides.
     */
    private Plan restartRefused() {
        Set<Integer> keep = keepTicketOnly();
        keepDrain(keep);
        PlanBuilder b = new PlanBuilder(request, keep);
        ticket(b);
        String how =
                workAround(
                        b,
                        deadline.orElse(now),
                        OptionalInt.empty(),
                        deadline.orElse(now),
                        "crash",
                        true);
        String why = "a restart of " + elementId() + " was refused (" + context.reason() + ")";
        return b.build(why + "; " + how, Optional.of(why + "; only a restart mends it; " + how));
    }

    /** The restart step, and how the customers are kept out of it, in words. */
    private record Restart(int step, String how) {}

    private Restart restart(PlanBuilder b, Instant drainAt, Instant restartAt) {
        if (alternatePath) {
            boolean drained =
                    context.commitmentOf(REROUTE_TRAFFIC)
                            .filter(s -> b.keeps(s.index()))
                            .isPresent();
            if (!drained) {
                b.add(
                        ToolCall.of(REROUTE_TRAFFIC, Map.of("element_id", elementId())),
                        drainAt,
                        OptionalInt.empty(),
                        "move the traffic off before the restart");
            }
            int restart =
                    b.add(
                            ToolCall.of(RESTART_ELEMENT, Map.of("element_id", elementId())),
                            restartAt,
                            OptionalInt.empty(),
                            "restart to clear the leak");
            b.add(
                    ToolCall.of(RESTORE_TRAFFIC, Map.of("element_id", elementId())),
                    now,
                    OptionalInt.of(restart),
                    "put the traffic back once the element is up");
            return new Restart(restart, "with its traffic moved off first");
        }
        String how =
                workAround(
                        b,
                        restartAt,
                        OptionalInt.empty(),
                        restartAt,
                        "restart of about 10 minutes",
                        false);
        int restart =
                b.add(
                        ToolCall.of(RESTART_ELEMENT, Map.of("element_id", elementId())),
                        restartAt,
                        OptionalInt.empty(),
                        "restart to clear the leak");
        return new Restart(restart, how);
    }

    /** The start of the last quiet-hour restart that still ends before the deadline. */
    private Optional<Instant> lastQuietBefore() {
        if (deadline.isEmpty()) {
            return Optional.empty();
        }
        Instant last = null;
        Instant from = now.plus(settings.slotStep());
        for (int night = 0; night < 30; night++) {
            Instant drain = QuietHours.nextStart(from, settings);
            if (drain.plus(settings.drainLead())
                    .plus(settings.restartDuration())
                    .isAfter(deadline.get())) {
                break;
            }
            last = drain;
            from = drain.plus(Duration.ofHours(12));
        }
        return Optional.ofNullable(last);
    }
}
