package dev.autonoc.predictor;

import java.util.ArrayList;
import java.util.List;

/**
 * A non-decreasing step function fitted by pool-adjacent-violators: the isotonic regression of a
 * 0/1 outcome on a score. Fitted on binned scores so it is small and fast to apply; each step holds
 * the weighted outcome rate of the bins it pooled.
 */
final class Isotonic {

    private final double lo;
    private final double hi;
    private final double[] binValue;

    private Isotonic(double lo, double hi, double[] binValue) {
        this.lo = lo;
        this.hi = hi;
        this.binValue = binValue;
    }

    /**
     * Fits on (score, outcome) pairs, with scores binned to {@code bins} equal bins over {@code
     * [lo, hi]} (scores outside are clamped).
     */
    static Isotonic fit(double[] scores, boolean[] outcomes, double lo, double hi, int bins) {
        if (scores.length != outcomes.length) {
            throw new IllegalArgumentException("scores and outcomes differ in length");
        }
        if (!(hi > lo) || bins < 1) {
            throw new IllegalArgumentException("need hi > lo and at least one bin");
        }
        double[] w = new double[bins];
        double[] y = new double[bins];
        for (int i = 0; i < scores.length; i++) {
            int b = bin(scores[i], lo, hi, bins);
            w[b]++;
            if (outcomes[i]) {
                y[b]++;
            }
        }
        // blocks of pooled bins: their weight, outcome sum and last bin
        List<double[]> blocks = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (w[b] == 0) {
                continue;
            }
            double[] block = {w[b], y[b], b};
            blocks.add(block);
            while (blocks.size() > 1) {
                double[] last = blocks.get(blocks.size() - 1);
                double[] prev = blocks.get(blocks.size() - 2);
                if (prev[1] / prev[0] < last[1] / last[0]) {
                    break;
                }
                prev[0] += last[0];
                prev[1] += last[1];
                prev[2] = last[2];
                blocks.remove(blocks.size() - 1);
            }
        }
        double[] binValue = new double[bins];
        int from = 0;
        for (int k = 0; k < blocks.size(); k++) {
            double[] block = blocks.get(k);
            int last = k == blocks.size() - 1 ? bins - 1 : (int) block[2];
            // empty bins take the value of the block before them (the first block's, at the start)
            java.util.Arrays.fill(binValue, from, last + 1, block[1] / block[0]);
            from = last + 1;
        }
        return new Isotonic(lo, hi, binValue);
    }

    private static int bin(double score, double lo, double hi, int bins) {
        if (!(score > lo)) {
            return 0;
        }
        int b = (int) ((score - lo) / (hi - lo) * bins);
        return Math.min(bins - 1, b);
    }

    /** The fitted rate at a score. */
    double apply(double score) {
        return binValue[bin(score, lo, hi, binValue.length)];
    }

    /**
     * The steps: for each run of bins with one value, the upper bound of its scores (exclusive;
     * infinite for the last) and the value.
     */
    double[][] steps() {
        List<double[]> steps = new ArrayList<>();
        double width = (hi - lo) / binValue.length;
        for (int b = 0; b < binValue.length; b++) {
            boolean last = b == binValue.length - 1;
            if (last || binValue[b + 1] != binValue[b]) {
                steps.add(
                        new double[] {
                            last ? Double.POSITIVE_INFINITY : lo + (b + 1) * width, binValue[b]
                        });
            }
        }
        double[][] out = new double[2][steps.size()];
        for (int i = 0; i < steps.size(); i++) {
            out[0][i] = steps.get(i)[0];
            out[1][i] = steps.get(i)[1];
        }
        return out;
    }
}
