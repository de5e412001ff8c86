package dev.autonoc.core.planner;

import static dev.autonoc.core.tool.ToolNames.CANCEL_APPOINTMENT;
import static dev.autonoc.core.tool.ToolNames.DISPATCH_ENGINEER;
import static dev.autonoc.core.tool.ToolNames.GET_APPOINTMENT;
import static dev.autonoc.core.tool.ToolNames.REROUTE_TRAFFIC;
import static dev.autonoc.core.tool.ToolNames.RESTORE_TRAFFIC;
import static dev.autonoc.core.tool.ToolValues.instant;

import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.tool.ToolCall;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A case's standing visits (its bookings whose effect stands), as a part replacement plans around
 * them: which one does the work, which come whatever the plan says, a job the workforce system says
 * was done, and the visits still to come after the work (docs/agent.md, "A drain that keeps failing
 * past the visit").
 */
final class StandingVisits {

    /** The workforce system's state of an appointment whose job was done (TMF646's). */
    static final String JOB_DONE = "completed";

    private final Playbook playbook;

    StandingVisits(Playbook playbook) {
        this.playbook = playbook;
    }

    private List<StepRecord> all() {
        return playbook.context.commitments().stream()
                .filter(s -> s.call().tool().equals(DISPATCH_ENGINEER))
                .toList();
    }

    /**
     * The standing booking a plan may keep: one whose engineer comes whatever, if there is one (the
     * first of them to end), else the latest. With two standing (a visit the plan moved, and the
     * old one that could not be cancelled), the latest was kept and the one already on its way
     * ignored: it did the work, and the kept one came the next day to a mended router (a fresh seed
     * of three-faults-one-region).
     */
    Optional<StepRecord> kept() {
        List<StepRecord> bookings = all();
        // of several that come whatever, the first still to end does the work; the later ones
        // come to a mended element (protectLater)
        return bookings.stream()
                .filter(this::comesWhatever)
                .filter(s -> end(s).map(e -> e.isAfter(playbook.now)).orElse(false))
                .min(Comparator.comparing(s -> end(s).orElseThrow()))
                .or(() -> bookings.stream().filter(this::comesWhatever).reduce((a, b) -> b))
                .or(() -> bookings.stream().reduce((a, b) -> b));
    }

    /**
     * Whether a standing booking's engineer comes whatever the plan says: it could not be undone
     * (or the policy allows no cancel), or its engineer has left for the site (the workforce
     * system's cut-off: a cancel is refused), or will have by the time a cancel the policy paused
     * may be asked again. A plan that took such a booking for one it could move booked a second
     * visit and asked to cancel the first, which was refused, and both engineers came.
     */
    boolean comesWhatever(StepRecord booking) {
        if (!booking.commitment().undoable()
                || PlanBuilder.undoExcluded(playbook.context, booking)) {
            return true;
        }
        // a cancel the policy denied for the moment, paused until the engineer has left, comes
        // too late as well
        Instant cancellableUntil =
                playbook.context
                        .pausedUntil(CANCEL_APPOINTMENT)
                        .filter(playbook.now::isBefore)
                        .orElse(playbook.now);
        return instant(booking.output().get("leaves_at"))
                .map(t -> !t.isAfter(cancellableUntil))
                .orElse(false);
    }

    /**
     * Whether a standing effect is a visit still to come that the plan can cancel (one that comes
     * whatever, or whose job is over, cannot be or need not be).
     */
    boolean cancellableToCome(StepRecord s) {
        return s.call().tool().equals(DISPATCH_ENGINEER)
                && !comesWhatever(s)
                && end(s).map(e -> e.isAfter(playbook.now)).orElse(false);
    }

    /** When the engineer of a choice leaves for the site: as the booking said, for a kept one. */
    Instant leaves(RepairChoice c) {
        return c.keptAppointment().stream()
                .boxed()
                .flatMap(
                        i ->
                                playbook.context.commitments().stream()
                                        .filter(s -> s.index() == i)
                                        .flatMap(
                                                s -> instant(s.output().get("leaves_at")).stream()))
                .findFirst()
                .orElseGet(() -> c.start().minus(c.travel()));
    }

    /** When a booked visit's job ends: its own answer's, else its start and the repair's length. */
    Optional<Instant> end(StepRecord booking) {
        return booking.completesAt()
                .or(
                        () ->
                                instant(booking.call().arguments().get("start"))
                                        .map(s -> s.plus(playbook.settings.repairDuration())));
    }

    /**
     * The latest ended booking whose job the workforce system says was done, if any: a replan after
     * it finishes the case rather than book the work again.
     */
    Optional<StepRecord> done() {
        List<StepRecord> ended =
                all().stream()
                        .filter(s -> s.state() == StepState.DONE)
                        .filter(s -> end(s).map(e -> !e.isAfter(playbook.now)).orElse(false))
                        .toList();
        for (int i = ended.size() - 1; i >= 0; i--) {
            StepRecord s = ended.get(i);
            if (playbook.ossOf(GET_APPOINTMENT, "appointment_key", s)
                    .map(r -> JOB_DONE.equals(r.stringOr("state", "")))
                    .orElse(false)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * The case's other visits that come whatever (their cancel was refused or denied, or their
     * engineer has left) and end after {@code after}: each will take the element out of service, on
     * a mended element, so its traffic is moved off before it and back after it, and the case stays
     * open until the last is over. Closed at the work's end, the case left the next visit to come
     * to a core router still carrying its traffic (504,360 customer-minutes at a fresh seed of
     * supplier-delay-after-order, where the day's act limit had denied the visit's cancel). {@code
     * working}: the booking that does the work, if it is a standing one. Returns when the last
     * visit ends ({@code after} when there is none).
     */
    Instant protectLater(PlanBuilder b, OptionalInt working, Instant after) {
        List<StepRecord> later =
                all().stream()
                        .filter(s -> working.isEmpty() || s.index() != working.getAsInt())
                        .filter(this::comesWhatever)
                        .filter(s -> end(s).map(e -> e.isAfter(after)).orElse(false))
                        .sorted(Comparator.comparing(s -> end(s).orElseThrow()))
                        .toList();
        Instant last = after;
        String element = playbook.elementId();
        for (StepRecord visit : later) {
            Instant start = instant(visit.call().arguments().get("start")).orElseThrow();
            Instant end = end(visit).orElseThrow();
            if (playbook.alternatePath && !playbook.drainRefused) {
                Instant leaves = instant(visit.output().get("leaves_at")).orElse(start);
                b.add(
                        ToolCall.of(REROUTE_TRAFFIC, Map.of("element_id", element)),
                        playbook.drainFrom(leaves.minus(playbook.drainLead())),
                        OptionalInt.empty(),
                        "move the traffic off before step "
                                + visit.index()
                                + "'s visit, which comes whatever (the work is done by then)");
                b.add(
                        ToolCall.of(RESTORE_TRAFFIC, Map.of("element_id", element)),
                        end,
                        OptionalInt.empty(),
                        "put the traffic back after step " + visit.index() + "'s visit");
            }
            last = end;
        }
        return last;
    }
}
