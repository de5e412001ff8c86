package dev.autonoc.predictor;

import java.time.Duration;
import java.util.Objects;

/**
 * How the predictor operates a model.
 *
 * @param horizon the horizon the probability is for; must be the model's own (48 h by default)
 * @param threshold report an element at or above this score of the failure model (its raw score,
 *     {@link ModelBundle#threshold()}; {@link ModelBundle#calibratedThreshold()} is the same bar as
 *     a calibrated probability)
 * @param persistence the probability must stay over the threshold this long before an element is
 *     reported, so a single glitch does not alarm
 * @param evidence how many features to explain each prediction with
 * @param staleAfter an element that has sent nothing for this long is no longer reported
 */
public record PredictorSettings(
        Duration horizon,
        double threshold,
        Duration persistence,
        int evidence,
        Duration staleAfter) {

    public PredictorSettings {
        Objects.requireNonNull(horizon, "horizon");
        Objects.requireNonNull(persistence, "persistence");
        Objects.requireNonNull(staleAfter, "staleAfter");
        if (!(threshold > 0.0 && threshold < 1.0)) {
            throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
        }
        if (persistence.isNegative()) {
            throw new IllegalArgumentException(
                    "persistence must not be negative, got " + persistence);
        }
        if (evidence < 1) {
            throw new IllegalArgumentException("evidence must be at least 1, got " + evidence);
        }
    }

    /** The operating point the bundle was validated at. */
    public static PredictorSettings of(ModelBundle bundle) {
        return new PredictorSettings(
                bundle.horizon(), bundle.threshold(), bundle.persistence(), 3, Duration.ofHours(1));
    }

    public PredictorSettings withThreshold(double newThreshold) {
        return new PredictorSettings(horizon, newThreshold, persistence, evidence, staleAfter);
    }

    public PredictorSettings withPersistence(Duration newPersistence) {
        return new PredictorSettings(horizon, threshold, newPersistence, evidence, staleAfter);
    }
}
