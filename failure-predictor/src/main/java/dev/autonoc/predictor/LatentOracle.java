package dev.autonoc.predictor;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.FailureWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The physical limit to report a predictor against: it reads each element's noise-free latent
 * degradation level and the mode of the fault it carries (the twin's ground truth, which no
 * telemetry shows), but not the fault's time to failure nor the level's history. Its probability is
 * the rate at which elements at that level (of that mode) fail within the horizon, fitted
 * isotonically on training runs; an element at level 0 (healthy, or a fault not yet started) gets
 * the base rate of level 0.
 *
 * <p>A predictor reading the real telemetry sees the level only through noise, load, weather and
 * the daily cycle; the oracle sees it exactly, so on the same rows it scores at least as well,
 * except where a history of the level (its speed) tells more than the level alone.
 */
public final class LatentOracle {

    /** Bins of the level over (0, 1] for the isotonic fit. */
    static final int BINS = 200;

    /** Added to the healthy score to make the oracle's threshold. */
    static final double MARGIN = 0.01;

    /** Rows per level bin of the time-to-failure quantiles (fewer where a mode has few rows). */
    static final int TTF_BIN_ROWS = 400;

    private final double zeroLevelRate;
    private final Map<FailureMode, Isotonic> byMode;
    private final Map<FailureMode, TtfBins> ttfByMode;
    private final long rows;

    private LatentOracle(
            double zeroLevelRate,
            Map<FailureMode, Isotonic> byMode,
            Map<FailureMode, TtfBins> ttfByMode,
            long rows) {
        this.zeroLevelRate = zeroLevelRate;
        this.byMode = byMode;
        this.ttfByMode = ttfByMode;
        this.rows = rows;
    }

    /**
     * The oracle's time to failure: the median and the central 80 % of the true times to failure of
     * training rows at about the same level of the same mode.
     */
    public record TimeToFailure(Duration median, FailureWindow window) {}

    /**
     * The quantiles of the time to failure over bins of the latent level: what the level alone says
     * of the time left (a level is reached sooner by a fast fault than by a slow one).
     */
    private record TtfBins(double[] upperLevel, double[] q10, double[] q50, double[] q90) {

        static TtfBins fit(List<double[]> levelAndHours) {
            levelAndHours.sort(Comparator.comparingDouble(r -> r[0]));
            int n = levelAndHours.size();
            int per = Math.max(20, Math.min(TTF_BIN_ROWS, n / 20));
            int bins = Math.max(1, n / per);
            double[] upper = new double[bins];
            double[] lo = new double[bins];
            double[] mid = new double[bins];
            double[] hi = new double[bins];
            for (int b = 0; b < bins; b++) {
                int from = b * n / bins;
                int to = (b + 1) * n / bins;
                double[] hours = new double[to - from];
                for (int i = from; i < to; i++) {
                    hours[i - from] = levelAndHours.get(i)[1];
                }
                Arrays.sort(hours);
                upper[b] = b == bins - 1 ? Double.POSITIVE_INFINITY : levelAndHours.get(to - 1)[0];
                lo[b] = quantile(hours, 0.1);
                mid[b] = quantile(hours, 0.5);
                hi[b] = quantile(hours, 0.9);
            }
            return new TtfBins(upper, lo, mid, hi);
        }

        TimeToFailure at(double level) {
            int b = 0;
            while (b < upperLevel.length - 1 && level > upperLevel[b]) {
                b++;
            }
            return new TimeToFailure(
                    hours(q50[b]), new FailureWindow(hours(q10[b]), hours(q90[b])));
        }

        private static Duration hours(double h) {
            return Duration.ofMinutes(Math.round(h * 60));
        }

        private static double quantile(double[] sorted, double q) {
            double pos = q * (sorted.length - 1);
            int i = (int) Math.floor(pos);
            int j = Math.min(sorted.length - 1, i + 1);
            return sorted[i] + (sorted[j] - sorted[i]) * (pos - i);
        }
    }

    /**
     * Fits on labelled rows (their latent level, mode and outcome; features are not read). Rows of
     * elements that have failed already are left out: they send nothing, and nothing is predicted
     * for them.
     */
    public static LatentOracle fit(List<TrainingSet.Label> labels) {
        Objects.requireNonNull(labels, "labels");
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("no labels to fit the oracle on");
        }
        long zero = 0;
        long zeroFail = 0;
        Map<FailureMode, List<TrainingSet.Label>> modes = new EnumMap<>(FailureMode.class);
        Map<FailureMode, List<double[]>> ttfRows = new EnumMap<>(FailureMode.class);
        for (TrainingSet.Label l : labels) {
            if (l.timeToFailure().isPresent()
                    && (l.timeToFailure().get().isNegative() || l.timeToFailure().get().isZero())) {
                continue; // failed already: no telemetry, nothing to predict
            }
            if (l.latentLevel() > 0.0 && l.mode().isPresent()) {
                modes.computeIfAbsent(l.mode().get(), m -> new ArrayList<>()).add(l);
                if (l.faultActive() && l.timeToFailure().isPresent()) {
                    ttfRows.computeIfAbsent(l.mode().get(), m -> new ArrayList<>())
                            .add(
                                    new double[] {
                                        l.latentLevel(), l.timeToFailure().get().toMinutes() / 60.0
                                    });
                }
            } else {
                zero++;
                if (l.failsWithinHorizon()) {
                    zeroFail++;
                }
            }
        }
        Map<FailureMode, Isotonic> byMode = new EnumMap<>(FailureMode.class);
        for (Map.Entry<FailureMode, List<TrainingSet.Label>> e : modes.entrySet()) {
            List<TrainingSet.Label> ls = e.getValue();
            double[] x = new double[ls.size()];
            boolean[] y = new boolean[ls.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = ls.get(i).latentLevel();
                y[i] = ls.get(i).failsWithinHorizon();
            }
            byMode.put(e.getKey(), Isotonic.fit(x, y, 0.0, 1.0, BINS));
        }
        Map<FailureMode, TtfBins> ttf = new EnumMap<>(FailureMode.class);
        ttfRows.forEach((m, list) -> ttf.put(m, TtfBins.fit(list)));
        return new LatentOracle(
                zero == 0 ? 0.0 : (double) zeroFail / zero, byMode, ttf, labels.size());
    }

    /**
     * The oracle's own operating point, chosen by the predictor's rule (the lowest threshold at
     * which no healthy element alarms, plus a margin): every healthy element sits at level 0 and
     * scores {@link #levelZeroRate()}, so the oracle alarms once the level says anything more than
     * that. This is the earliest honest warning the physics allows.
     */
    public double operatingThreshold() {
        return Math.min(1.0, zeroLevelRate + MARGIN);
    }

    /** The rate of failure within the horizon of elements at level 0. */
    public double levelZeroRate() {
        return zeroLevelRate;
    }

    /** The probability of failure within the horizon of an element at this level of this mode. */
    public double probability(Optional<FailureMode> mode, double level) {
        if (!(level > 0.0) || mode.isEmpty()) {
            return zeroLevelRate;
        }
        Isotonic iso = byMode.get(mode.get());
        // a mode never seen in training: the level alone, as the nearest honest guess
        return iso == null ? Math.min(1.0, level) : iso.apply(level);
    }

    /** The probability for a row's label, which holds the level and mode. */
    public double probability(TrainingSet.Label label) {
        return probability(
                label.faultActive() ? label.mode() : Optional.empty(), label.latentLevel());
    }

    /**
     * What the level of the element's fault says of its time to failure: empty for an element with
     * no fault started, or of a mode never seen in training.
     */
    public Optional<TimeToFailure> timeToFailure(TrainingSet.Label label) {
        if (!label.faultActive() || label.mode().isEmpty() || !(label.latentLevel() > 0.0)) {
            return Optional.empty();
        }
        TtfBins bins = ttfByMode.get(label.mode().get());
        return bins == null ? Optional.empty() : Optional.of(bins.at(label.latentLevel()));
    }

    /** What the oracle was fitted on and its mapping, for reports. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(
                "reads",
                "noise-free latent level and fault mode (twin ground truth); not the time to failure");
        m.put("fitted_rows", rows);
        m.put("level_zero_rate", zeroLevelRate);
        m.put("operating_threshold", operatingThreshold());
        Map<String, Object> modes = new LinkedHashMap<>();
        for (Map.Entry<FailureMode, Isotonic> e : byMode.entrySet()) {
            double[][] steps = e.getValue().steps();
            List<Map<String, Object>> list = new ArrayList<>();
            for (int i = 0; i < steps[0].length; i++) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("level_below", Double.isInfinite(steps[0][i]) ? null : steps[0][i]);
                s.put("probability", steps[1][i]);
                list.add(s);
            }
            modes.put(e.getKey().name(), list);
        }
        m.put("steps_by_mode", modes);
        return m;
    }

    /**
     * The oracle run live: each element's probability through the same alarm gate (threshold,
     * persistence, hysteresis) as the predictor's.
     */
    public Live live(double threshold, Duration persistence) {
        return new Live(threshold, persistence);
    }

    /** Per-element alarm gates for the oracle's probabilities. */
    public final class Live {
        private final double threshold;
        private final Duration persistence;
        private final Map<ElementId, AlarmGate> gates = new HashMap<>();

        private Live(double threshold, Duration persistence) {
            if (!(threshold > 0.0 && threshold <= 1.0)) {
                throw new IllegalArgumentException("threshold must be in (0, 1], was " + threshold);
            }
            this.threshold = threshold;
            this.persistence = Objects.requireNonNull(persistence, "persistence");
        }

        /**
         * Takes the element's probability at a time; returns its probability and whether it is
         * alarmed now.
         */
        public boolean update(ElementId element, Instant at, double probability) {
            return gates.computeIfAbsent(element, k -> new AlarmGate(threshold, persistence))
                    .update(at, probability);
        }
    }
}
