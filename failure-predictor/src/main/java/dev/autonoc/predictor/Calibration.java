package dev.autonoc.predictor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A map from a model's probability to one that means what it says, fitted on validation rows the
 * model was not trained on. The failure models are trained on negatives subsampled to 4 per
 * positive, so their raw probabilities run high; calibration brings them back to the observed
 * rates. Monotone, so it leaves the ranking (AUC) and which rows are over a threshold unchanged, up
 * to ties.
 */
public final class Calibration {

    /** How the map is made. */
    public enum Method {
        /** Platt scaling: a logistic regression on the logit of the probability. */
        PLATT,
        /** Isotonic regression: a non-decreasing step function (pool-adjacent-violators). */
        ISOTONIC
    }

    static final int ISOTONIC_BINS = 1000;
    private static final double EPS = 1e-6;

    private final Method method;
    private final double a;
    private final double b;
    private final Isotonic isotonic;
    private final long rows;

    private Calibration(Method method, double a, double b, Isotonic isotonic, long rows) {
        this.method = method;
        this.a = a;
        this.b = b;
        this.isotonic = isotonic;
        this.rows = rows;
    }

    /** Fits the map on validation probabilities and whether each row failed within the horizon. */
    public static Calibration fit(Method method, double[] probabilities, boolean[] outcomes) {
        Objects.requireNonNull(method, "method");
        if (probabilities.length != outcomes.length || probabilities.length == 0) {
            throw new IllegalArgumentException(
                    "need as many outcomes as probabilities, and at least one; got "
                            + probabilities.length
                            + " and "
                            + outcomes.length);
        }
        return switch (method) {
            case PLATT -> platt(probabilities, outcomes);
            case ISOTONIC ->
                    new Calibration(
                            method,
                            0,
                            0,
                            Isotonic.fit(probabilities, outcomes, 0.0, 1.0, ISOTONIC_BINS),
                            probabilities.length);
        };
    }

    /** Newton's method on the log-loss of {@code sigmoid(a * logit(p) + b)}. */
    private static Calibration platt(double[] p, boolean[] y) {
        double a = 1.0;
        double b = 0.0;
        for (int iter = 0; iter < 50; iter++) {
            double ga = 0;
            double gb = 0;
            double haa = 0;
            double hab = 0;
            double hbb = 0;
            for (int i = 0; i < p.length; i++) {
                double x = logit(p[i]);
                double q = sigmoid(a * x + b);
                double r = q - (y[i] ? 1.0 : 0.0);
                double w = Math.max(q * (1 - q), 1e-12);
                ga += r * x;
                gb += r;
                haa += w * x * x;
                hab += w * x;
                hbb += w;
            }
            // a little ridge keeps the step finite when a class is missing
            haa += 1e-9;
            hbb += 1e-9;
            double det = haa * hbb - hab * hab;
            if (!(Math.abs(det) > 0)) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) {
                break;
            }
        }
        return new Calibration(Method.PLATT, a, b, null, p.length);
    }

    /** The calibrated probability. */
    public double apply(double probability) {
        return switch (method) {
            case PLATT -> sigmoid(a * logit(probability) + b);
            case ISOTONIC -> isotonic.apply(probability);
        };
    }

    /** The calibrated probabilities of many rows. */
    public double[] apply(double[] probabilities) {
        double[] out = new double[probabilities.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = apply(probabilities[i]);
        }
        return out;
    }

    public Method method() {
        return method;
    }

    /** The method, the rows it was fitted on, and its parameters (Platt's slope and intercept). */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method.name().toLowerCase(java.util.Locale.ROOT));
        m.put("fitted_rows", rows);
        if (method == Method.PLATT) {
            m.put("slope", a);
            m.put("intercept", b);
        }
        return m;
    }

    /** Mean squared error of probabilities against outcomes. */
    public static double brier(double[] probabilities, boolean[] outcomes) {
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double y = outcomes[i] ? 1.0 : 0.0;
            sum += (probabilities[i] - y) * (probabilities[i] - y);
        }
        return probabilities.length == 0 ? Double.NaN : sum / probabilities.length;
    }

    private static double logit(double p) {
        double c = Math.min(1 - EPS, Math.max(EPS, p));
        return Math.log(c / (1 - c));
    }

    private static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }
}
