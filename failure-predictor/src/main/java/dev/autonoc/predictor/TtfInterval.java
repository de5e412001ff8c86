package dev.autonoc.predictor;

import dev.autonoc.core.prediction.FailureWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far a time-to-failure tree's estimates fell from the truth on validation rows the model would
 * alarm on, in log hours (residual = log estimate − log truth), split into bins of the estimate
 * itself: a far estimate misses by more than a near one. Per bin, the median residual recentres the
 * estimate (as often early as late), and the 10th and 90th percentiles give the central 80 %
 * interval of the truth (split conformal prediction, by bin).
 *
 * @param upper per bin, the largest log estimate it holds (the last bin holds everything above)
 * @param centre per bin, the median residual
 * @param low per bin, the 10th percentile of the residuals
 * @param high per bin, the 90th percentile
 * @param rows validation rows per bin
 */
record TtfInterval(double[] upper, double[] centre, double[] low, double[] high, long[] rows) {

    /** Fewest validation rows a bin is made of. */
    static final int MIN_BIN_ROWS = 40;

    TtfInterval {
        int n = upper.length;
        if (n == 0
                || centre.length != n
                || low.length != n
                || high.length != n
                || rows.length != n) {
            throw new IllegalArgumentException("a time-to-failure interval needs equal bins");
        }
        for (int b = 0; b < n; b++) {
            if (!(low[b] <= centre[b] && centre[b] <= high[b])) {
                throw new IllegalArgumentException(
                        "bin " + b + ": the residual percentiles must be in order");
            }
        }
    }

    /**
     * An estimate and its interval.
     *
     * @param median hours, the recentred estimate
     * @param window the 80 % interval, from the prediction's time
     */
    record Estimate(Duration median, FailureWindow window) {

        /** Hours to durations, each at least an hour and at most {@code cap}, ordered. */
        static Estimate of(
                double medianHours, double earliestHours, double latestHours, double cap) {
            double m = clamp(medianHours, cap);
            double lo = Math.min(m, clamp(earliestHours, cap));
            double hi = Math.max(m, clamp(latestHours, cap));
            return new Estimate(minutes(m), new FailureWindow(minutes(lo), minutes(hi)));
        }

        private static double clamp(double hours, double cap) {
            return Double.isFinite(hours) ? Math.max(1.0, Math.min(hours, cap)) : cap;
        }

        private static Duration minutes(double hours) {
            return Duration.ofMinutes(Math.round(hours * 60));
        }
    }

    /** The estimate and interval for a tree's raw log estimate. */
    Estimate estimate(double logEstimate, double capHours) {
        int b = 0;
        while (b < upper.length - 1 && logEstimate > upper[b]) {
            b++;
        }
        return Estimate.of(
                Math.exp(logEstimate - centre[b]),
                Math.exp(logEstimate - high[b]),
                Math.exp(logEstimate - low[b]),
                capHours);
    }

    /**
     * Fits the bins on pairs of (log estimate, log truth); {@code bins} at most, each of at least
     * {@link #MIN_BIN_ROWS} rows (fewer bins when rows are few). Null with fewer rows than that.
     */
    static TtfInterval fit(double[] logEstimate, double[] logTruth, int bins) {
        int n = logEstimate.length;
        if (n < MIN_BIN_ROWS) {
            return null;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(logEstimate[x], logEstimate[y]));
        int k = Math.max(1, Math.min(bins, n / MIN_BIN_ROWS));
        double[] up = new double[k];
        double[] mid = new double[k];
        double[] lo = new double[k];
        double[] hi = new double[k];
        long[] count = new long[k];
        for (int b = 0; b < k; b++) {
            int from = (int) ((long) b * n / k);
            int to = (int) ((long) (b + 1) * n / k);
            double[] r = new double[to - from];
            for (int i = from; i < to; i++) {
                r[i - from] = logEstimate[order[i]] - logTruth[order[i]];
            }
            Arrays.sort(r);
            up[b] = b == k - 1 ? Double.POSITIVE_INFINITY : logEstimate[order[to - 1]];
            lo[b] = quantile(r, 0.1);
            mid[b] = quantile(r, 0.5);
            hi[b] = quantile(r, 0.9);
            count[b] = r.length;
        }
        return new TtfInterval(up, mid, lo, hi, count);
    }

    /**
     * This one-bin interval refitted on the residuals of the estimates it served ({@code log(served
     * / truth)}): served = raw − centre, so the raw residual is the served one plus the centre.
     */
    TtfInterval refitted(double[] servedResiduals) {
        if (upper.length != 1) {
            throw new IllegalStateException(
                    "only an interval of one bin is refitted on served estimates; this one has "
                            + upper.length
                            + " (train with ttf_interval_bins 1)");
        }
        double[] r = servedResiduals.clone();
        java.util.Arrays.sort(r);
        return new TtfInterval(
                new double[] {Double.POSITIVE_INFINITY},
                new double[] {centre[0] + quantile(r, 0.5)},
                new double[] {centre[0] + quantile(r, 0.1)},
                new double[] {centre[0] + quantile(r, 0.9)},
                new long[] {r.length});
    }

    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (sorted[j] - sorted[i]) * (pos - i);
    }

    /** As {@code model.json} records it (JSON has no infinity: the last bound is left out). */
    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Double> bounds = new ArrayList<>();
        for (int b = 0; b < upper.length - 1; b++) {
            bounds.add(upper[b]);
        }
        m.put("log_estimate_bounds", bounds);
        m.put("centre", toList(centre));
        m.put("p10", toList(low));
        m.put("p90", toList(high));
        List<Long> r = new ArrayList<>();
        for (long v : rows) {
            r.add(v);
        }
        m.put("rows", r);
        return m;
    }

    /** Reads what {@link #json} wrote. */
    @SuppressWarnings("unchecked")
    static TtfInterval fromJson(Map<String, Object> m) {
        List<Number> bounds = (List<Number>) m.get("log_estimate_bounds");
        double[] centre = doubles((List<Number>) m.get("centre"));
        double[] up = new double[centre.length];
        for (int b = 0; b < up.length; b++) {
            up[b] = b < bounds.size() ? bounds.get(b).doubleValue() : Double.POSITIVE_INFINITY;
        }
        List<Number> rows = (List<Number>) m.get("rows");
        long[] r = new long[centre.length];
        for (int b = 0; b < r.length; b++) {
            r[b] = rows.get(b).longValue();
        }
        return new TtfInterval(
                up,
                centre,
                doubles((List<Number>) m.get("p10")),
                doubles((List<Number>) m.get("p90")),
                r);
    }

    private static List<Double> toList(double[] v) {
        List<Double> out = new ArrayList<>();
        for (double x : v) {
            out.add(x);
        }
        return out;
    }

    private static double[] doubles(List<Number> v) {
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i).doubleValue();
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TtfInterval t
                && Arrays.equals(upper, t.upper)
                && Arrays.equals(centre, t.centre)
                && Arrays.equals(low, t.low)
                && Arrays.equals(high, t.high)
                && Arrays.equals(rows, t.rows);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(centre) * 31 + Arrays.hashCode(upper);
    }

    @Override
    public String toString() {
        return "TtfInterval" + json();
    }
}
