package dev.autonoc.tools.oss;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A field engineer, as TMF646 sees the party an appointment is booked with.
 *
 * @param skills of {@code router}, {@code radio}, {@code fibre}
 * @param shiftDays the weekdays the engineer works
 * @param shiftStart start of the shift, operator time (UTC)
 * @param shiftEnd end of the shift, operator time (UTC)
 * @param travelTime to the site asked about, when one was
 * @param booked appointments already booked (on-site time, travel excluded)
 * @param unavailable when the engineer cannot work (sick, leave)
 */
public record FieldEngineer(
        String id,
        String region,
        List<String> skills,
        Set<DayOfWeek> shiftDays,
        LocalTime shiftStart,
        LocalTime shiftEnd,
        Optional<Duration> travelTime,
        List<TimePeriod> booked,
        List<TimePeriod> unavailable) {

    public FieldEngineer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(region, "region");
        skills = List.copyOf(skills);
        shiftDays = Set.copyOf(shiftDays);
        Objects.requireNonNull(shiftStart, "shiftStart");
        Objects.requireNonNull(shiftEnd, "shiftEnd");
        Objects.requireNonNull(travelTime, "travelTime");
        booked = List.copyOf(booked);
        unavailable = List.copyOf(unavailable);
        if (!shiftEnd.isAfter(shiftStart)) {
            throw new IllegalArgumentException(
                    "a shift ends after it starts; got " + shiftStart + ".." + shiftEnd);
        }
    }

    public boolean hasSkill(String skill) {
        return skills.contains(skill);
    }

    /**
     * Whether work from {@code start} to {@code end} lies in one of the engineer's shifts: on a
     * shift day, from shift start to shift end (UTC). The twin and the tools' estimates both use
     * this rule so that the estimate's {@code in_shift} and the booking's agree.
     */
    public boolean inShift(Instant start, Instant end) {
        ZonedDateTime from = start.atZone(ZoneOffset.UTC);
        ZonedDateTime to = end.atZone(ZoneOffset.UTC);
        if (!shiftDays.contains(from.getDayOfWeek())) {
            return false;
        }
        ZonedDateTime shiftFrom = from.toLocalDate().atTime(shiftStart).atZone(ZoneOffset.UTC);
        ZonedDateTime shiftTo = from.toLocalDate().atTime(shiftEnd).atZone(ZoneOffset.UTC);
        return !from.isBefore(shiftFrom) && !to.isAfter(shiftTo);
    }

    /** Whether the engineer is free (neither booked nor unavailable) for the whole period. */
    public boolean isFree(TimePeriod period) {
        return booked.stream().noneMatch(period::overlaps)
                && unavailable.stream().noneMatch(period::overlaps);
    }
}
