package dev.autonoc.service.simulation;

import java.time.Duration;
import java.util.Objects;

/**
 * The window a served failure probability is about: a prediction's {@code probability} is the
 * calibrated probability that the element fails within this much time of the prediction (48 h for
 * the default model), whatever its own time-to-failure estimate says. The API and the console name
 * it beside every probability, so that a small number next to an alarm reads as what it is.
 */
public record PredictorHorizon(Duration value) {

    public PredictorHorizon {
        Objects.requireNonNull(value, "value");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(
                    "a predictor's horizon must be positive, got " + value);
        }
    }
}
