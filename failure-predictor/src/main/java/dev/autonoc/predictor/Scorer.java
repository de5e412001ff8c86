package dev.autonoc.predictor;

import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.FailureWindow;
import java.time.Duration;

/**
 * Scores one element's raw features with a family's Tribuo models: the reference the compiled
 * scorer is held to ({@link CompiledScorer}), and what an alarmed element's mode, time to failure
 * and evidence come from.
 *
 * @param calibration maps the failure model's score to the probability served; null serves the
 *     score as it is
 */
record Scorer(FamilyModel model, Duration horizon, Calibration calibration) {

    /** A scorer serving the failure model's raw score. */
    Scorer(FamilyModel model, Duration horizon) {
        this(model, horizon, null);
    }

    /**
     * One element's score.
     *
     * @param rawScore the failure model's own score: what the alarm gate and threshold read
     * @param probability the probability served (the calibrated score, or the raw one)
     * @param timeToFailure the central estimate
     * @param window the 80 % interval of the time to failure
     */
    record Score(
            double rawScore,
            double probability,
            FailureMode mode,
            Duration timeToFailure,
            FailureWindow window,
            double[] scaled,
            double[] contributions) {}

    /**
     * What an alarmed element's prediction takes from the Tribuo models beside its probability: the
     * mode, the time to failure and its interval, and each feature's term in the log-odds (laid out
     * as the extractor's vector).
     */
    record Diagnosis(
            FailureMode mode,
            Duration timeToFailure,
            FailureWindow window,
            double[] contributions) {}

    Score score(double[] raw) {
        double[] z = model.scale(raw);
        double p = model.probability(z);
        Diagnosis d = diagnose(raw, z);
        return new Score(
                p, calibrate(p), d.mode(), d.timeToFailure(), d.window(), z, d.contributions());
    }

    /**
     * {@link #score} without the failure model's probability: for the served path, where the
     * compiled scorer has given it already (Tribuo's {@code predict} of it was a third of the cost
     * of an alarmed element's prediction, every tick it stays alarmed).
     */
    Diagnosis diagnose(double[] raw) {
        return diagnose(raw, model.scale(raw));
    }

    private Diagnosis diagnose(double[] raw, double[] z) {
        double[] contributions = model.contributions(z);
        FailureMode mode = ModeEvidence.reconcile(model.family, model.mode(z), contributions);
        TtfInterval.Estimate ttf = model.timeToFailure(raw, horizon, mode);
        return new Diagnosis(mode, ttf.median(), ttf.window(), contributions);
    }

    /** The failure model's own score, on which the threshold is set (Tribuo's predict). */
    double rawScore(double[] raw) {
        return model.probability(model.scale(raw));
    }

    double calibrate(double rawScore) {
        return calibration == null ? rawScore : calibration.apply(rawScore);
    }

    static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
