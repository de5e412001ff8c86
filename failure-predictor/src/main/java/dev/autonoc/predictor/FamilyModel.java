package dev.autonoc.predictor;

import dev.autonoc.core.prediction.FailureMode;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.common.sgd.AbstractLinearSGDModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * The models of one {@link Family}: the scaling of its features, the "fails within the horizon"
 * classifier, the failure-mode classifier (absent where the family has one mode only), and the
 * time-to-failure regressor on log hours with its calibrated interval.
 */
final class FamilyModel {

    static final String FAIL = "fail";
    static final String OK = "ok";
    static final double CLIP = 10.0;

    final Family family;
    final List<String> features;
    final double[] means;
    final double[] stds;
    final Model<Label> failure;
    final Model<Label> mode;
    final FailureMode fixedMode;
    // one time-to-failure tree per mode: a memory leak climbs nearly straight, a fan wears slowly
    // then fast, so the same signal means a different time left
    final Map<FailureMode, Model<Regressor>> ttf;
    final Map<FailureMode, TtfInterval> ttfIntervals;

    private final String[] names;
    // the names in the order Tribuo's examples keep them, as the mode model's and each tree's
    // feature map holds them: an alarmed element's mode and time to failure, every tick, without
    // sorting the names again or comparing them character by character (PresortedExample)
    private final PresortedExample.Order modeOrder;
    private final Map<FailureMode, PresortedExample.Order> ttfOrders =
            new EnumMap<>(FailureMode.class);
    // where each model feature sits in the extractor's full vector
    private final int[] columns;
    private final int extracted;
    // per feature, the weight of the scaled feature in the log-odds of FAIL against OK
    private final double[] logOddsWeights;

    FamilyModel(
            Family family,
            List<String> features,
            double[] means,
            double[] stds,
            Model<Label> failure,
            Model<Label> mode,
            FailureMode fixedMode,
            Map<FailureMode, Model<Regressor>> ttf,
            Map<FailureMode, TtfInterval> ttfIntervals) {
        if (features.size() != means.length || features.size() != stds.length) {
            throw new IllegalArgumentException("features, means and stds differ in length");
        }
        if (mode == null && fixedMode == null) {
            throw new IllegalArgumentException("a family needs a mode model or a fixed mode");
        }
        this.family = family;
        this.features = List.copyOf(features);
        this.means = means.clone();
        this.stds = stds.clone();
        this.failure = failure;
        this.mode = mode;
        this.fixedMode = fixedMode;
        this.ttf = Collections.unmodifiableMap(new EnumMap<>(withModeKeys(ttf)));
        this.ttfIntervals = Collections.unmodifiableMap(new EnumMap<>(withModeKeys(ttfIntervals)));
        this.names = features.toArray(String[]::new);
        PresortedExample.Order order = new PresortedExample.Order(names);
        this.modeOrder = mode == null ? null : order.canonicalFor(mode.getFeatureIDMap());
        this.ttf.forEach((m, tree) -> ttfOrders.put(m, order.canonicalFor(tree.getFeatureIDMap())));
        this.columns = ModelFeatures.columns(family, features);
        this.extracted = FeatureExtractor.featureNames(family).size();
        this.logOddsWeights = logOddsWeights(failure, features);
    }

    /**
     * A binary softmax model's log-odds are the difference of its two rows of weights; a feature's
     * term in that difference is its contribution. Tribuo keeps the weights as [outputs × (features
     * + bias)], with features numbered by its own feature map.
     */
    private static double[] logOddsWeights(Model<Label> model, List<String> features) {
        double[] w = new double[features.size()];
        if (!(model instanceof AbstractLinearSGDModel<Label> linear)) {
            return w;
        }
        DenseMatrix weights = linear.getWeightsCopy();
        int fail = model.getOutputIDInfo().getID(new Label(FAIL));
        int ok = model.getOutputIDInfo().getID(new Label(OK));
        for (int i = 0; i < w.length; i++) {
            int id = model.getFeatureIDMap().getID(features.get(i));
            if (id >= 0 && fail >= 0 && ok >= 0) {
                w[i] = weights.get(fail, id) - weights.get(ok, id);
            }
        }
        return w;
    }

    /** The model's features, taken from the extractor's full vector and standardised. */
    double[] scale(double[] raw) {
        double[] z = new double[columns.length];
        for (int i = 0; i < columns.length; i++) {
            double v = (raw[columns[i]] - means[i]) / stds[i];
            z[i] = Math.max(-CLIP, Math.min(CLIP, Double.isFinite(v) ? v : 0.0));
        }
        return z;
    }

    double probability(double[] z) {
        Prediction<Label> p =
                failure.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, z));
        Label fail = p.getOutputScores().get(FAIL);
        return fail == null ? 0.0 : clamp01(fail.getScore());
    }

    FailureMode mode(double[] z) {
        if (mode == null) {
            return fixedMode;
        }
        Prediction<Label> p = mode.predict(modeOrder.example(LabelFactory.UNKNOWN_LABEL, z));
        return FailureMode.parse(p.getOutput().getLabel()).orElse(fixedMode);
    }

    Map<String, Label> modeScores(double[] z) {
        if (mode == null) {
            return Map.of(fixedMode.name(), new Label(fixedMode.name(), 1.0));
        }
        return mode.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, z))
                .getOutputScores();
    }

    private static <V> Map<FailureMode, V> withModeKeys(Map<FailureMode, V> map) {
        return map.isEmpty() ? new EnumMap<>(FailureMode.class) : map;
    }

    /**
     * The model's features of a whole extractor vector as they are, neither centred nor clipped:
     * what the time-to-failure trees read. A tree needs no scaling, and clipping at ten deviations
     * (which guards the linear models against a wild reading) would flatten every failing element
     * to the same values, where the time left is told apart.
     */
    double[] unscaled(double[] raw) {
        double[] x = new double[columns.length];
        for (int i = 0; i < columns.length; i++) {
            double v = raw[columns[i]];
            x[i] = Double.isFinite(v) ? v : 0.0;
        }
        return x;
    }

    /**
     * The tree's own estimate for a mode, in log hours, before its interval is applied, from a
     * whole extractor vector; NaN where no tree was trained for the mode.
     */
    double rawLogTimeToFailure(double[] raw, FailureMode forMode) {
        Model<Regressor> tree = ttf.get(forMode);
        if (tree == null) {
            return Double.NaN;
        }
        Prediction<Regressor> p =
                tree.predict(
                        ttfOrders
                                .get(forMode)
                                .example(RegressionFactory.UNKNOWN_REGRESSOR, unscaled(raw)));
        return p.getOutput().getValues()[0];
    }

    /**
     * The time to failure for a mode: the tree's estimate recentred on the validation residuals (so
     * it is as often early as late), and the interval that held 80 % of the true times to failure
     * on validation rows like this one. Where no tree was trained for the mode: half the horizon,
     * within anything from an hour to four horizons.
     */
    TtfInterval.Estimate timeToFailure(double[] raw, Duration horizon, FailureMode forMode) {
        double log = rawLogTimeToFailure(raw, forMode);
        double cap = 4.0 * horizon.toHours();
        if (Double.isNaN(log)) {
            return TtfInterval.Estimate.of(horizon.toHours() / 2.0, 1.0, cap, cap);
        }
        TtfInterval interval = ttfIntervals.get(forMode);
        return interval == null
                ? TtfInterval.Estimate.of(Math.exp(log), Math.exp(log), Math.exp(log), cap)
                : interval.estimate(log, cap);
    }

    /**
     * Each feature's signed term in the failure log-odds, laid out as the extractor's full vector
     * (0 for the features the model does not read).
     */
    double[] contributions(double[] z) {
        double[] c = new double[extracted];
        for (int i = 0; i < z.length; i++) {
            c[columns[i]] = logOddsWeights[i] * z[i];
        }
        return c;
    }

    double logOddsWeight(int i) {
        return logOddsWeights[i];
    }

    private static double clamp01(double v) {
        return Double.isFinite(v) ? Math.max(0.0, Math.min(1.0, v)) : 0.0;
    }
}
