package dev.autonoc.core.planner;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** The operator's quiet hours (OPERATOR.md: 00:00–05:00 UTC, the lowest traffic of the day). */
final class QuietHours {

    /** The first time at or after {@code from} when a quiet-hour action may start. */
    static Instant nextStart(Instant from, PlaybookSettings settings) {
        ZonedDateTime t = from.atZone(ZoneOffset.UTC);
        LocalTime time = t.toLocalTime();
        if (!time.isBefore(settings.quietStart()) && !time.isAfter(settings.quietLatestStart())) {
            return from;
        }
        ZonedDateTime start = t.with(settings.quietStart());
        if (!start.isAfter(t)) {
            start = start.plusDays(1);
        }
        return start.toInstant();
    }

    private QuietHours() {}
}
