package dev.autonoc.core.prediction;

import java.time.Duration;
import java.util.Objects;

/**
 * When a predicted failure is expected to come, as durations from the prediction's time: the
 * predictor's central 80 % interval (the true failure falls before {@code earliest} about one time
 * in ten, and after {@code latest} about one time in ten). A plan that must be done before the
 * failure plans on {@code earliest}; one that can wait reads {@code latest}.
 *
 * @param earliest the early end of the interval
 * @param latest the late end of the interval
 */
public record FailureWindow(Duration earliest, Duration latest) {

    /** The share of failures the interval is meant to hold. */
    public static final double COVERAGE = 0.8;

    public FailureWindow {
        Objects.requireNonNull(earliest, "earliest");
        Objects.requireNonNull(latest, "latest");
        if (earliest.isNegative()) {
            throw new IllegalArgumentException(
                    "a failure window cannot start in the past, got earliest " + earliest);
        }
        if (latest.compareTo(earliest) < 0) {
            throw new IllegalArgumentException(
                    "a failure window's latest ("
                            + latest
                            + ") must not come before its earliest ("
                            + earliest
                            + ")");
        }
    }

    /** A window of one point: a predictor that gives no interval. */
    public static FailureWindow exactly(Duration timeToFailure) {
        return new FailureWindow(timeToFailure, timeToFailure);
    }

    /** Whether a time to failure falls inside the window, both ends included. */
    public boolean contains(Duration timeToFailure) {
        return timeToFailure.compareTo(earliest) >= 0 && timeToFailure.compareTo(latest) <= 0;
    }

    /** The window moved earlier by {@code elapsed} (a prediction read later), never below zero. */
    public FailureWindow minus(Duration elapsed) {
        return new FailureWindow(clamp(earliest.minus(elapsed)), clamp(latest.minus(elapsed)));
    }

    private static Duration clamp(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
