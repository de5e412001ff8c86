package dev.autonoc.service.connected;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that reads {@code start} at the wall-clock instant {@code anchor} and runs {@code pace}
 * times as fast as the wall clock from there: a rehearsal's time. The twin process and the service
 * instances of a rehearsal given the same three values agree on the time to within their wall
 * clocks' agreement, which is what lets separate processes play a scenario at 3,600× as they would
 * live at 1×.
 *
 * <p>Before its anchor the clock stands at {@code start}, as the twin's time does while it waits
 * for the anchor: the twin publishes its inventory dated {@code start} at once, and an instance
 * started early must not find those messages in its future (they would be dead letters) nor write
 * ledger times before the rehearsal began.
 *
 * <p>Pace 1 with {@code start} equal to {@code anchor} is the wall clock itself.
 */
public final class PacedClock extends Clock {

    private final Clock wall;
    private final Instant anchor;
    private final Instant start;
    private final double pace;

    public PacedClock(Clock wall, Instant anchor, Instant start, double pace) {
        this.wall = Objects.requireNonNull(wall, "wall");
        this.anchor = Objects.requireNonNull(anchor, "anchor");
        this.start = Objects.requireNonNull(start, "start");
        if (!(pace > 0 && pace <= MAX_PACE)) {
            throw new IllegalArgumentException(
                    "pace is " + pace + "; a number in (0, " + (long) MAX_PACE + "] is accepted");
        }
        this.pace = pace;
    }

    /** The fastest pace accepted: a simulated year in about nine real hours. */
    public static final double MAX_PACE = 1_000_000;

    @Override
    public Instant instant() {
        long elapsedMillis = Duration.between(anchor, wall.instant()).toMillis();
        return elapsedMillis <= 0 ? start : start.plusMillis((long) (elapsedMillis * pace));
    }

    /**
     * How long on the wall clock until this clock runs at {@code when} (zero if it has); before the
     * anchor, the wait for the anchor included (the clock stands at {@code start} until then).
     */
    public Duration wallTimeUntil(Instant when) {
        long sinceStart = Duration.between(start, when).toMillis();
        Instant wallAt = anchor.plusMillis((long) Math.ceil(Math.max(0, sinceStart) / pace));
        Duration wait = Duration.between(wall.instant(), wallAt);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    public Instant anchor() {
        return anchor;
    }

    public Instant start() {
        return start;
    }

    public double pace() {
        return pace;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("a paced clock runs in UTC only");
        }
        return this;
    }

    @Override
    public String toString() {
        return "PacedClock[" + start + " at " + anchor + ", ×" + pace + "]";
    }
}
