package dev.autonoc.predictor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Says when live telemetry no longer looks like what a model was trained on. The reference holds,
 * per family and model feature, the deciles of the training rows; live rows are counted into the
 * same bins, and each feature's population stability index (PSI) is computed against the reference
 * ten per cent per bin. A PSI over {@link #SHIFT} on any feature (a sensor recalibrated, a firmware
 * that reports differently, a new element type in a family) means the model no longer fits that
 * population; between {@link #WATCH} and {@link #SHIFT} it is worth a look.
 *
 * <p>Counting a row is O(features × log 10); the check is read whenever wanted.
 */
public final class DriftCheck {

    /** PSI above which a feature's distribution has moved: retrain, or find the sensor. */
    public static final double SHIFT = 0.25;

    /** PSI above which a feature is worth watching. */
    public static final double WATCH = 0.1;

    /** Live rows per family before the check says anything. */
    public static final int MIN_ROWS = 500;

    static final int BINS = 10;

    private final Map<Family, List<String>> names = new EnumMap<>(Family.class);
    private final Map<Family, int[]> columns = new EnumMap<>(Family.class);
    // per family, per feature: the inner edges between bins
    private final Map<Family, double[][]> edges = new EnumMap<>(Family.class);
    private final Map<Family, double[][]> referenceShare = new EnumMap<>(Family.class);
    private final Map<Family, long[][]> live = new EnumMap<>(Family.class);
    private final Map<Family, Long> liveRows = new EnumMap<>(Family.class);

    private DriftCheck() {}

    /** The reference: the deciles of every model feature over the training rows. */
    public static DriftCheck reference(TrainingSet training) {
        Objects.requireNonNull(training, "training");
        DriftCheck d = new DriftCheck();
        for (Family family : Family.values()) {
            List<TrainingSet.Row> rows =
                    training.rows().stream().filter(r -> r.family() == family).toList();
            if (rows.isEmpty()) {
                continue;
            }
            List<String> names = ModelFeatures.of(family);
            int[] cols = ModelFeatures.columns(family, names);
            double[][] e = new double[cols.length][];
            double[][] share = new double[cols.length][];
            for (int k = 0; k < cols.length; k++) {
                double[] v = new double[rows.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = rows.get(i).feature(cols[k]);
                }
                Arrays.sort(v);
                double[] inner = new double[BINS - 1];
                for (int b = 1; b < BINS; b++) {
                    inner[b - 1] = v[(int) ((long) b * (v.length - 1) / BINS)];
                }
                e[k] = dedupe(inner);
                // the reference's own share per bin (ties make deciles uneven: a spike count is
                // mostly 0)
                long[] counts = new long[e[k].length + 1];
                for (double x : v) {
                    counts[bin(e[k], x)]++;
                }
                share[k] = new double[counts.length];
                for (int b = 0; b < counts.length; b++) {
                    share[k][b] = (double) counts[b] / v.length;
                }
            }
            d.names.put(family, names);
            d.columns.put(family, cols);
            d.edges.put(family, e);
            d.referenceShare.put(family, share);
            long[][] counts = new long[cols.length][];
            for (int k = 0; k < cols.length; k++) {
                counts[k] = new long[e[k].length + 1];
            }
            d.live.put(family, counts);
            d.liveRows.put(family, 0L);
        }
        return d;
    }

    private static double[] dedupe(double[] sorted) {
        return Arrays.stream(sorted).distinct().toArray();
    }

    /** The bin of a value: the number of inner edges at or below it (right-closed bins). */
    private static int bin(double[] edges, double x) {
        int i = Arrays.binarySearch(edges, x);
        return i >= 0 ? i : -i - 1;
    }

    /** Counts one live row: an element's raw features (as {@link FeatureExtractor#features}). */
    public void observe(Family family, double[] features) {
        double[][] e = edges.get(family);
        if (e == null) {
            return;
        }
        int[] cols = columns.get(family);
        long[][] counts = live.get(family);
        for (int k = 0; k < cols.length; k++) {
            counts[k][bin(e[k], features[cols[k]])]++;
        }
        liveRows.merge(family, 1L, Long::sum);
    }

    /** Starts a new live window. */
    public void clear() {
        for (Family f : live.keySet()) {
            for (long[] c : live.get(f)) {
                Arrays.fill(c, 0);
            }
            liveRows.put(f, 0L);
        }
    }

    /**
     * One feature's drift.
     *
     * @param psi population stability index of the live rows against the reference
     */
    public record FeatureDrift(Family family, String feature, double psi) {}

    /**
     * The verdict.
     *
     * @param fits false when any feature's PSI is over {@link #SHIFT}
     * @param worst every feature, the most drifted first
     * @param rows live rows counted per family
     */
    public record Report(boolean fits, List<FeatureDrift> worst, Map<Family, Long> rows) {

        /** A line a person reads: what moved, and what to do. */
        public String summary() {
            if (worst.isEmpty() || rows.values().stream().allMatch(n -> n < MIN_ROWS)) {
                return "drift: too few live rows to say (need " + MIN_ROWS + " per family)";
            }
            StringBuilder sb = new StringBuilder();
            if (fits) {
                sb.append("drift: the live features still look like the training data");
            } else {
                sb.append("drift: the model no longer fits the live data; moved most:");
            }
            worst.stream()
                    .limit(3)
                    .forEach(
                            f ->
                                    sb.append(
                                            String.format(
                                                    Locale.ROOT,
                                                    " %s %s (PSI %.2f)",
                                                    f.family().name().toLowerCase(Locale.ROOT),
                                                    f.feature(),
                                                    f.psi())));
            if (!fits) {
                sb.append("; check for a recalibrated sensor or a new element type, then retrain");
            }
            return sb.toString();
        }

        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fits", fits);
            m.put("shift_psi", SHIFT);
            List<Map<String, Object>> list = new ArrayList<>();
            for (FeatureDrift f : worst) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("family", f.family().name());
                e.put("feature", f.feature());
                e.put("psi", Math.round(f.psi() * 10_000.0) / 10_000.0);
                list.add(e);
            }
            m.put("features", list);
            return m;
        }
    }

    /** The PSI of every feature of every family with at least {@link #MIN_ROWS} live rows. */
    public Report report() {
        List<FeatureDrift> all = new ArrayList<>();
        for (Family family : edges.keySet()) {
            long n = liveRows.get(family);
            if (n < MIN_ROWS) {
                continue;
            }
            long[][] counts = live.get(family);
            double[][] ref = referenceShare.get(family);
            for (int k = 0; k < counts.length; k++) {
                double psi = 0;
                for (int b = 0; b < counts[k].length; b++) {
                    // a floor keeps an empty bin from making the index infinite
                    double q = Math.max(1e-4, (double) counts[k][b] / n);
                    double p = Math.max(1e-4, ref[k][b]);
                    psi += (q - p) * Math.log(q / p);
                }
                all.add(new FeatureDrift(family, names.get(family).get(k), psi));
            }
        }
        all.sort((a, b) -> Double.compare(b.psi(), a.psi()));
        boolean fits = all.stream().noneMatch(f -> f.psi() > SHIFT);
        return new Report(fits, all, Map.copyOf(liveRows));
    }
}
