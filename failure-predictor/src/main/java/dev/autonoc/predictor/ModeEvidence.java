package dev.autonoc.predictor;

import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.telemetry.Metric;
import java.util.List;

/**
 * Holds the mode classifier to the failure model's evidence. They are two models: the failure model
 * says that an element will fail and, in its terms, from what it sees; the classifier says which
 * way. They mostly agree. Where the classifier names a mode in whose metrics (OPERATOR.md's
 * failure-mode table, {@link FailureMode#isShownBy}) almost none of the evidence for a mode lies,
 * while one other mode's metrics carry most of it, and a fair part of all the evidence, the
 * evidence wins: a part is replaced for what the element shows. The metrics no mode shows (the CRC
 * counter, the processor, the traffic) count for no mode: a stuck or noisy counter can push the
 * failure model, but it names no part. Seen after a telemetry gap, whose settling bent the slopes
 * the classifier reads (a supply's ripple was the whole evidence, the classifier said fan wear with
 * certainty, and a fan tray was fitted to a failing supply), and beside a stuck CRC sensor (the
 * counter and the ripple the evidence, fan wear said, the same visit).
 */
final class ModeEvidence {

    /** Below this share of the evidence for a mode, the element does not show the mode. */
    static final double UNSUPPORTED = 0.2;

    /** At or above this share of the evidence for a mode, the element mostly shows the mode. */
    static final double DOMINANT = 0.5;

    /** ... if its metrics also carry this share of all the evidence towards failure. */
    static final double FAIR_PART = 0.25;

    private ModeEvidence() {}

    /**
     * The mode to report.
     *
     * @param contributions each feature's term in the failure log-odds, laid out as the extractor's
     *     vector of the family (only the terms pushing towards failure count, and only the metrics'
     *     features, not the surroundings')
     */
    static FailureMode reconcile(Family family, FailureMode classified, double[] contributions) {
        List<Metric> metrics = family.metrics();
        double[] byMetric = new double[metrics.size()];
        double all = 0;
        double forAMode = 0;
        int metricTerms = Math.min(contributions.length, metrics.size() * FeatureKind.COUNT);
        for (int i = 0; i < metricTerms; i++) {
            if (contributions[i] > 0) {
                int k = i / FeatureKind.COUNT;
                byMetric[k] += contributions[i];
                all += contributions[i];
                if (showsAMode(metrics.get(k))) {
                    forAMode += contributions[i];
                }
            }
        }
        if (!(forAMode > 0) || share(classified, metrics, byMetric) >= UNSUPPORTED * forAMode) {
            return classified;
        }
        FailureMode shown = classified;
        double most = 0;
        for (FailureMode m : FailureMode.values()) {
            double s = share(m, metrics, byMetric);
            if (m != classified && s > most) {
                shown = m;
                most = s;
            }
        }
        return most >= DOMINANT * forAMode && most >= FAIR_PART * all ? shown : classified;
    }

    private static boolean showsAMode(Metric metric) {
        for (FailureMode m : FailureMode.values()) {
            if (m.isShownBy(metric)) {
                return true;
            }
        }
        return false;
    }

    private static double share(FailureMode mode, List<Metric> metrics, double[] byMetric) {
        double s = 0;
        for (int k = 0; k < metrics.size(); k++) {
            if (mode.isShownBy(metrics.get(k))) {
                s += byMetric[k];
            }
        }
        return s;
    }
}
