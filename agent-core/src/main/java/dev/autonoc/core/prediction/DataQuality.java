package dev.autonoc.core.prediction;

import dev.autonoc.core.network.ElementId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How far an element's data can be trusted now (docs/data-quality.md): what the predictor's
 * judgement, and an act that rests on it, stands on.
 *
 * @param lastSampleAt the newest sample taken in, by its own timestamp; empty before the first
 * @param reason what was seen, in words a NOC operator reads (empty for fresh data)
 */
public record DataQuality(
        ElementId element, State state, Optional<Instant> lastSampleAt, String reason) {

    /** The states, worst last: an element in several is reported in the worst. */
    public enum State {
        /** Samples arrive on time, in order, every metric moving. */
        FRESH,
        /**
         * Samples arrive again after a gap, but the windows the predictor reads still span it: its
         * judgement is not yet one of health, and it raises no new alarm.
         */
        SETTLING,
        /** Nothing has arrived for longer than the stream's interval allows. */
        GAPPY,
        /** A metric repeats its value exactly, sample after sample: its sensor is stuck. */
        STUCK,
        /** The element's timestamps run ahead of the rest of the network's. */
        SKEWED,
        /** The element's own data disagree with another source (an alarm, the inventory). */
        CONTRADICTED;

        /** The key used in policy facts and reports: {@code fresh}, {@code gappy}, ... */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public DataQuality {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastSampleAt, "lastSampleAt");
        Objects.requireNonNull(reason, "reason");
    }

    public static DataQuality fresh(ElementId element, Instant lastSampleAt) {
        return new DataQuality(element, State.FRESH, Optional.of(lastSampleAt), "");
    }

    /** Whether a judgement on this data may be acted on without a check first. */
    public boolean trusted() {
        return state == State.FRESH;
    }
}
