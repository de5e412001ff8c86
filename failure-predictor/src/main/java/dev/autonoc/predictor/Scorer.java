package dev.autonoc.predictor;

import dev.autonoc.core.prediction.FailureMode;
import java.time.Duration;

/** Scores one element's raw features with a family's models. */
record Scorer(FamilyModel model, Duration horizon) {

    record Score(
            double probability,
            FailureMode mode,
            Duration timeToFailure,
            double[] scaled,
            double[] contributions) {}

    Score score(double[] raw) {
        double[] z = model.scale(raw);
        double p = model.probability(z);
        FailureMode mode = model.mode(z);
        return new Score(p, mode, model.timeToFailure(z, horizon, mode), z, model.contributions(z));
    }

    double probability(double[] raw) {
        return model.probability(model.scale(raw));
    }

    static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
