package dev.autonoc.core.planner;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;

/**
 * The operator's numbers the playbooks plan with.
 *
 * @param repairDuration time on site to replace a part (OPERATOR.md: 1 h)
 * @param arrivalBuffer slack between a part's expected delivery and the engineer's start, so that
 *     an approval or a late van does not leave the engineer on site without the part
 * @param drainLead how long before work starts the traffic is moved off
 * @param quietStart start of the quiet hours, when a restart may run on its own
 * @param quietLatestStart the latest time of day a restart may begin and still end in quiet hours
 * @param restartDuration how long a restart takes the element down (10 min)
 * @param slotStep granularity of appointment slots
 * @param searchHorizon how far ahead to look for a slot
 */
public record PlaybookSettings(
        Duration repairDuration,
        Duration arrivalBuffer,
        Duration drainLead,
        LocalTime quietStart,
        LocalTime quietLatestStart,
        Duration restartDuration,
        Duration slotStep,
        Duration searchHorizon) {

    public PlaybookSettings {
        Objects.requireNonNull(repairDuration, "repairDuration");
        Objects.requireNonNull(arrivalBuffer, "arrivalBuffer");
        Objects.requireNonNull(drainLead, "drainLead");
        Objects.requireNonNull(quietStart, "quietStart");
        Objects.requireNonNull(quietLatestStart, "quietLatestStart");
        Objects.requireNonNull(restartDuration, "restartDuration");
        Objects.requireNonNull(slotStep, "slotStep");
        Objects.requireNonNull(searchHorizon, "searchHorizon");
        if (slotStep.isZero() || slotStep.isNegative()) {
            throw new IllegalArgumentException("slotStep must be positive, got " + slotStep);
        }
    }

    public static PlaybookSettings operatorDefault() {
        return new PlaybookSettings(
                Duration.ofHours(1),
                Duration.ofMinutes(60),
                Duration.ofMinutes(30),
                LocalTime.of(0, 0),
                LocalTime.of(4, 30),
                Duration.ofMinutes(10),
                Duration.ofMinutes(30),
                Duration.ofDays(10));
    }
}
