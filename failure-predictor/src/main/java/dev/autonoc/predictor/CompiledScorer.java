package dev.autonoc.predictor;

import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.common.sgd.AbstractLinearSGDModel;
import org.tribuo.math.la.DenseMatrix;

/**
 * A family's "fails within the horizon" logistic regression, compiled out of its Tribuo model into
 * primitive arrays: for each feature it reads, where it sits in the extractor's vector (or which
 * metric and kind of the element's state it is), its mean and deviation, and its weight in the
 * log-odds of failing; and the bias. Scoring an element is then a loop of multiply-adds over its
 * state, with nothing allocated: the same log-odds Tribuo's {@code predict} computes (a softmax
 * over two labels is the logistic of the difference of their scores), to rounding.
 *
 * <p>It also proves when scoring can be skipped ({@link #canSkip}): a feature's standardised,
 * clipped value moves at most {@code |Δx| / σ} when the raw feature moves {@code |Δx|} (clipping
 * never widens a gap), so the log-odds move at most {@code Σ |w| |Δx| / σ}, which the extractor
 * adds up as the features move ({@link FeatureExtractor#track}).
 */
final class CompiledScorer {

    final Family family;
    // per model feature: its column in the extractor's vector
    final int[] columns;
    private final double[] means;
    private final double[] stds;
    // 1 / σ per feature, for the upper bound only (a product rounds otherwise than the division)
    private final double[] inverseStds;
    final double[] weights;
    final double bias;
    private final int contextColumn;
    // the metrics of the family (by their place in it) at least one of whose features it reads:
    // scoring works out only those metrics' features (a link's model reads two of its four)
    private final int[] readMetrics;
    // the element's vector and its standardised features while it is scored: the scorer has one
    // caller at a time (the predictor that owns it is fed from one thread; a test or a tool makes
    // its own), and scoring allocates nothing
    private final double[] scratch;
    private final double[] standardised;

    /** A scorer from its arrays (for tests that need a model of their own). */
    CompiledScorer(
            Family family,
            int[] columns,
            double[] means,
            double[] stds,
            double[] weights,
            double bias) {
        this.family = family;
        this.columns = columns.clone();
        this.means = means.clone();
        this.stds = stds.clone();
        this.inverseStds = inverses(this.stds);
        this.weights = weights.clone();
        this.bias = bias;
        int metricColumns = family.metrics().size() * FeatureKind.COUNT;
        this.contextColumn = metricColumns;
        this.scratch = new double[FeatureExtractor.featureNames(family).size()];
        this.standardised = new double[this.columns.length];
        this.readMetrics = readMetrics(family, this.columns);
    }

    CompiledScorer(FamilyModel model) {
        this.family = model.family;
        this.columns = ModelFeatures.columns(family, model.features);
        int d = columns.length;
        this.means = model.means.clone();
        this.stds = model.stds.clone();
        this.inverseStds = inverses(this.stds);
        int metricColumns = family.metrics().size() * FeatureKind.COUNT;
        this.contextColumn = metricColumns;
        this.scratch = new double[FeatureExtractor.featureNames(family).size()];
        this.standardised = new double[this.columns.length];
        this.readMetrics = readMetrics(family, this.columns);
        if (!(model.failure instanceof AbstractLinearSGDModel<Label> linear)) {
            throw new IllegalArgumentException(
                    "the "
                            + family
                            + " failure model is a "
                            + model.failure.getClass().getSimpleName()
                            + ", not a linear model: it cannot be compiled");
        }
        DenseMatrix w = linear.getWeightsCopy();
        int fail = model.failure.getOutputIDInfo().getID(new Label(FamilyModel.FAIL));
        int ok = model.failure.getOutputIDInfo().getID(new Label(FamilyModel.OK));
        if (fail < 0 || ok < 0) {
            throw new IllegalArgumentException(
                    "the " + family + " failure model does not predict fail and ok");
        }
        weights = new double[d];
        for (int i = 0; i < d; i++) {
            int id = model.failure.getFeatureIDMap().getID(model.features.get(i));
            // a feature the model never saw in training has no weight: Tribuo ignores it too
            weights[i] = id < 0 ? 0.0 : w.get(fail, id) - w.get(ok, id);
        }
        // Tribuo appends the bias as one more feature, after all of its own
        int biasColumn = model.failure.getFeatureIDMap().size();
        bias = w.get(fail, biasColumn) - w.get(ok, biasColumn);
    }

    /**
     * The failure log-odds of a whole feature vector (the extractor's order): per feature read,
     * centred and divided by its deviation, non-finite as 0, clipped to ±10, weighed, and summed in
     * the model's order from the bias. The features are gathered, then centred and divided in a
     * loop of their own, which the JIT can vectorise (a division per feature is most of the
     * arithmetic); the sum keeps its order, so the bits are those of a plain loop.
     */
    double logit(double[] features) {
        double[] z = standardised;
        int d = columns.length;
        for (int i = 0; i < d; i++) {
            z[i] = features[columns[i]];
        }
        for (int i = 0; i < d; i++) {
            z[i] = (z[i] - means[i]) / stds[i];
        }
        double sum = bias;
        for (int i = 0; i < d; i++) {
            sum += weights[i] * clip(z[i]);
        }
        return sum;
    }

    /**
     * The failure log-odds of an element, from its state: its whole vector worked out into the
     * scorer's scratch array metric by metric ({@link ElementFeatures#features}: each shared part
     * once, no switch per feature), then {@link #logit(double[])}. Feature by feature from the
     * state, with a switch on each feature's kind and the division and clip inline, it was about
     * 590 ns for a node's 46 features.
     */
    double logit(ElementFeatures st) {
        fillRead(st, scratch);
        return logit(scratch);
    }

    /**
     * The features of the metrics the model reads into {@code x}, as {@link FeatureExtractor#fill}
     * puts them (the same bits); the other metrics' places are left as they were, unread.
     */
    private void fillRead(ElementFeatures st, double[] x) {
        for (int i : readMetrics) {
            st.features(i, x, i * FeatureKind.COUNT);
        }
        x[contextColumn] = st.neighbourOut;
    }

    private static int[] readMetrics(Family family, int[] columns) {
        int metrics = family.metrics().size();
        boolean[] read = new boolean[metrics];
        for (int c : columns) {
            if (c < metrics * FeatureKind.COUNT) {
                read[c / FeatureKind.COUNT] = true;
            }
        }
        int n = 0;
        int[] out = new int[metrics];
        for (int i = 0; i < metrics; i++) {
            if (read[i]) {
                out[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * A bound from above on {@link #logit(ElementFeatures)}, cheaper to work out: the same
     * features, multiplied by {@code 1/σ} instead of divided by σ, and summed in four running sums
     * instead of one (so the additions do not wait on each other), plus a bound on how far that
     * rounding can have taken it from the exact sum. Positive infinity where it cannot tell (a
     * feature that is not finite, or whose scaled value is not): the caller then scores exactly.
     *
     * <p>The bound: each scaled feature is within 3 units of the last place (u = 2⁻⁵³) of its exact
     * value (the division rounds once, the reciprocal and the product once each), clipping never
     * widens a gap, the product with the weight rounds once more on either side, and either order
     * of summing n terms and the bias is within (n + 1) u of their exact sum times the sum of their
     * magnitudes A. So the two results differ by at most about (2n + 7) u A, under 2·10⁻¹⁴ A for
     * the 46 features of a node; the bound adds 10⁻¹² (1 + A), fifty times more. ({@code
     * SkipBoundTest} holds the exact log-odds under it, and close to it.)
     */
    double logitUpperBound(ElementFeatures st) {
        double[] x = scratch;
        fillRead(st, x);
        int[] col = columns;
        double[] mu = means;
        double[] inv = inverseStds;
        double[] w = weights;
        int d = col.length;
        double s0 = bias;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        double magnitude = Math.abs(bias);
        int i = 0;
        for (; i + 3 < d; i += 4) {
            double t0 = w[i] * clipFinite((x[col[i]] - mu[i]) * inv[i]);
            double t1 = w[i + 1] * clipFinite((x[col[i + 1]] - mu[i + 1]) * inv[i + 1]);
            double t2 = w[i + 2] * clipFinite((x[col[i + 2]] - mu[i + 2]) * inv[i + 2]);
            double t3 = w[i + 3] * clipFinite((x[col[i + 3]] - mu[i + 3]) * inv[i + 3]);
            s0 += t0;
            s1 += t1;
            s2 += t2;
            s3 += t3;
            magnitude += (Math.abs(t0) + Math.abs(t1)) + (Math.abs(t2) + Math.abs(t3));
        }
        for (; i < d; i++) {
            double t = w[i] * clipFinite((x[col[i]] - mu[i]) * inv[i]);
            s0 += t;
            magnitude += Math.abs(t);
        }
        double sum = (s0 + s1) + (s2 + s3);
        // a NaN anywhere (a feature or a scaled value not finite) makes the sum NaN: cannot tell
        return sum == sum ? sum + 1e-12 * (1.0 + magnitude) : Double.POSITIVE_INFINITY;
    }

    /** Clipped to ±10 where finite; NaN where not, which the sum carries to its end. */
    private static double clipFinite(double v) {
        if (Math.abs(v) <= FamilyModel.CLIP) {
            return v;
        }
        if (!(Math.abs(v) < 1e300)) {
            // NaN or infinite, or so large that the exact division might have overflowed (which
            // the exact path reads as 0, not as the clip): cannot tell
            return Double.NaN;
        }
        return v > 0 ? FamilyModel.CLIP : -FamilyModel.CLIP;
    }

    private static double[] inverses(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = 1.0 / values[i];
        }
        return out;
    }

    /**
     * The last step of {@link FamilyModel#scale} on a centred, scaled value: non-finite as 0,
     * clipped to ±10. The same bits as {@code Math.max(-CLIP, Math.min(CLIP, v))} on a finite value
     * (the two differ only on NaN and on a signed zero against another zero, and the bound is no
     * zero), with one well-predicted branch for the usual value within the bounds.
     */
    private static double clip(double v) {
        if (Math.abs(v) <= FamilyModel.CLIP) {
            return v;
        }
        if (!Double.isFinite(v)) {
            return 0.0;
        }
        return v > 0 ? FamilyModel.CLIP : -FamilyModel.CLIP;
    }

    /** The probability of failing within the horizon: the logistic of the log-odds. */
    static double probability(double logit) {
        return 1.0 / (1.0 + Math.exp(-logit));
    }

    /** The log-odds of a probability: where a threshold on the score sits on the log-odds. */
    static double logitOf(double p) {
        return Math.log(p / (1.0 - p));
    }

    /**
     * Per feature of the extractor's vector, how far the log-odds move per unit of the raw feature
     * at most: {@code |w| / σ} for the features the model reads, 0 for the others.
     */
    double[] sensitivity() {
        double[] out = new double[FeatureExtractor.featureNames(family).size()];
        for (int i = 0; i < columns.length; i++) {
            out[columns[i]] += Math.abs(weights[i]) / stds[i];
        }
        return out;
    }

    /**
     * Whether an element's score is sure to stay below {@code thresholdLogit} without scoring it:
     * its log-odds were {@code lastLogit} when last scored, and its features have moved by at most
     * {@code movement} in the log-odds since ({@link FeatureExtractor#track}). A small margin keeps
     * rounding in the sums of the bound from deciding.
     */
    static boolean canSkip(double lastLogit, double movement, double thresholdLogit) {
        return lastLogit + movement * (1 + 1e-9) + 1e-9 < thresholdLogit;
    }

    int contextColumn() {
        return contextColumn;
    }

    static boolean isLinear(Model<Label> model) {
        return model instanceof AbstractLinearSGDModel<Label>;
    }
}
