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
 * @param drainLead how long before the element goes out of service for the work the traffic is
 *     moved off: before the engineer leaves for the site (so that a refused move can still cancel
 *     the visit), or before a restart
 * @param quietStart start of the quiet hours, when a restart may run on its own
 * @param quietLatestStart the latest time of day a restart may begin and still end in quiet hours
 * @param restartDuration how long a restart takes the element down (10 min)
 * @param slotStep granularity of appointment slots
 * @param searchHorizon how far ahead to look for a slot
 * @param actProbability below this probability an alarm is watched: only cheap, reversible steps
 *     until it rises, or until the last moment an in-time repair can be decided on
 * @param decisionLead how long before the latest in-time job a watch must decide, beyond the part's
 *     lead time (approvals, a refusal to plan around)
 * @param failureOutage how long an element that fails unprotected is expected to stay down, to
 *     weigh the harm of a failure against the harm of the work
 * @param maxPreviews how many what-if reads a plan may make to find a harmless time for the work
 * @param drainAtOnceWithin when no repair can beat a failure expected within this long, the traffic
 *     is moved off at once rather than just ahead of the failure: at that range the estimate's
 *     error is hours (a degradation that speeds up), and a failure with the traffic still on costs
 *     far more than the hours the traffic spends on its other path
 */
public record PlaybookSettings(
        Duration repairDuration,
        Duration arrivalBuffer,
        Duration drainLead,
        LocalTime quietStart,
        LocalTime quietLatestStart,
        Duration restartDuration,
        Duration slotStep,
        Duration searchHorizon,
        double actProbability,
        Duration decisionLead,
        Duration failureOutage,
        int maxPreviews,
        Duration drainAtOnceWithin) {

    public PlaybookSettings {
        Objects.requireNonNull(drainAtOnceWithin, "drainAtOnceWithin");
        Objects.requireNonNull(repairDuration, "repairDuration");
        Objects.requireNonNull(arrivalBuffer, "arrivalBuffer");
        Objects.requireNonNull(drainLead, "drainLead");
        Objects.requireNonNull(quietStart, "quietStart");
        Objects.requireNonNull(quietLatestStart, "quietLatestStart");
        Objects.requireNonNull(restartDuration, "restartDuration");
        Objects.requireNonNull(slotStep, "slotStep");
        Objects.requireNonNull(searchHorizon, "searchHorizon");
        Objects.requireNonNull(decisionLead, "decisionLead");
        Objects.requireNonNull(failureOutage, "failureOutage");
        if (slotStep.isZero() || slotStep.isNegative()) {
            throw new IllegalArgumentException("slotStep must be positive, got " + slotStep);
        }
        if (!(actProbability >= 0.0 && actProbability <= 1.0)) {
            throw new IllegalArgumentException(
                    "actProbability must be in [0, 1], got " + actProbability);
        }
        if (maxPreviews < 1) {
            throw new IllegalArgumentException("maxPreviews must be >= 1, got " + maxPreviews);
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
                Duration.ofDays(10),
                0.35,
                Duration.ofHours(12),
                Duration.ofHours(6),
                6,
                Duration.ofHours(24));
    }

    /** The same numbers, acting on every alarm at once (no watch). */
    public PlaybookSettings actingAtOnce() {
        return new PlaybookSettings(
                repairDuration,
                arrivalBuffer,
                drainLead,
                quietStart,
                quietLatestStart,
                restartDuration,
                slotStep,
                searchHorizon,
                0.0,
                decisionLead,
                failureOutage,
                maxPreviews,
                drainAtOnceWithin);
    }
}
