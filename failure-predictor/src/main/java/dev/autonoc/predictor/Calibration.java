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
    // small enough that the logit keeps the order of the tiny probabilities a confident model
    // gives healthy elements (1e-16 and the like), so calibration does not tie them
    private static final double EPS = 1e-15;

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

    /**
     * Newton's method with a backtracking line search on the log-loss of {@code sigmoid(a *
     * logit(p) + b)} (Lin, Lin and Weng's note on Platt's method), against Platt's smoothed targets
     * ({@code (N+ + 1) / (N+ + 2)} for a positive, {@code 1 / (N- + 2)} for a negative): without
     * them a nearly separable validation set drives the slope to infinity.
     */
    private static Calibration platt(double[] p, boolean[] y) {
        long positives = 0;
        for (boolean v : y) {
            positives += v ? 1 : 0;
        }
        double hi = (positives + 1.0) / (positives + 2.0);
        double lo = 1.0 / (p.length - positives + 2.0);
        double[] x = new double[p.length];
        double[] t = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            x[i] = logit(p[i]);
            t[i] = y[i] ? hi : lo;
        }
        double a = 1.0;
        double b = 0.0;
        double loss = plattLoss(x, t, a, b);
        for (int iter = 0; iter < 100; iter++) {
            double ga = 0;
            double gb = 0;
            double haa = 1e-12;
            double hab = 0;
            double hbb = 1e-12;
            for (int i = 0; i < x.length; i++) {
                double q = sigmoid(a * x[i] + b);
                double r = q - t[i];
                double w = Math.max(q * (1 - q), 1e-12);
                ga += r * x[i];
                gb += r;
                haa += w * x[i] * x[i];
                hab += w * x[i];
                hbb += w;
            }
            if (Math.abs(ga) < 1e-7 * x.length && Math.abs(gb) < 1e-7 * x.length) {
                break;
            }
            double det = haa * hbb - hab * hab;
            if (!(det > 0)) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            double step = 1.0;
            double next = Double.NaN;
            while (step >= 1e-10) {
                next = plattLoss(x, t, a - step * da, b - step * db);
                if (next < loss + 1e-4 * step * -(ga * da + gb * db)) {
                    break;
                }
                step /= 2;
            }
            if (step < 1e-10) {
                break; // no step lowers the loss: at the minimum as far as doubles tell
            }
            a -= step * da;
            b -= step * db;
            loss = next;
        }
        return new Calibration(Method.PLATT, a, b, null, p.length);
    }

    /**
     * Cross-entropy of {@code sigmoid(a x + b)} against targets, in a form that does not overflow.
     */
    private static double plattLoss(double[] x, double[] t, double a, double b) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double z = a * x[i] + b;
            // -t log s(z) - (1 - t) log(1 - s(z)) = log(1 + e^z) - t z
            double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
            sum += softplus - t[i] * z;
        }
        return sum;
    }

    /**
     * A Platt map with known parameters, as read back from a saved bundle.
     *
     * @param slope must be positive: the map must keep the order of the probabilities
     * @param fittedRows the rows it was fitted on (recorded, not used)
     */
    public static Calibration platt(double slope, double intercept, long fittedRows) {
        if (!(slope > 0.0) || !Double.isFinite(slope) || !Double.isFinite(intercept)) {
            throw new IllegalArgumentException(
                    "a Platt calibration needs a finite positive slope and a finite intercept, got"
                            + " slope "
                            + slope
                            + " and intercept "
                            + intercept);
        }
        return new Calibration(Method.PLATT, slope, intercept, null, fittedRows);
    }

    /** Platt's slope on the logit (NaN for isotonic). */
    public double slope() {
        return method == Method.PLATT ? a : Double.NaN;
    }

    /** Platt's intercept (NaN for isotonic). */
    public double intercept() {
        return method == Method.PLATT ? b : Double.NaN;
    }

    /** How many rows it was fitted on. */
    public long fittedRows() {
        return rows;
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
