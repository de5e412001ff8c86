package dev.autonoc.core.prediction;

import dev.autonoc.core.network.ElementId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A predictor's view of one element at one time.
 *
 * @param probability probability that the element fails within the predictor's horizon
 * @param mode the most likely failure mode
 * @param timeToFailure the estimated time from {@code at} to the failure (the predictor's central
 *     estimate)
 * @param evidence the features that drove it, strongest first
 * @param modelVersion the model (and so its provenance) that produced it
 * @param window the interval the failure is expected in, from {@code at} (80 %: {@link
 *     FailureWindow}); it holds {@code timeToFailure}. Planners plan on the central estimate
 *     ({@link #earliestFailureAt()}); the window says how sure that is ({@link #windowOpensAt()},
 *     {@link #windowClosesAt()}). Planning on the window's early end was tried: with an interval
 *     calibrated to hold 80 % of failures, its early end is 30-40 % sooner than the estimate, and
 *     the playbook then drained a router whose repair fitted comfortably before its failure (the
 *     {@code supplier-delay-after-order} scenario failed on customer impact, both seeds).
 */
public record Prediction(
        ElementId element,
        Instant at,
        double probability,
        FailureMode mode,
        Duration timeToFailure,
        List<Evidence> evidence,
        String modelVersion,
        FailureWindow window) {

    /**
     * A prediction without an interval: the window is the point estimate itself. (Also what a case
     * stored before windows existed reads back as.)
     */
    public Prediction(
            ElementId element,
            Instant at,
            double probability,
            FailureMode mode,
            Duration timeToFailure,
            List<Evidence> evidence,
            String modelVersion) {
        this(
                element,
                at,
                probability,
                mode,
                timeToFailure,
                evidence,
                modelVersion,
                FailureWindow.exactly(Objects.requireNonNull(timeToFailure, "timeToFailure")));
    }

    public Prediction {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(timeToFailure, "timeToFailure");
        Objects.requireNonNull(modelVersion, "modelVersion");
        if (!(probability >= 0.0 && probability <= 1.0)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
        }
        evidence = List.copyOf(evidence);
        if (window == null) {
            window = FailureWindow.exactly(timeToFailure);
        }
        if (!window.contains(timeToFailure)) {
            throw new IllegalArgumentException(
                    "the time to failure "
                            + timeToFailure
                            + " must lie inside its window ["
                            + window.earliest()
                            + ", "
                            + window.latest()
                            + "]");
        }
    }

    /** When the element is expected to fail. */
    public Instant expectedFailureAt() {
        return at.plus(timeToFailure);
    }

    /** The earliest the element is expected to fail: what work must beat. */
    public Instant earliestFailureAt() {
        return expectedFailureAt();
    }

    /** The early end of the 80 % window: one failure in ten comes sooner. */
    public Instant windowOpensAt() {
        return at.plus(window.earliest());
    }

    /** The late end of the 80 % window: one failure in ten comes later. */
    public Instant windowClosesAt() {
        return at.plus(window.latest());
    }
}
