package dev.autonoc.core.plan;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a plan rests on (docs/agent.md, "Replanning"): when one breaks, the case is planned again
 * from where it is. The loop checks each kind its own way: predictions every tick, the OSS by reads
 * at intervals and before the work.
 *
 * @param step the step of the plan the assumption is about (the order, the booking), if any
 * @param at the time the assumption names (failure not before, part by, decide by)
 * @param text the assumption in words, as the plan's rationale states it
 */
public record Assumption(Kind kind, OptionalInt step, Instant at, double threshold, String text) {

    public enum Kind {
        /**
         * The element does not fail before {@code at}: the plan's protective work is over by then.
         * Breaks when a prediction puts the earliest failure earlier.
         */
        FAILURE_NOT_BEFORE,
        /** The part ordered by {@code step} is at the site by {@code at}. */
        PART_ARRIVES_BY,
        /** The engineer booked by {@code step} comes: the appointment is not cancelled. */
        APPOINTMENT_HOLDS,
        /**
         * Taking the element out of service at {@code at} (moving its traffic off, or the work
         * itself) harms no customer: checked again with the network just before.
         */
        WORK_SAFE,
        /**
         * The plan waits for something that may change by {@code at} (a paused tool, work that
         * would harm customers now): the case is planned again then.
         */
        RECONSIDER_AT,
        /**
         * A watch: the alarm's probability stays below {@code threshold} and nothing invasive is
         * done until {@code at}, the last moment an in-time repair can still be decided on.
         */
        WATCH
    }

    public Assumption {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(text, "text");
        if ((kind == Kind.PART_ARRIVES_BY || kind == Kind.APPOINTMENT_HOLDS) && step.isEmpty()) {
            throw new IllegalArgumentException(kind + " names the step it is about");
        }
    }

    public static Assumption failureNotBefore(Instant at, String text) {
        return new Assumption(Kind.FAILURE_NOT_BEFORE, OptionalInt.empty(), at, 0.0, text);
    }

    public static Assumption partArrivesBy(int orderStep, Instant by, String text) {
        return new Assumption(Kind.PART_ARRIVES_BY, OptionalInt.of(orderStep), by, 0.0, text);
    }

    public static Assumption appointmentHolds(int dispatchStep, Instant start, String text) {
        return new Assumption(
                Kind.APPOINTMENT_HOLDS, OptionalInt.of(dispatchStep), start, 0.0, text);
    }

    public static Assumption workSafe(Instant at, String text) {
        return new Assumption(Kind.WORK_SAFE, OptionalInt.empty(), at, 0.0, text);
    }

    public static Assumption reconsiderAt(Instant at, String text) {
        return new Assumption(Kind.RECONSIDER_AT, OptionalInt.empty(), at, 0.0, text);
    }

    public static Assumption watch(double belowProbability, Instant decideBy, String text) {
        return new Assumption(Kind.WATCH, OptionalInt.empty(), decideBy, belowProbability, text);
    }

    Assumption shifted(int by) {
        return step.isPresent()
                ? new Assumption(kind, OptionalInt.of(step.getAsInt() + by), at, threshold, text)
                : this;
    }
}
