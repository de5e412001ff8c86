package dev.autonoc.simulators;

import java.time.Instant;
import java.time.LocalTime;

/** The operator's week: the daily traffic cycle and the engineers' shift hours (OPERATOR.md). */
final class Calendar {

    /** Weekday load by hour, a share of the evening peak: lowest 02-05, peak 19-22. */
    private static final double[] WEEKDAY = {
        0.45, 0.35, 0.27, 0.25, 0.25, 0.28, 0.38, 0.55, 0.68, 0.72, 0.74, 0.76, 0.78, 0.77, 0.76,
        0.77, 0.80, 0.85, 0.92, 1.00, 1.00, 1.00, 1.00, 0.70
    };

    static final LocalTime SHIFT_START = LocalTime.of(8, 0);
    static final LocalTime SHIFT_END = LocalTime.of(18, 0);

    /**
     * A Monday midnight UTC the week is counted from: the load follows the calendar, not the twin's
     * start (a twin started on a Wednesday afternoon starts at Wednesday afternoon's load).
     */
    private static final long A_MONDAY = Instant.parse("2025-01-06T00:00:00Z").getEpochSecond();

    private Calendar() {}

    /**
     * The load factor (0.25..1) at an instant, interpolated between hours. Weekends start later and
     * peak lower.
     */
    static double loadFactor(Instant at) {
        long secondOfWeek = Math.floorMod(at.getEpochSecond() - A_MONDAY, 7 * 86_400L);
        int day = (int) (secondOfWeek / 86_400L);
        double hour = (secondOfWeek % 86_400L) / 3600.0;
        boolean weekend = day >= 5;
        if (weekend) {
            hour = hour - 1.0;
            if (hour < 0) {
                hour += 24.0;
            }
        }
        int h = (int) hour;
        double frac = hour - h;
        double f = WEEKDAY[h] + (WEEKDAY[(h + 1) % 24] - WEEKDAY[h]) * frac;
        return weekend ? Math.max(0.25, 0.9 * f) : f;
    }
}
