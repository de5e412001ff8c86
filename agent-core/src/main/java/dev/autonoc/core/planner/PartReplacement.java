package dev.autonoc.core.planner;

import static dev.autonoc.core.tool.ToolNames.CHECK_STOCK;
import static dev.autonoc.core.tool.ToolNames.CLOSE_TICKET;
import static dev.autonoc.core.tool.ToolNames.DISPATCH_ENGINEER;
import static dev.autonoc.core.tool.ToolNames.GET_APPOINTMENT;
import static dev.autonoc.core.tool.ToolNames.ORDER_PART;
import static dev.autonoc.core.tool.ToolNames.REROUTE_TRAFFIC;
import static dev.autonoc.core.tool.ToolNames.RESTORE_TRAFFIC;
import static dev.autonoc.core.tool.ToolValues.instant;

import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.plan.Assumption;
import dev.autonoc.core.plan.CaseContext;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanningRequest;
import dev.autonoc.core.planner.RepairChoice.Engineer;
import dev.autonoc.core.planner.RepairChoice.Supply;
import dev.autonoc.core.prediction.Part;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The hardware playbook: a part to replace on site. Searches every way to get a part and an
 * engineer there (any warehouse, expedited or not, the part already on order; any region's
 * engineer, in shift or out of hours; another case's booking when this one is more urgent), in
 * order of cost against the deadline; checks with the network that taking the element out at that
 * time harms nobody, or finds a time that does not; moves the traffic off around the work (or warns
 * the customers); and states what the plan rests on. What there is to choose from is read by {@link
 * RepairMeans}.
 */
final class PartReplacement extends Playbook {

    /** What a call-out costs in shift (OPERATOR.md); out of hours is twice that. */
    static final double CALLOUT_GBP = 300.0;

    /** How many windows' previews are asked ahead together (docs/agent.md, "Do no harm"). */
    private static final int PREVIEWS_AHEAD = 2;

    private final Part part;
    private final Element element;
    private final RepairMeans means;
    private final StandingVisits visits;
    // the answers of firstReads, read with the element's own: fewer when one did not succeed
    private final List<ToolResult> readAhead;

    /**
     * @param readAhead what {@link #firstReads} answered, read together with the element; fewer
     *     answers than reads when one did not succeed and the rest were not read
     */
    PartReplacement(
            PlanningRequest request,
            PlaybookSettings settings,
            Readings info,
            Part part,
            List<ToolResult> readAhead) {
        super(request, settings, info);
        this.part = part;
        this.readAhead = List.copyOf(readAhead);
        this.element = request.element();
        String skill =
                switch (element.kind()) {
                    case ROUTER -> "router";
                    case RADIO -> "radio";
                    case LINK -> "fibre";
                };
        this.means = new RepairMeans(this, part, element, skill);
        this.visits = new StandingVisits(this);
    }

    /**
     * The reads a plan of {@code part} for the request's element makes first, whatever they answer,
     * in their order (the part's stock at the site, then the crew): none while the work waits for a
     * paused tool, when the plan reads nothing.
     */
    static List<ToolCall> firstReads(PlanningRequest request, Part part) {
        if (paused(request.context(), part).isPresent()) {
            return List.of();
        }
        return List.of(stockCall(part, request.element()), RepairMeans.crewCall(request.element()));
    }

    private static ToolCall stockCall(Part part, Element element) {
        return ToolCall.of(CHECK_STOCK, Map.of("part", part.code(), "site", element.site()));
    }

    /** Until when a tool the work needs is paused for the element, if one is. */
    private static Optional<Instant> paused(CaseContext context, Part part) {
        return context.pausedUntil(DISPATCH_ENGINEER)
                .or(
                        () ->
                                RepairMeans.standing(context, part, ORDER_PART).isPresent()
                                        ? Optional.empty()
                                        : context.pausedUntil(ORDER_PART));
    }

    @Override
    Plan plan() {
        Optional<Plan> afterTheWork = afterTheWork();
        if (afterTheWork.isPresent()) {
            return afterTheWork.get();
        }
        Optional<Instant> paused = paused(context, part);
        if (paused.isPresent()) {
            return waitFor(
                    context.pausedUntil(DISPATCH_ENGINEER).isPresent()
                            ? DISPATCH_ENGINEER
                            : ORDER_PART,
                    paused.get());
        }
        ToolCall stockCall = stockCall(part, element);
        Readings stock =
                readAhead.isEmpty()
                        ? read(stockCall.tool(), stockCall.arguments())
                        : readings(CHECK_STOCK, readAhead.get(0));
        List<Engineer> engineers =
                means.engineers(
                        readAhead.size() > 1 ? Optional.of(readAhead.get(1)) : Optional.empty());
        Optional<StepRecord> keptOrder = means.standing(ORDER_PART);
        Optional<StepRecord> keptAppointment = visits.kept();
        RepairChoice.Search search =
                new RepairChoice.Search(now, deadline, settings, element.region(), visitLead());
        List<Supply> supplies = means.supplies(stock, keptOrder);
        List<RepairChoice> choices = new ArrayList<>(search.all(supplies, engineers, CALLOUT_GBP));
        keptAppointment.ifPresent(a -> choices.addAll(keeping(a, supplies, engineers, search)));
        choices.removeIf(c -> context.excluded(DISPATCH_ENGINEER, means.dispatchArgs(c)));
        if (overtimeRejected(engineers)) {
            // a person said no to a call-out out of hours: none is proposed again
            choices.removeIf(c -> !c.inShift() && c.keptAppointment().isEmpty());
        }
        if (expediteRejected()) {
            choices.removeIf(c -> c.expedite() && c.keptOrder().isEmpty());
        }
        boolean comesWhatever =
                keptAppointment.isPresent() && visits.comesWhatever(keptAppointment.get());
        if (drainPausedUntil.isPresent() && !comesWhatever) {
            // the traffic moves off only once its pause is over: a visit whose engineer leaves
            // before then would take the element out with the traffic on
            Instant drainable = drainPausedUntil.get();
            keepIfAny(choices, c -> visits.leaves(c).isAfter(drainable));
        }
        if (alternatePath && !drainRefused && !comesWhatever && drainWaitedForPerson()) {
            // a drain asked now would be answered after the engineer left: a later visit
            Instant askedBy = now.plus(drainLead());
            keepIfAny(choices, c -> !visits.leaves(c).isBefore(askedBy));
        }
        if (comesWhatever && choices.stream().anyMatch(c -> c.keptAppointment().isPresent())) {
            // the engineer comes whatever: a second visit would be waste
            choices.removeIf(c -> c.keptAppointment().isEmpty());
        }
        if (choices.isEmpty()) {
            return noWayToMend(engineers.isEmpty(), supplies.isEmpty());
        }
        boolean late = choices.stream().noneMatch(RepairChoice::beforeDeadline);
        if (late && deadline.isPresent()) {
            doubt = Optional.of("no way to mend ends before the deadline " + deadline.get());
        }
        List<RepairChoice> ordered =
                (late ? choices : choices.stream().filter(RepairChoice::beforeDeadline).toList())
                        .stream().sorted(search.preference(late)).toList();
        if (!late) {
            Optional<Instant> decideBy =
                    search.latestInTimeStart(engineers).map(t -> t.minus(means.leadOf(supplies)));
            if (watches(decideBy)) {
                return watch(decideBy.get(), "a repair in shift before " + deadline.get());
            }
        }
        RepairChoice chosen = ordered.get(0);
        boolean safe = true;
        if (!down && !late) {
            Optional<RepairChoice> harmless = firstHarmless(ordered);
            if (harmless.isPresent()) {
                chosen = harmless.get();
            } else {
                Optional<Outages.Preview> least = leastHarmful(ordered);
                if (least.isPresent()) {
                    double failure = expectedFailureHarm(least.get());
                    if (least.get().customerMinutes() > failure) {
                        return hold(least.get(), failure);
                    }
                }
                safe = false;
                if (least.isPresent()) {
                    Instant at = least.get().at();
                    chosen =
                            ordered.stream()
                                    .filter(c -> outFrom(c).equals(at))
                                    .findFirst()
                                    .orElse(chosen);
                }
            }
        }
        if (!down
                && !late
                && !alternatePath
                && mayWaitForOthers(keptAppointment.filter(visits::comesWhatever).isPresent())) {
            Optional<Outages.Preview> work = outage(chosen);
            if (work.map(Outages.Preview::othersOut).orElse(false)) {
                Set<Integer> keep = keepTicketOnly();
                keptOrder.ifPresent(o -> keep.add(o.index()));
                return waitForOthers(work.get(), keep);
            }
        }
        return build(chosen, late, safe);
    }

    private ToolCall closeTicket() {
        return ToolCall.of(
                CLOSE_TICKET,
                Map.of(
                        "case_id",
                        request.caseId().value(),
                        "resolution",
                        part.code() + " replaced"));
    }

    /**
     * The plan when the case's booked job is over and the workforce system says it was done: the
     * part is in, and what is left is what follows the work (the traffic put back, the ticket
     * closed), not a second visit. A replan that comes after the job's end (a drain before the work
     * that kept failing past it and was given up, a step after the work refused) saw only a booking
     * in the past, and booked the work again: seen at a fresh seed of core-drain-faults, a second
     * engineer sent at 11:30 to a core router whose power supply had been replaced at 09:00. Where
     * the workforce system cannot say, or says anything but done, the work is planned as before.
     */
    private Optional<Plan> afterTheWork() {
        Optional<StepRecord> done = visits.done();
        if (done.isEmpty()) {
            return Optional.empty();
        }
        StepRecord booking = done.get();
        Instant end = visits.end(booking).orElseThrow();
        // everything that stands stays (the case settles it when it closes) but another visit
        // still to come that can be cancelled: it would come to a mended element
        Set<Integer> keep = new HashSet<>();
        context.commitments().stream()
                .filter(s -> !visits.cancellableToCome(s))
                .forEach(s -> keep.add(s.index()));
        PlanBuilder b = new PlanBuilder(request, keep);
        ticket(b);
        boolean drainStands = context.commitmentOf(REROUTE_TRAFFIC).isPresent();
        if (drainStands) {
            b.add(
                    ToolCall.of(RESTORE_TRAFFIC, Map.of("element_id", elementId())),
                    now,
                    OptionalInt.empty(),
                    "put the traffic back: the replacement of the " + part.code() + " is done");
        }
        // a visit that comes whatever after it (its cancel refused or denied) is drained around
        Instant lastVisitEnd = visits.protectLater(b, OptionalInt.of(booking.index()), now);
        b.add(
                closeTicket(),
                lastVisitEnd,
                OptionalInt.empty(),
                "close the ticket: the work is done");
        String replan = context.isReplan() ? "replanned (" + context.reason() + "): " : "";
        return Optional.of(
                b.build(
                        replan
                                + "the workforce system says the job of step "
                                + booking.index()
                                + " ("
                                + booking.call().arguments().get("engineer_id")
                                + " to replace the "
                                + part.code()
                                + " on "
                                + elementId()
                                + ") was done by "
                                + end
                                + "; no second visit: "
                                + (drainStands ? "the traffic goes back and " : "")
                                + "the ticket is closed",
                        Optional.empty()));
    }

    /** Keeps the choices that pass {@code wanted}, if any do; else all of them. */
    private static void keepIfAny(
            List<RepairChoice> choices, java.util.function.Predicate<RepairChoice> wanted) {
        if (choices.stream().anyMatch(wanted)) {
            choices.removeIf(wanted.negate());
        }
    }

    /** The first choice, in order of preference, whose work the network says harms nobody. */
    private Optional<RepairChoice> firstHarmless(List<RepairChoice> ordered) {
        // one preview per outage window: choices at one start but with other travel are out longer
        askAhead(ordered, PREVIEWS_AHEAD, Optional.empty());
        Set<List<Instant>> tried = new HashSet<>();
        for (int i = 0; i < ordered.size(); i++) {
            RepairChoice c = ordered.get(i);
            if (!tried.add(List.of(outFrom(c), c.start()))) {
                continue;
            }
            if (!outages.canAsk() && outage(c).isEmpty()) {
                return Optional.empty();
            }
            if (!asked(c)) {
                // the windows asked ahead all harm: the rest within the limit are asked ahead
                // together, and the failure's, weighed when every window harms
                askAhead(
                        ordered.subList(i, ordered.size()),
                        Integer.MAX_VALUE,
                        Optional.of(failureOutage()));
            }
            if (outage(c).map(Outages.Preview::safe).orElse(true)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * The previews of the first {@code windows} windows in order of preference (and of {@code
     * failure}, after them) asked ahead, together where the loop asks reads at once: the next is
     * needed as soon as the first finds harm, and asking it meanwhile takes its wait off the plan's
     * (docs/agent.md, "Do no harm"). Where the reader asks the first alone, this is the read one
     * after another would make.
     */
    private void askAhead(
            List<RepairChoice> ordered,
            int windows,
            Optional<Map.Entry<Instant, Duration>> failure) {
        Set<List<Instant>> seen = new HashSet<>();
        List<Map.Entry<Instant, Duration>> ahead = new ArrayList<>();
        for (RepairChoice c : ordered) {
            if (ahead.size() == windows) {
                break;
            }
            if (seen.add(List.of(outFrom(c), c.start()))) {
                ahead.add(window(c));
            }
        }
        outages.ahead(ahead, failure);
    }

    /** When the element is out for a choice, and for how long. */
    private Map.Entry<Instant, Duration> window(RepairChoice c) {
        Instant from = outFrom(c);
        return Map.entry(from, Duration.between(from, c.start().plus(settings.repairDuration())));
    }

    private boolean asked(RepairChoice c) {
        Map.Entry<Instant, Duration> w = window(c);
        return outages.asked(w.getKey(), w.getValue());
    }

    private Optional<Outages.Preview> leastHarmful(List<RepairChoice> ordered) {
        return ordered.stream()
                .map(this::outage)
                .flatMap(Optional::stream)
                .min(java.util.Comparator.comparingDouble(Outages.Preview::customerMinutes));
    }

    /**
     * When the element goes out of service for a choice: with its traffic moved off before the
     * engineer leaves (a refused move then cancels a visit that has not started), else at the work.
     */
    private Instant outFrom(RepairChoice c) {
        Instant out =
                alternatePath && !drainRefused
                        ? drainFrom(c.start().minus(c.travel()).minus(drainLead()))
                        : c.start();
        return out.isBefore(now) ? now : out;
    }

    private Optional<Outages.Preview> outage(RepairChoice c) {
        Map.Entry<Instant, Duration> w = window(c);
        return outages.at(w.getKey(), w.getValue());
    }

    private Plan build(RepairChoice choice, boolean late, boolean safe) {
        // an engineer who comes whatever (the booking could not be undone) does the work now
        boolean comesAnyway =
                choice.keptAppointment().isPresent()
                        && context.commitments().stream()
                                .anyMatch(
                                        s ->
                                                s.index() == choice.keptAppointment().getAsInt()
                                                        && visits.comesWhatever(s));
        boolean afterFailure = drainRefused && !down && !comesAnyway;
        Set<Integer> keep = keepTicketOnly();
        choice.keptOrder().ifPresent(keep::add);
        if (!afterFailure) {
            choice.keptAppointment().ifPresent(keep::add);
        }
        if (late || drained && !outFrom(choice).isAfter(restorableFrom())) {
            // a drain that stands (the element reads drained) is kept when the plan would move
            // the traffic off at once anyway: undone first and asked again, its undo put the
            // traffic back onto the router minutes before the engineer took it out, and the new
            // drain then failed (seen at a fresh seed of core-drain-faults: 576,360
            // customer-minutes of planned work, against none had the drain been kept); so too
            // when the plan's own drain would come before the policy lets the traffic back
            keepDrain(keep);
        }
        PlanBuilder b = new PlanBuilder(request, keep, replacedLater(choice, keep, afterFailure));
        ticket(b);
        if (late) {
            drainAhead(b, keep);
        }
        int orderStep = choice.keptOrder().orElse(-1);
        if (choice.keptOrder().isEmpty()) {
            orderStep =
                    b.add(
                            ToolCall.of(
                                    ORDER_PART,
                                    means.orderArgs(choice.source(), choice.expedite())),
                            now,
                            OptionalInt.empty(),
                            "get a "
                                    + part.code()
                                    + " to "
                                    + element.site()
                                    + " before the engineer");
        }
        if (afterFailure) {
            return repairAfterFailure(b, "replacing the " + part.code());
        }
        OptionalInt dispatch = OptionalInt.empty();
        int bookingStep = choice.keptAppointment().orElse(-1);
        if (choice.keptAppointment().isEmpty()) {
            bookingStep =
                    b.add(
                            ToolCall.of(DISPATCH_ENGINEER, means.dispatchArgs(choice)),
                            now,
                            OptionalInt.empty(),
                            "book " + choice.engineerId() + " to replace the " + part.code());
            dispatch = OptionalInt.of(bookingStep);
        }
        choice.takes().forEach(b::take);
        Instant jobEnd = choice.start().plus(settings.repairDuration());
        String how =
                workAround(
                        b,
                        late ? deadline.orElse(now) : outFrom(choice),
                        dispatch,
                        jobEnd,
                        "replacement of the " + part.code(),
                        late && deadline.isPresent());
        Instant lastVisitEnd = visits.protectLater(b, choice.keptAppointment(), jobEnd);
        b.add(closeTicket(), lastVisitEnd, dispatch, "close the ticket once the work is done");
        if (!late) {
            // the plan holds while it still leaves the least margin a plan is made with: checked
            // against the work's bare end, an estimate moving closer faster than the clock (a wear
            // that speeds up, whose estimates lag behind it) broke it only once the element had
            // failed, with the drain timed for the work still ahead (seen at fresh seeds of
            // speedup-outruns-slow-approvals); at the margin, the replan drains at once
            Instant holdsUntil = jobEnd.plus(MIN_MARGIN);
            b.assume(
                    Assumption.failureNotBefore(
                            holdsUntil,
                            "the element holds until the work is over, "
                                    + jobEnd
                                    + ", and "
                                    + MIN_MARGIN.toHours()
                                    + " h more"));
        }
        b.assume(
                Assumption.partArrivesBy(
                        orderStep,
                        choice.start(),
                        "the "
                                + part.code()
                                + " is at "
                                + element.site()
                                + " by "
                                + choice.start()));
        b.assume(
                Assumption.appointmentHolds(
                        bookingStep,
                        choice.start(),
                        choice.engineerId() + " comes at " + choice.start()));
        lookAgainBeforeTheWork(b, choice, late);
        if (safe && !late && !down) {
            b.assume(
                    Assumption.workSafe(
                            outFrom(choice),
                            "taking "
                                    + elementId()
                                    + " out from "
                                    + outFrom(choice)
                                    + " to the work's end at "
                                    + jobEnd
                                    + " harms no customer"));
        }
        return b.build(rationale(choice, late, safe, how), Optional.empty());
    }

    /**
     * Work that goes ahead with the traffic on (no other path now, or harm at every time tried)
     * while other elements are out of service (down, drained, under another case's work) rests on a
     * state that may pass: the twin of a core router drained for its own repair comes back, and the
     * element has its other path again. The plan then looks again just before the work, when a
     * drain can still be put in front of it.
     */
    private void lookAgainBeforeTheWork(PlanBuilder b, RepairChoice choice, boolean late) {
        if (down || late || drainRefused) {
            return;
        }
        Optional<Outages.Preview> work = outage(choice);
        boolean trafficStaysOn = !alternatePath || !work.map(Outages.Preview::safe).orElse(true);
        boolean othersOut = work.map(Outages.Preview::othersOut).orElse(false);
        Instant again = choice.start().minus(settings.drainLead());
        if (trafficStaysOn && othersOut && again.isAfter(now)) {
            b.assume(
                    Assumption.reconsiderAt(
                            again,
                            "other elements are out of service now; before the work at "
                                    + choice.start()
                                    + ", see whether "
                                    + elementId()
                                    + "'s traffic can move off after all"));
        }
    }

    /**
     * The standing order and booking the plan replaces by new ones, to be undone only once their
     * replacements stand (make before break): a new order or visit may wait for a person who says
     * no, and the case should then still have the old one to fall back on. A booking whose job
     * would clash with the new one (the same hours) is undone first, as the workforce system would
     * refuse the new one beside it.
     */
    private Set<Integer> replacedLater(RepairChoice choice, Set<Integer> keep, boolean noVisit) {
        Set<Integer> later = new HashSet<>();
        if (choice.keptOrder().isEmpty()) {
            means.standing(ORDER_PART)
                    .filter(o -> !keep.contains(o.index()))
                    .ifPresent(o -> later.add(o.index()));
        }
        if (choice.keptAppointment().isEmpty() && !noVisit) {
            means.standing(DISPATCH_ENGINEER)
                    .filter(a -> !keep.contains(a.index()))
                    // a booking given up for a more urgent case: its slot is wanted at once
                    .filter(a -> !context.excluded(DISPATCH_ENGINEER, a.call().arguments()))
                    .filter(a -> !clashes(a, choice))
                    .ifPresent(a -> later.add(a.index()));
        }
        return later;
    }

    /** Whether a standing booking's job and the choice's overlap, the drives counted. */
    private boolean clashes(StepRecord booking, RepairChoice choice) {
        Optional<Instant> start = instant(booking.call().arguments().get("start"));
        if (start.isEmpty()) {
            return true;
        }
        Instant oldFrom = start.get().minus(choice.travel());
        Instant oldTo = start.get().plus(settings.repairDuration());
        Instant newFrom = choice.start().minus(choice.travel());
        Instant newTo = choice.start().plus(settings.repairDuration());
        return newFrom.isBefore(oldTo) && oldFrom.isBefore(newTo);
    }

    private String rationale(RepairChoice c, boolean late, boolean safe, String how) {
        String replan = context.isReplan() ? "replanned (" + context.reason() + "): " : "";
        return String.format(
                        Locale.ROOT,
                        "%s%s predicted on %s (p=%.2f), earliest failure %s%s; %s %s%s arrives %s; %s (%s)"
                                + " starts %s (%s), %.0f GBP%s; %s%s%s",
                        replan,
                        prediction.mode(),
                        elementId(),
                        prediction.probability(),
                        prediction.earliestFailureAt(),
                        deadline.map(d -> ", work planned to end by " + d)
                                .orElse(", already failed"),
                        part.code(),
                        c.keptOrder().isPresent() ? "already on order" : "from " + c.source(),
                        c.expedite() ? " (expedited)" : "",
                        c.arrival(),
                        c.engineerId(),
                        c.engineerRegion(),
                        c.start(),
                        c.inShift() ? "in shift" : "out of hours",
                        c.costGbp(),
                        c.keptAppointment().isPresent() ? ", booked already" : "",
                        how,
                        late && deadline.isPresent()
                                ? "; no way ends before the deadline, so the earliest is taken"
                                : "",
                        safe
                                ? ""
                                : "; the work harms some customers at every time tried, less than a failure would")
                + (c.takes().isEmpty()
                        ? ""
                        : "; takes the slot of "
                                + c.takes().stream().map(h -> h.caseId().value()).toList()
                                + ", whose elements fail later");
    }

    /** No engineer with the skill, or no source of the part, in the horizon: a person decides. */
    private Plan noWayToMend(boolean noEngineer, boolean noPart) {
        doubt =
                Optional.of(
                        "no way to mend: "
                                + (noEngineer ? "no engineer with the skill" : "")
                                + (noEngineer && noPart ? " and " : "")
                                + (noPart ? "no part to be had" : "")
                                + (!noEngineer && !noPart ? "no repair fits" : ""));
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
                        "failure",
                        true);
        String why =
                (noEngineer ? "no engineer with the skill '" + means.skill() + "' can come" : "")
                        + (noEngineer && noPart ? " and " : "")
                        + (noPart ? "no source of " + part.code() + " is left" : "")
                        + (!noEngineer && !noPart
                                ? "every way to mend it was refused or excluded"
                                : "")
                        + " within "
                        + settings.searchHorizon().toDays()
                        + " days";
        return b.build(
                "cannot mend " + elementId() + ": " + why + "; " + how,
                Optional.of("no way to mend " + elementId() + " was found (" + why + "); " + how));
    }

    /** The standing booking as a choice, with each supply that arrives before it starts. */
    private List<RepairChoice> keeping(
            StepRecord booking,
            List<Supply> supplies,
            List<Engineer> engineers,
            RepairChoice.Search search) {
        Optional<Instant> start = instant(booking.call().arguments().get("start"));
        Object engineerId = booking.call().arguments().get("engineer_id");
        // a job under way (or about to start) is kept: its engineer is there
        if (start.isEmpty() || !start.get().plus(settings.repairDuration()).isAfter(now)) {
            return List.of();
        }
        if (ossOf(GET_APPOINTMENT, "appointment_key", booking)
                .map(r -> "cancelled".equals(r.stringOr("state", "")))
                .orElse(false)) {
            return List.of(); // the workforce system cancelled it
        }
        // the booking stands in the workforce system: whatever was booked since did not clash
        Engineer e =
                engineers.stream().filter(x -> x.id().equals(engineerId)).findFirst().orElse(null);
        if (e == null) {
            return List.of();
        }
        // a job under way needs the part there now, not at its start: an order delivered since
        // reads as arriving now (supplies never arrive in the past), and a job started before that
        // reading was taken for a job without its part, so a second visit was booked beside the
        // engineer already on site (seen at a fresh seed of core-drain-faults, with the oracle)
        Instant needed = start.get().isBefore(now) ? now : start.get();
        List<RepairChoice> out = new ArrayList<>();
        for (Supply s : supplies) {
            if (s.arrival().isAfter(needed)) {
                continue; // no buffer here: the job is booked, what counts is the part being there
            }
            boolean shift = e.inShift(start.get(), settings.repairDuration());
            out.add(
                    new RepairChoice(
                                    s.source(),
                                    s.expedite(),
                                    s.arrival(),
                                    e.id(),
                                    e.region(),
                                    start.get(),
                                    shift,
                                    search.inTime(start.get()),
                                    s.costGbp() + (shift ? CALLOUT_GBP : 2 * CALLOUT_GBP),
                                    s.keptOrder(),
                                    OptionalInt.empty(),
                                    List.of(),
                                    e.travel())
                            .keepingAppointment(booking.index()));
        }
        return out;
    }
}
