package dev.autonoc.service.simulation;

import java.time.Duration;
import java.time.Instant;

/**
 * The pacing arithmetic, apart from threads and clocks so that it can be tested on its own: from an
 * anchor (a simulated and a wall-clock instant taken together), the simulated time due now is the
 * simulated anchor plus {@code pace} times the wall time elapsed.
 */
final class Pacer {

    private Pacer() {}

    /** How many whole ticks the simulation is behind the time due at {@code wallNow}. */
    static long ticksDue(
            Instant simNow,
            Duration tick,
            Instant anchorSim,
            Instant anchorWall,
            Instant wallNow,
            double pace) {
        double wallElapsedNanos = Math.max(0L, Duration.between(anchorWall, wallNow).toNanos());
        double dueNanos = Duration.between(simNow, anchorSim).toNanos() + wallElapsedNanos * pace;
        if (dueNanos <= 0) {
            return 0;
        }
        return (long) Math.floor(dueNanos / tick.toNanos());
    }

    /**
     * The most ticks one pump runs: twice what one pump should need, and at least four, so that a
     * pump that started late catches up over a few pumps without holding the driver thread long.
     */
    static long perPumpLimit(Duration tick, Duration pumpInterval, double pace) {
        double perPump = pumpInterval.toNanos() * pace / tick.toNanos();
        return Math.max(4L, (long) Math.ceil(2 * perPump));
    }

    /**
     * The backlog, in ticks, past which the driver stops catching up and drops it: what two wall
     * seconds are worth, and at least eight. A machine too slow for the pace then runs slower than
     * the pace, instead of falling ever further behind.
     */
    static long backlogLimit(Duration tick, double pace) {
        double twoSeconds = 2e9 * pace / tick.toNanos();
        return Math.max(8L, (long) Math.ceil(twoSeconds));
    }

    /** Whole ticks that cover {@code by}, rounding up. */
    static long ticksCovering(Duration by, Duration tick) {
        long t = tick.toNanos();
        return (by.toNanos() + t - 1) / t;
    }
}
