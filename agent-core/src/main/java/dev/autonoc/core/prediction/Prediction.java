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
 * @param timeToFailure the estimated time from {@code at} to the failure
 * @param evidence the features that drove it, strongest first
 * @param modelVersion the model (and so its provenance) that produced it
 */
public record Prediction(
        ElementId element,
        Instant at,
        double probability,
        FailureMode mode,
        Duration timeToFailure,
        List<Evidence> evidence,
        String modelVersion) {

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
    }

    /** When the element is expected to fail. */
    public Instant expectedFailureAt() {
        return at.plus(timeToFailure);
    }

    /** The earliest the element is expected to fail: what work must beat. */
    public Instant earliestFailureAt() {
        return expectedFailureAt();
    }
}
