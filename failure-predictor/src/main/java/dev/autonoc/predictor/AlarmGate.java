package dev.autonoc.predictor;

import java.time.Duration;
import java.time.Instant;

/**
 * Persistence and hysteresis for one element: it alarms once its probability has stayed at or over
 * the threshold for the persistence time, and stops at the first score below a lower release level.
 * So a single noisy tick over the threshold never raises an alarm, and scores wavering just under
 * the threshold do not clear one; one deep dip does. That is asymmetric on purpose: the gate does
 * not close a case, the loop does, and only once the element has stayed off the at-risk list for
 * {@code LoopSettings.falseAlarmAfter} (a day by default), so a dip costs an open case nothing; a
 * re-raised alarm waits out the persistence time again. The trainer picks its threshold with this
 * same gate, so the figures it reports are the gate's.
 */
final class AlarmGate {

    /** An alarm clears only below this share of the threshold. */
    static final double RELEASE = 0.8;

    private final double threshold;
    private final Duration persistence;
    private Instant aboveSince;
    private boolean alarmed;
    private Instant alarmedSince;

    AlarmGate(double threshold, Duration persistence) {
        this.threshold = threshold;
        this.persistence = persistence;
    }

    /** Takes the element's probability at a time; returns whether it is alarmed now. */
    boolean update(Instant at, double probability) {
        if (alarmed) {
            if (probability < threshold * RELEASE) {
                alarmed = false;
                alarmedSince = null;
                aboveSince = null;
            }
            return alarmed;
        }
        if (probability >= threshold) {
            if (aboveSince == null) {
                aboveSince = at;
            }
            if (!at.isBefore(aboveSince.plus(persistence))) {
                alarmed = true;
                alarmedSince = at;
            }
        } else {
            aboveSince = null;
        }
        return alarmed;
    }

    /**
     * The score at hand is not one to judge on (the element's windows span a gap): a standing alarm
     * stands, and a wait over the threshold starts again, so that the persistence counts only
     * scores that can be trusted.
     */
    void hold() {
        if (!alarmed) {
            aboveSince = null;
        }
    }

    /**
     * The gate's state, for a handover: when it went over the bar, whether and since when alarmed.
     */
    void writeTo(java.nio.ByteBuffer out) {
        out.putLong(aboveSince == null ? Long.MIN_VALUE : aboveSince.getEpochSecond());
        out.put((byte) (alarmed ? 1 : 0));
        out.putLong(alarmedSince == null ? Long.MIN_VALUE : alarmedSince.getEpochSecond());
    }

    /** Takes the state {@link #writeTo} wrote. */
    void readFrom(java.nio.ByteBuffer in) {
        long above = in.getLong();
        aboveSince = above == Long.MIN_VALUE ? null : Instant.ofEpochSecond(above);
        alarmed = in.get() == 1;
        long since = in.getLong();
        alarmedSince = since == Long.MIN_VALUE ? null : Instant.ofEpochSecond(since);
    }

    /** Bytes {@link #writeTo} writes. */
    static final int BYTES = 17;

    boolean alarmed() {
        return alarmed;
    }

    /**
     * Over the threshold and waiting out the persistence time: the one state in which a score below
     * the threshold would change something (it starts the wait again).
     */
    boolean pending() {
        return !alarmed && aboveSince != null;
    }

    Instant alarmedSince() {
        return alarmedSince;
    }
}
