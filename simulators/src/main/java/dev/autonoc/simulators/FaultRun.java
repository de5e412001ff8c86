package dev.autonoc.simulators;

import dev.autonoc.core.prediction.FailureMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One fault as it plays out: its schedule, and what has happened to it so far. Mutable, twin-only.
 */
final class FaultRun {

    final int element;
    final FailureMode mode;
    final Instant onset;

    /** When it fails unless mended: its time to failure, shortened by a speedup if it has one. */
    final Instant failsAt;

    private final double ttfSeconds;
    private final double shape;

    /** From when the degradation runs faster, and how much; null without a speedup. */
    private final Instant speedupAt;

    private final double speedupFactor;
    Instant failedAt;
    Instant repairedAt;

    /** A job with the right part is under way: the element is powered down for the swap. */
    boolean mending;

    FaultRun(int element, FailureMode mode, Instant onset, Duration timeToFailure) {
        this(element, mode, onset, timeToFailure, null, 1.0);
    }

    /**
     * @param speedupAt from when the degradation advances {@code factor} times faster (after the
     *     onset, before the failure it would have had); null for none
     */
    FaultRun(
            int element,
            FailureMode mode,
            Instant onset,
            Duration timeToFailure,
            Instant speedupAt,
            double factor) {
        this.element = element;
        this.mode = mode;
        this.onset = onset;
        this.ttfSeconds = Math.max(1.0, timeToFailure.toSeconds());
        this.shape = shapeOf(mode);
        this.speedupAt = speedupAt;
        this.speedupFactor = factor;
        Instant unhurried = onset.plus(timeToFailure);
        if (speedupAt == null) {
            this.failsAt = unhurried;
        } else {
            long left = unhurried.getEpochSecond() - speedupAt.getEpochSecond();
            this.failsAt = speedupAt.plusSeconds((long) Math.ceil(left / factor));
        }
    }

    /** Slow at first, faster near the end; a memory leak climbs nearly steadily. */
    private static double shapeOf(FailureMode mode) {
        return switch (mode) {
            case FAN_WEAR -> 2.5;
            case LASER_AGING -> 2.0;
            case PSU_DEGRADATION -> 3.0;
            case MEMORY_LEAK -> 1.2;
        };
    }

    double level(Instant at) {
        if (at.isBefore(onset)) {
            return 0.0;
        }
        if (repairedAt != null && !at.isBefore(repairedAt)) {
            return 0.0;
        }
        if (!at.isBefore(failsAt)) {
            return 1.0;
        }
        double elapsed = at.getEpochSecond() - onset.getEpochSecond();
        if (speedupAt != null && at.isAfter(speedupAt)) {
            // degradation time runs factor times faster from the speedup on
            double before = speedupAt.getEpochSecond() - onset.getEpochSecond();
            elapsed = before + (at.getEpochSecond() - speedupAt.getEpochSecond()) * speedupFactor;
        }
        return Math.pow(Math.min(1.0, elapsed / ttfSeconds), shape);
    }

    /** Started and not mended: a visit to the element is not a false dispatch. */
    boolean activeAt(Instant at) {
        return !at.isBefore(onset) && (repairedAt == null || at.isBefore(repairedAt));
    }

    boolean downNow() {
        return failedAt != null && repairedAt == null;
    }

    FaultTruth truth(Topology topology) {
        return new FaultTruth(
                topology.element(element).id(),
                mode,
                onset,
                failsAt,
                Optional.ofNullable(failedAt),
                Optional.ofNullable(repairedAt));
    }
}
