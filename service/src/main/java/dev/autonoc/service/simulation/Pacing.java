package dev.autonoc.service.simulation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The pace the driver keeps now: the configured one while nobody is needed; real time, or none at
 * all, while a person is (an approval waits, a case needs a person), as {@link PacingProperties}
 * says. Asking whether a person is needed reads the stores, so the answer is kept for {@code
 * recheck} of wall time. Called on the driver thread only.
 */
final class Pacing {

    /** What the clock does now, for the driver and for the header. */
    record Now(State state, double pace, Optional<String> reason) {

        boolean holds() {
            return pace == 0;
        }
    }

    /** The clock's behaviour, as the header names it. */
    enum State {
        /** The configured pace, nobody needed (or pacing kept fixed). */
        FAST,
        /** One simulated second per second while a person is needed. */
        REAL_TIME,
        /** Standing still while a person is needed. */
        HELD
    }

    private final double pace;
    private final PacingProperties.WhenPersonNeeded mode;
    private final Supplier<Optional<String>> personNeeded;
    private final Clock wall;
    private final Duration recheck;

    private volatile Now current;
    private Instant checkedAt;

    /**
     * @param pace the configured pace, simulated seconds per second
     * @param personNeeded why a person is needed now, or empty when nobody is
     */
    Pacing(
            double pace,
            PacingProperties settings,
            Supplier<Optional<String>> personNeeded,
            Clock wall) {
        this.pace = pace;
        this.mode = settings.mode();
        this.personNeeded = personNeeded;
        this.wall = wall;
        this.recheck = settings.recheck();
        this.current = new Now(State.FAST, pace, Optional.empty());
    }

    /** A pacing that always keeps {@code pace}. */
    static Pacing fixed(double pace, Clock wall) {
        return new Pacing(pace, new PacingProperties("keep", Duration.ZERO), Optional::empty, wall);
    }

    /** The pace due now; asks the stores again once {@code recheck} has passed. */
    Now now() {
        if (mode == PacingProperties.WhenPersonNeeded.KEEP) {
            return current;
        }
        Instant t = wall.instant();
        if (checkedAt == null || !t.isBefore(checkedAt.plus(recheck))) {
            checkedAt = t;
            current = decide(personNeeded.get());
        }
        return current;
    }

    /** The last answer, without asking again: for status reads off the driver thread. */
    Now last() {
        return current;
    }

    private Now decide(Optional<String> why) {
        if (why.isEmpty() || pace <= 1) {
            return new Now(State.FAST, pace, Optional.empty());
        }
        return mode == PacingProperties.WhenPersonNeeded.PAUSE
                ? new Now(State.HELD, 0, why)
                : new Now(State.REAL_TIME, 1, why);
    }
}
