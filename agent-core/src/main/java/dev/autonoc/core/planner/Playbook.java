package dev.autonoc.core.planner;

import static dev.autonoc.core.tool.ToolNames.DISPATCH_ENGINEER;
import static dev.autonoc.core.tool.ToolNames.GET_TELEMETRY;
import static dev.autonoc.core.tool.ToolNames.NOTIFY_CUSTOMERS;
import static dev.autonoc.core.tool.ToolNames.OPEN_TICKET;
import static dev.autonoc.core.tool.ToolNames.ORDER_PART;
import static dev.autonoc.core.tool.ToolNames.REROUTE_TRAFFIC;
import static dev.autonoc.core.tool.ToolNames.RESTORE_TRAFFIC;
import static dev.autonoc.core.tool.ToolValues.instant;

import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.plan.Assumption;
import dev.autonoc.core.plan.CaseContext;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanningRequest;
import dev.autonoc.core.plan.ReadFailed;
import dev.autonoc.core.planner.RepairChoice.Engineer;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What the playbooks share: the case they plan, its deadline, the watch (cheap steps first for an
 * alarm not yet believed), the trouble ticket, moving the traffic around the work or warning the
 * customers, and weighing the harm of the work against the harm of a failure.
 */
abstract class Playbook {

    final PlanningRequest request;
    final PlaybookSettings settings;
    final CaseContext context;
    final Prediction prediction;
    final Instant now;
    final boolean alternatePath;

    /**
     * The element has another path, but moving its traffic off was refused (for good, or paused
     * past the deadline): work on it would drop the traffic a failure would move on its own.
     */
    final boolean drainRefused;

    /**
     * Until when moving the traffic off is paused (a denial of the moment: the day's act calls,
     * other work in the region), when the pause ends before the deadline: the plan moves it no
     * earlier. Given up instead, the work went ahead with the traffic on (720,360 customer-minutes
     * at a fresh seed of supplier-delay-after-order, where the pause ended two hours before it).
     */
    final Optional<Instant> drainPausedUntil;

    final boolean down;

    /**
     * The element reads drained now (its traffic moved off): by a drain of this case that may stand
     * after an uncertain outcome, the only kind the case itself can have left.
     */
    final boolean drained;

    final Optional<Instant> deadline;
    final Outages outages;

    Playbook(PlanningRequest request, PlaybookSettings settings, Readings element) {
        this.request = request;
        this.settings = settings;
        this.context = request.context();
        this.prediction = request.prediction();
        this.now = request.now();
        this.alternatePath = element.boolOr("has_alternate_path", false);
        this.drained = "DRAINED".equals(element.stringOr("status", "UP"));
        this.down =
                "DOWN".equals(element.stringOr("status", "UP"))
                        || !prediction.earliestFailureAt().isAfter(now);
        this.deadline = down ? Optional.empty() : deadline(prediction, now);
        Map<String, Object> drain = Map.of("element_id", request.element().id().value());
        boolean barred = alternatePath && context.excluded(REROUTE_TRAFFIC, drain);
        Optional<Instant> paused =
                barred && !context.excludedForGood(REROUTE_TRAFFIC, drain)
                        ? context.pausedUntil(REROUTE_TRAFFIC)
                                .filter(now::isBefore)
                                .filter(t -> deadline.map(t::isBefore).orElse(false))
                        : Optional.empty();
        this.drainPausedUntil = paused;
        this.drainRefused = barred && paused.isEmpty();
        this.outages = new Outages(request, settings.maxPreviews());
    }

    abstract Plan plan();

    /**
     * Why the playbook doubts the plan it made, if it does (no way ends before the deadline, no way
     * to mend at all): where the hybrid planner asks a model for a better one.
     */
    Optional<String> doubt = Optional.empty();

    /** The least time a plan's work leaves between its end and the earliest predicted failure. */
    static final Duration MIN_MARGIN = Duration.ofHours(2);

    /**
     * The time by which the work should be over: ahead of the earliest expected failure by a margin
     * that grows with how far away it is, since estimates further out are less certain.
     */
    static Optional<Instant> deadline(Prediction p, Instant now) {
        Instant failsAt = p.earliestFailureAt();
        if (!failsAt.isAfter(now)) {
            return Optional.empty();
        }
        Duration margin = Duration.between(now, failsAt).dividedBy(10);
        if (margin.compareTo(MIN_MARGIN) < 0) {
            margin = MIN_MARGIN;
        }
        Instant d = failsAt.minus(margin);
        return Optional.of(d.isBefore(now) ? now : d);
    }

    String elementId() {
        return request.element().id().value();
    }

    // ---------------------------------------------------------------- watching

    /**
     * Whether to watch rather than act: the alarm is below the probability the playbook acts on,
     * the element is up, it was not already watched to its decision, and the decision can wait.
     */
    boolean watches(Optional<Instant> decideBy) {
        if (down || prediction.probability() >= settings.actProbability()) {
            return false;
        }
        if (context.isReplan() && !context.wasWatching()) {
            return false; // a case that acted goes on acting
        }
        if (context.wasWatching() && watchDecided()) {
            return false;
        }
        return decideBy.isPresent() && decideBy.get().isAfter(now.plus(settings.slotStep()));
    }

    private boolean watchDecided() {
        return context.previous()
                .map(
                        p ->
                                p.assumptions().stream()
                                        .anyMatch(
                                                a ->
                                                        a.kind() == Assumption.Kind.WATCH
                                                                && !now.isBefore(a.at())))
                .orElse(false);
    }

    /**
     * A watch: the ticket, a fresh look at the telemetry, nothing that costs or can harm; the loop
     * plans again when the alarm is confirmed, the decision time comes, or the element fails, and
     * drops the case if the alarm goes away.
     */
    Plan watch(Instant decideBy, String what) {
        PlanBuilder b = new PlanBuilder(request, keepTicketOnly());
        ticket(b);
        b.add(
                ToolCall.of(GET_TELEMETRY, Map.of("element_id", elementId(), "samples", 36L)),
                now,
                OptionalInt.empty(),
                "look again at the last three hours of telemetry behind the alarm");
        b.assume(
                Assumption.watch(
                        settings.actProbability(),
                        decideBy,
                        "nothing invasive until the alarm reaches p="
                                + pct(settings.actProbability())
                                + " or "
                                + decideBy
                                + ", the last moment to decide on "
                                + what));
        return b.build(
                String.format(
                        Locale.ROOT,
                        "%s predicted on %s at p=%.2f, below the %.2f the playbook acts on: watching"
                                + " until %s (%s); cheap, reversible steps only",
                        prediction.mode(),
                        elementId(),
                        prediction.probability(),
                        settings.actProbability(),
                        decideBy,
                        what),
                Optional.empty());
    }

    /**
     * Holds off invasive work that would do more harm than the failure it prevents is expected to:
     * a watch that looks again in six hours, or sooner if the alarm firms up.
     */
    Plan hold(Outages.Preview work, double failureHarm) {
        PlanBuilder b = new PlanBuilder(request, keepTicketOnly());
        ticket(b);
        Instant again = now.plus(Duration.ofHours(6));
        double needed =
                failureHarm <= 0
                        ? 1.0
                        : Math.min(
                                1.0,
                                work.customerMinutes() * prediction.probability() / failureHarm);
        b.assume(
                Assumption.watch(
                        Math.max(needed, prediction.probability() + 0.05),
                        again,
                        "the work would now cost more than the failure it prevents; look again by "
                                + again));
        return b.build(
                String.format(
                        Locale.ROOT,
                        "do no harm: taking %s out of service at %s would cost about %.0f"
                                + " customer-minutes (%s), more than the %.0f expected of a failure"
                                + " at p=%.2f; nothing invasive now, looking again by %s",
                        elementId(),
                        work.at(),
                        work.customerMinutes(),
                        work.summary(),
                        failureHarm,
                        prediction.probability(),
                        again),
                Optional.empty());
    }

    /**
     * Waits, keeping what stands, while a tool the plan needs is paused for the element (a policy
     * denial that may be of the moment), and plans again when the pause ends.
     */
    Plan waitFor(String tool, Instant until) {
        Set<Integer> all = new HashSet<>();
        context.commitments().forEach(s -> all.add(s.index()));
        PlanBuilder b = new PlanBuilder(request, all);
        ticket(b);
        b.assume(
                Assumption.reconsiderAt(
                        until, tool + " is paused for " + elementId() + " until " + until));
        return b.build(
                "wait: the policy denied "
                        + tool
                        + " on "
                        + elementId()
                        + " ("
                        + context.reason()
                        + "); nothing else is done until "
                        + until
                        + ", then the case is planned again",
                Optional.empty());
    }

    /**
     * Moving the traffic off was refused and the element is up: work on it now would drop its
     * traffic for the work's time, while a failure moves the traffic to the other path on its own.
     * So what is built so far ({@code b}: the ticket, the part got ready) stands, and the repair
     * waits for the failure (the case replans the moment the element goes down), or for another
     * look after the deadline if it holds.
     */
    Plan repairAfterFailure(PlanBuilder b, String what) {
        b.assume(
                Assumption.failureNotBefore(
                        now, "the element is up: the repair waits until it goes down"));
        Instant again = deadline.orElse(now).plus(settings.failureOutage());
        b.assume(Assumption.reconsiderAt(again, "look again if it still holds at " + again));
        return b.build(
                "moving the traffic off "
                        + elementId()
                        + " was refused ("
                        + context.reason()
                        + "); "
                        + what
                        + " with the traffic on would drop it for the work's time, while a"
                        + " failure moves it to the other path on its own: the repair waits for"
                        + " the failure, everything ready",
                Optional.empty());
    }

    /** How long a plan held off for harm waits before it looks again. */
    static final Duration HOLD = Duration.ofHours(6);

    /**
     * The expected customer-minutes of an unprotected failure: probability times its outage. The
     * outage is never taken to cut off fewer consumers than the work weighed against it ({@code
     * work}) does: a failure takes out at least the sites the work isolates, for longer and
     * unannounced (congestion, unlike isolation, depends on the hour, so it gives no such bound).
     * The network's preview of the failure's window can read lower (seen: zero, when the case's own
     * visit was booked in that window and the element counted as out already, so a hold cancelled
     * the order and the booking of a cell that then failed).
     */
    double expectedFailureHarm(Outages.Preview work) {
        Map.Entry<Instant, Duration> failure = failureOutage();
        Duration outage = failure.getValue();
        double previewed =
                outages.failure(failure.getKey(), outage)
                        .map(Outages.Preview::customerMinutes)
                        .orElse(0.0);
        double atLeast = (double) work.consumersCut() * outage.toMinutes();
        return Math.max(previewed, atLeast) * prediction.probability();
    }

    /** The unprotected outage a failure would be: from the deadline (now, if none), its length. */
    Map.Entry<Instant, Duration> failureOutage() {
        return Map.entry(deadline.orElse(now), settings.failureOutage());
    }

    // ---------------------------------------------------------------- the ticket

    /** Keeps the case's open ticket (and nothing else) when it stands. */
    Set<Integer> keepTicketOnly() {
        Set<Integer> keep = new HashSet<>();
        context.commitmentOf(OPEN_TICKET).ifPresent(t -> keep.add(t.index()));
        return keep;
    }

    /**
     * How long to leave for a person's approval before a visit: once a visit booked on an approval
     * came back refused (the approval had used up the engineer's lead, and the slot was gone), the
     * longest this case's approvals took; before that, nothing. Without it a case whose approvals
     * are slow asks again for a slot as close, and loses it the same way.
     */
    Duration visitApprovalLead() {
        boolean lostSlot =
                context.history().stream()
                        .anyMatch(
                                s ->
                                        s.call().tool().equals(DISPATCH_ENGINEER)
                                                && s.state() == StepState.FAILED
                                                && s.approvalId().isPresent());
        return lostSlot ? context.approvalWait() : Duration.ZERO;
    }

    /**
     * How long before the engineer leaves the traffic is moved off: {@code drainLead}, and, once a
     * drain of this case waited for a person, the longest this case's approvals took before that. A
     * drain asked for its lead before the visit and approved later than that left the element to be
     * taken out with its traffic on.
     */
    Duration drainLead() {
        return drainWaitedForPerson()
                ? settings.drainLead().plus(context.approvalWait())
                : settings.drainLead();
    }

    /**
     * How long a visit leaves from now for a person's answer before its engineer sets off: to its
     * own booking ({@link #visitApprovalLead}), and to the drain before it once a drain of the case
     * waited for one ({@link #drainLead}).
     */
    Duration visitLead() {
        Duration booking = visitApprovalLead();
        return drainWaitedForPerson() && drainLead().compareTo(booking) > 0 ? drainLead() : booking;
    }

    /** Whether a drain of this case was put to a person (its policy asks for one, at times). */
    boolean drainWaitedForPerson() {
        return context.history().stream()
                .anyMatch(
                        s -> s.call().tool().equals(REROUTE_TRAFFIC) && s.approvalId().isPresent());
    }

    /**
     * How long before the deadline a repair may still wait for other elements to come back into
     * service, rather than take its element out with its customers' traffic on.
     */
    static final Duration OTHERS_OUT_PATIENCE = Duration.ofHours(12);

    /** How soon a repair waiting for other elements looks again. */
    static final Duration OTHERS_OUT_LOOK_AGAIN = Duration.ofHours(1);

    /**
     * Whether the repair may wait for the elements out of service now: the element had another path
     * before, the deadline is more than {@link #OTHERS_OUT_PATIENCE} away, and no standing visit
     * comes whatever ({@code visitComesWhatever}).
     */
    boolean mayWaitForOthers(boolean visitComesWhatever) {
        return hadOtherPath()
                && deadline.filter(d -> now.plus(OTHERS_OUT_PATIENCE).isBefore(d)).isPresent()
                && !visitComesWhatever;
    }

    /**
     * Whether the element has another path for its traffic when nothing else is out: a core router
     * (the core is a ring with chords) or a fibre link (each aggregation router is dual-homed,
     * docs/operator.md), or one a plan of this case moved the traffic off or meant to. One without
     * it now lost it to what is out of service, unlike a radio site or an aggregation router, which
     * never have one.
     */
    private boolean hadOtherPath() {
        return request.element().kind() == ElementKind.LINK
                || "core".equals(request.element().role())
                || context.history().stream()
                        .anyMatch(s -> s.call().tool().equals(REROUTE_TRAFFIC));
    }

    /**
     * Waits for the elements out of service now (under other cases' work, drained, failed), keeping
     * what {@code keep} names (the ticket, a part on order), when every window tried harms
     * customers only with them out: their work ends, and the element's traffic has its other path
     * again. Gone ahead, a core router's work took it out with its traffic on, its other path
     * drained for a link's work in the same hour (360,360 customer-minutes at a fresh seed of
     * reroute-denied-neighbour-drained), and an hour later the link was back.
     */
    Plan waitForOthers(Outages.Preview work, Set<Integer> keep) {
        PlanBuilder b = new PlanBuilder(request, keep);
        ticket(b);
        Instant again = now.plus(OTHERS_OUT_LOOK_AGAIN);
        b.assume(
                Assumption.reconsiderAt(
                        again,
                        "other elements are out of service now; look again at "
                                + again
                                + " whether they are back"));
        return b.build(
                "do no harm: "
                        + elementId()
                        + " has no other path for its traffic while other elements are out of"
                        + " service, and the work at "
                        + work.at()
                        + " would take it out with its traffic on; the failure is expected no"
                        + " earlier than "
                        + prediction.earliestFailureAt()
                        + ", so the repair waits for them, looking again at "
                        + again,
                Optional.empty());
    }

    /**
     * Whether a person rejected (or nobody approved) a visit of this case out of hours: what the
     * approval was asked for is what they refused, so no other out-of-hours visit is asked for.
     */
    boolean overtimeRejected(List<Engineer> engineers) {
        for (StepRecord s : context.history()) {
            if (s.state() != StepState.REJECTED || !s.call().tool().equals(DISPATCH_ENGINEER)) {
                continue;
            }
            Optional<Instant> start = instant(s.call().arguments().get("start"));
            Object id = s.call().arguments().get("engineer_id");
            Optional<Engineer> who = engineers.stream().filter(e -> e.id().equals(id)).findFirst();
            if (start.isPresent()
                    && who.isPresent()
                    && !who.get().inShift(start.get(), settings.repairDuration())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a person rejected an expedited order of this case: no other is asked for. */
    boolean expediteRejected() {
        return context.history().stream()
                .anyMatch(
                        s ->
                                s.state() == StepState.REJECTED
                                        && s.call().tool().equals(ORDER_PART)
                                        && Boolean.TRUE.equals(
                                                s.call().arguments().get("expedite")));
    }

    /**
     * From when a standing drain may be undone: now, or the end of a pause of {@code
     * restore_traffic} on the element (its undo denied for the moment).
     */
    Instant restorableFrom() {
        return context.pausedUntil(RESTORE_TRAFFIC).filter(now::isBefore).orElse(now);
    }

    /** Opens the case's ticket unless it is open already. */
    void ticket(PlanBuilder b) {
        if (context.commitmentOf(OPEN_TICKET).isPresent() || ticketDone()) {
            return;
        }
        long hours = Math.max(0, Duration.between(now, prediction.earliestFailureAt()).toHours());
        b.add(
                ToolCall.of(
                        OPEN_TICKET,
                        Map.of(
                                "case_id", request.caseId().value(),
                                "element_id", elementId(),
                                "summary",
                                        String.format(
                                                Locale.ROOT,
                                                "%s predicted on %s, p=%.2f, failure in about %d h",
                                                prediction.mode(),
                                                elementId(),
                                                prediction.probability(),
                                                hours),
                                "severity", hours < 24 ? "critical" : "major")),
                now,
                OptionalInt.empty(),
                "open the case's trouble ticket");
    }

    private boolean ticketDone() {
        return context.history().stream()
                .anyMatch(s -> s.call().tool().equals(OPEN_TICKET) && s.state() == StepState.DONE);
    }

    // ---------------------------------------------------------------- around the work

    /**
     * Moves the traffic off before the element goes out ({@code drainAt}) and back once {@code
     * doneAt} (or the step {@code after}) is over, or warns the customers when it has nowhere to
     * go. Returns how, in words.
     */
    String workAround(
            PlanBuilder b,
            Instant drainAt,
            OptionalInt after,
            Instant doneAt,
            String work,
            boolean early) {
        if (alternatePath
                && !down
                && drainPausedUntil.filter(t -> !t.isBefore(doneAt)).isPresent()) {
            return "the traffic stays on: moving it is paused until after the " + work;
        }
        if (alternatePath && drainRefused) {
            return down
                    ? "the traffic moved off on its own when the element went down"
                    : "the traffic stays on: moving it was refused";
        }
        if (alternatePath) {
            if (!b.adds(REROUTE_TRAFFIC)) {
                drain(b, early ? drainAheadAt() : drainAt, early, work);
            }
            if (after.isEmpty() && !doneAt.isAfter(drainAt)) {
                // no work follows (nobody can mend it): the traffic stays off for the person
                return "traffic moved off ahead of the failure";
            }
            b.add(
                    ToolCall.of(RESTORE_TRAFFIC, Map.of("element_id", elementId())),
                    after.isPresent() ? now : doneAt,
                    after,
                    "put the traffic back after the " + work);
            return early
                    ? "traffic moved off ahead of the failure"
                    : "traffic moved off for the " + work;
        }
        if (!notified() && !context.excluded(NOTIFY_CUSTOMERS, Map.of("element_id", elementId()))) {
            // a warning refused (by a person, or paused by the policy) is not asked again and
            // again with a new time in its text: the time is not what was refused
            b.add(
                    ToolCall.of(
                            NOTIFY_CUSTOMERS,
                            Map.of(
                                    "element_id",
                                    elementId(),
                                    "message",
                                    "We will carry out "
                                            + work
                                            + " on equipment serving you at "
                                            + drainAt
                                            + " (UTC). Service may be interrupted.")),
                    now,
                    OptionalInt.empty(),
                    "warn the customers: the element has no other path");
        }
        return "customers warned: no other path for the traffic";
    }

    /**
     * When no repair can beat a failure expected soon, the traffic is moved off at once and first,
     * before any step of the repair: a step waiting for a person's approval holds every later step
     * back, and the drain must not wait for the order of a part. Does nothing where the traffic has
     * no other path, moving it was refused, a standing drain is kept, or the failure is far enough
     * off for the drain to be timed on it.
     */
    void drainAhead(PlanBuilder b, Set<Integer> keep) {
        // a drain timed later stays after the repair's steps: the plan's steps run in order, and
        // one not yet due would hold back the order and the booking behind it
        if (!alternatePath
                || drainRefused
                || drainFrom(drainAheadAt()).isAfter(now)
                || context.commitmentOf(REROUTE_TRAFFIC)
                        .filter(s -> keep.contains(s.index()))
                        .isPresent()) {
            return;
        }
        drain(b, now, true, "failure");
    }

    /**
     * When to move the traffic off ahead of a failure no repair can beat: at the deadline, or at
     * once when the failure is expected within {@link PlaybookSettings#drainAtOnceWithin()}.
     */
    private Instant drainAheadAt() {
        if (deadline.isEmpty()
                || Duration.between(now, prediction.earliestFailureAt())
                                .compareTo(settings.drainAtOnceWithin())
                        <= 0) {
            return now;
        }
        return deadline.get();
    }

    /** A standing drain the plan does not keep is undone first: drain again for this work. */
    private void drain(PlanBuilder b, Instant drainAt, boolean early, String work) {
        Optional<StepRecord> drained =
                context.commitmentOf(REROUTE_TRAFFIC).filter(s -> b.keeps(s.index()));
        if (drained.isPresent()) {
            return;
        }
        b.add(
                ToolCall.of(REROUTE_TRAFFIC, Map.of("element_id", elementId())),
                drainFrom(drainAt),
                OptionalInt.empty(),
                early
                        ? "move the traffic off ahead of the failure: the repair cannot beat it"
                        : "move the traffic off before the " + work);
        if (early && drainAt.isAfter(now)) {
            // the drain is timed on the failure expected now, and a first estimate can be
            // late: one that comes closer than the drain breaks the plan, and the replan
            // moves the drain up (the repair itself cannot beat the failure either way)
            b.assume(
                    Assumption.failureNotBefore(
                            drainAt,
                            "the element holds until its traffic is moved off at " + drainAt));
        }
    }

    /** When a drain wanted at {@code at} can be asked: then, or once its pause is over. */
    Instant drainFrom(Instant at) {
        return drainPausedUntil.filter(at::isBefore).orElse(at);
    }

    /** Whether the standing reroute (if any) is kept by a plan that drains again. */
    void keepDrain(Set<Integer> keep) {
        if (alternatePath) {
            context.commitmentOf(REROUTE_TRAFFIC).ifPresent(s -> keep.add(s.index()));
        }
    }

    private boolean notified() {
        return context.history().stream()
                .anyMatch(
                        s ->
                                s.call().tool().equals(NOTIFY_CUSTOMERS)
                                        && s.state() == StepState.DONE);
    }

    // ---------------------------------------------------------------- reading

    Readings read(String tool, Map<String, Object> arguments) {
        return read(request, tool, arguments);
    }

    static Readings read(PlanningRequest request, String tool, Map<String, Object> arguments) {
        return readings(tool, request.reader().read(tool, arguments));
    }

    /** What a read answered; a planning cannot go on without it. */
    static Readings readings(String tool, ToolResult result) {
        if (!result.succeeded()) {
            throw new ReadFailed(tool, result);
        }
        return new Readings(tool, result.output());
    }

    /**
     * What the OSS says now of a standing order or booking of the case, under the key its step ran
     * with; empty when the catalogue cannot say.
     */
    Optional<Readings> ossOf(String tool, String keyArgument, StepRecord step) {
        String key = IdempotencyKey.of(request.caseId(), step.index(), step.attempt()).value();
        ToolResult r;
        try {
            r = request.reader().read(tool, Map.of(keyArgument, key));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the catalogue has no such read
        }
        return r.succeeded() ? Optional.of(new Readings(tool, r.output())) : Optional.empty();
    }

    static String pct(double p) {
        return String.format(Locale.ROOT, "%.2f", p);
    }
}
