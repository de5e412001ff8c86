package dev.autonoc.tools.oss;

import java.time.Instant;
import java.util.Objects;

/** TMF TimePeriod: a half-open interval {@code [startDateTime, endDateTime)}. */
public record TimePeriod(Instant startDateTime, Instant endDateTime) {

    public TimePeriod {
        Objects.requireNonNull(startDateTime, "startDateTime");
        Objects.requireNonNull(endDateTime, "endDateTime");
        if (endDateTime.isBefore(startDateTime)) {
            throw new IllegalArgumentException(
                    "a time period ends after it starts; got "
                            + startDateTime
                            + " .. "
                            + endDateTime);
        }
    }

    public boolean overlaps(TimePeriod other) {
        return startDateTime.isBefore(other.endDateTime)
                && other.startDateTime.isBefore(endDateTime);
    }
}
