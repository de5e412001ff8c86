package dev.autonoc.predictor;

import dev.autonoc.core.prediction.FailureWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How well a predictor did on held-out runs.
 *
 * @param auc area under the ROC curve of the per-row probability against "fails within the horizon"
 * @param brier mean squared error of that probability
 * @param faults faults whose element was watched before it failed
 * @param faultsWarned faults alarmed before the failure
 * @param faultsWarned48h faults alarmed at least 48 h before the failure
 * @param slowFaults faults that took 4 days or more from onset to failure
 * @param slowFaultsWarned48h of those, the ones alarmed at least 48 h before the failure
 * @param leadTimesHours per warned fault, hours from the first alarm to the failure
 * @param falseAlarms alarms raised on an element with no fault started
 * @param healthyElementDays element-days watched without a fault started
 * @param medianTtfRatio median over warned faults of estimated / true time to failure at the first
 *     alarm (below 1: early)
 * @param ttfIntervalCoverage share of warned faults whose true time to failure at the first alarm
 *     fell inside the stated interval ({@link FailureWindow}, 80 %); NaN where none was stated
 * @param nearOutageFalseAlarms false alarms raised on a healthy element while an element within two
 *     hops of it was out of service (failed, drained, under work) or back for less than a day: the
 *     elements that take a failed neighbour's traffic
 * @param nearOutageElementDays healthy element-days watched in that slice
 */
public record PredictorEvaluation(
        double auc,
        double brier,
        long rows,
        long positives,
        int faults,
        int faultsWarned,
        int faultsWarned48h,
        int slowFaults,
        int slowFaultsWarned48h,
        List<Double> leadTimesHours,
        int falseAlarms,
        double healthyElementDays,
        double medianTtfRatio,
        double ttfIntervalCoverage,
        int nearOutageFalseAlarms,
        double nearOutageElementDays,
        double threshold) {

    public PredictorEvaluation {
        leadTimesHours = List.copyOf(leadTimesHours);
    }

    public double falseAlarmsPer10kElementDays() {
        return healthyElementDays == 0 ? 0.0 : falseAlarms * 10_000.0 / healthyElementDays;
    }

    /** False alarms per 10,000 healthy element-days within two hops of an outage. */
    public double nearOutageFalseAlarmsPer10kElementDays() {
        return nearOutageElementDays == 0
                ? 0.0
                : nearOutageFalseAlarms * 10_000.0 / nearOutageElementDays;
    }

    public double medianLeadHours() {
        return median(leadTimesHours);
    }

    public double minLeadHours() {
        return leadTimesHours.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    /** The figures as a flat map, for {@code model.json} and reports. */
    public Map<String, Object> figures() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("auc", round(auc));
        m.put("brier", round(brier));
        m.put("rows", rows);
        m.put("positives", positives);
        m.put("faults", faults);
        m.put("faults_warned", faultsWarned);
        m.put("faults_warned_48h", faultsWarned48h);
        m.put("faults_4d_or_slower", slowFaults);
        m.put("faults_4d_or_slower_warned_48h", slowFaultsWarned48h);
        m.put("median_lead_hours", round(medianLeadHours()));
        m.put("min_lead_hours", round(minLeadHours()));
        m.put("false_alarms", falseAlarms);
        m.put("healthy_element_days", round(healthyElementDays));
        m.put("false_alarms_per_10k_element_days", round(falseAlarmsPer10kElementDays()));
        m.put("median_ttf_ratio", round(medianTtfRatio));
        m.put("ttf_interval_coverage", round(ttfIntervalCoverage));
        m.put("false_alarms_near_outage", nearOutageFalseAlarms);
        m.put("near_outage_element_days", round(nearOutageElementDays));
        m.put(
                "false_alarms_near_outage_per_10k_element_days",
                round(nearOutageFalseAlarmsPer10kElementDays()));
        m.put("threshold", round(threshold));
        return m;
    }

    public String summary() {
        return String.format(
                Locale.ROOT,
                "AUC %.4f  Brier %.4f  rows %d (%d positive)%n"
                        + "faults %d: warned %d, warned >= 48 h %d; lead time median %.1f h, min %.1f h%n"
                        + "faults taking >= 4 days: %d, warned >= 48 h ahead: %d%n"
                        + "false alarms %d over %.0f healthy element-days (%.2f per 10,000)%n"
                        + "  within two hops of an outage: %d over %.0f element-days (%.2f per"
                        + " 10,000)%n"
                        + "time-to-failure estimate / truth at first alarm: median %.2f;"
                        + " truth inside the 80 %% interval: %.0f %%%n"
                        + "threshold %.3f",
                auc,
                brier,
                rows,
                positives,
                faults,
                faultsWarned,
                faultsWarned48h,
                medianLeadHours(),
                minLeadHours(),
                slowFaults,
                slowFaultsWarned48h,
                falseAlarms,
                healthyElementDays,
                falseAlarmsPer10kElementDays(),
                nearOutageFalseAlarms,
                nearOutageElementDays,
                nearOutageFalseAlarmsPer10kElementDays(),
                medianTtfRatio,
                100 * ttfIntervalCoverage,
                threshold);
    }

    /**
     * Scores every row of the set with the bundle, runs each element's rows through the alarm gate
     * in time order, and counts as the live predictor would at the rows' cadence. AUC, Brier and
     * reliability are of the served (calibrated) probability; the gate reads the raw score, as
     * live.
     */
    public static PredictorEvaluation of(ModelBundle bundle, TrainingSet set) {
        Accumulator acc = new Accumulator(bundle.calibratedThreshold());
        Map<String, List<TrainingSet.Row>> series = series(set);
        for (List<TrainingSet.Row> rows : series.values()) {
            Optional<FamilyModel> fm = bundle.family(rows.get(0).family());
            if (fm.isEmpty()) {
                continue;
            }
            Scorer scorer = bundle.scorer(rows.get(0).family()).orElseThrow();
            AlarmGate gate = new AlarmGate(bundle.threshold(), bundle.persistence());
            Instant failsAt = null;
            Instant onset = null;
            Instant firstAlarm = null;
            Duration estimateAtAlarm = null;
            FailureWindow windowAtAlarm = null;
            Instant prevHealthy = null;
            boolean wasAlarmed = false;
            for (TrainingSet.Row row : rows) {
                TrainingSet.Label label = row.label();
                Scorer.Score s = scorer.score(Scorer.toDouble(row.features()));
                acc.score(s.probability(), label.failsWithinHorizon());
                boolean alarmed = gate.update(row.at(), s.rawScore());
                if (label.timeToFailure().isPresent()) {
                    failsAt = row.at().plus(label.timeToFailure().get());
                }
                if (label.healthyNow()) {
                    if (prevHealthy != null) {
                        Duration gap = Duration.between(prevHealthy, row.at());
                        acc.healthyTime(
                                gap.compareTo(Duration.ofHours(6)) > 0 ? Duration.ZERO : gap);
                    }
                    prevHealthy = row.at();
                    if (alarmed && !wasAlarmed) {
                        acc.falseAlarm();
                    }
                } else if (onset == null) {
                    onset = row.at();
                }
                if (!label.healthyNow() && alarmed && firstAlarm == null) {
                    firstAlarm = row.at();
                    estimateAtAlarm = s.timeToFailure();
                    windowAtAlarm = s.window();
                }
                wasAlarmed = alarmed;
            }
            if (failsAt != null && onset != null) {
                acc.fault(
                        onset,
                        failsAt,
                        Optional.ofNullable(firstAlarm),
                        Optional.ofNullable(estimateAtAlarm),
                        Optional.ofNullable(windowAtAlarm));
            }
        }
        return acc.build();
    }

    /** Each (run, element)'s rows in time order. */
    static Map<String, List<TrainingSet.Row>> series(TrainingSet set) {
        Map<String, List<TrainingSet.Row>> out = new TreeMap<>();
        for (TrainingSet.Row row : set.rows()) {
            out.computeIfAbsent(row.run() + "/" + row.element(), k -> new ArrayList<>()).add(row);
        }
        for (List<TrainingSet.Row> rows : out.values()) {
            rows.sort(Comparator.comparing(TrainingSet.Row::at));
        }
        return out;
    }

    /** Collects scores, faults and alarms from any source (rows, or a live twin run). */
    public static final class Accumulator {
        private final double threshold;
        private double[] scores = new double[1024];
        private boolean[] labels = new boolean[1024];
        private int n;
        private long positives;
        private double squaredError;
        private int faults;
        private int warned;
        private int warned48h;
        private int slowFaults;
        private int slowWarned48h;
        private final List<Double> leads = new ArrayList<>();
        private final List<Double> ttfRatios = new ArrayList<>();
        private int falseAlarms;
        private double healthySeconds;
        private int windows;
        private int windowsHolding;
        private int nearOutageFalseAlarms;
        private double nearOutageSeconds;

        public Accumulator(double threshold) {
            this.threshold = threshold;
        }

        /** One element at one time: its probability and whether it really fails in the horizon. */
        public void score(double probability, boolean failsWithinHorizon) {
            if (n == scores.length) {
                scores = Arrays.copyOf(scores, n * 2);
                labels = Arrays.copyOf(labels, n * 2);
            }
            scores[n] = probability;
            labels[n] = failsWithinHorizon;
            n++;
            if (failsWithinHorizon) {
                positives++;
            }
            double y = failsWithinHorizon ? 1.0 : 0.0;
            squaredError += (probability - y) * (probability - y);
        }

        /**
         * One fault: when it started, when it fails (or would have), when it was first alarmed
         * after its onset, and the time-to-failure estimate given then.
         */
        public void fault(
                Instant onset,
                Instant failsAt,
                Optional<Instant> firstAlarm,
                Optional<Duration> estimateAtAlarm) {
            fault(onset, failsAt, firstAlarm, estimateAtAlarm, Optional.empty());
        }

        /**
         * One fault, with the interval stated at its first alarm: whether the true time to failure
         * fell inside it is counted.
         */
        public void fault(
                Instant onset,
                Instant failsAt,
                Optional<Instant> firstAlarm,
                Optional<Duration> estimateAtAlarm,
                Optional<FailureWindow> windowAtAlarm) {
            faults++;
            boolean slow = Duration.between(onset, failsAt).compareTo(Duration.ofDays(4)) >= 0;
            if (slow) {
                slowFaults++;
            }
            if (firstAlarm.isPresent() && firstAlarm.get().isBefore(failsAt)) {
                warned++;
                Duration lead = Duration.between(firstAlarm.get(), failsAt);
                leads.add(lead.toMinutes() / 60.0);
                if (lead.compareTo(Duration.ofHours(48)) >= 0) {
                    warned48h++;
                    if (slow) {
                        slowWarned48h++;
                    }
                }
                estimateAtAlarm.ifPresent(
                        e -> ttfRatios.add((double) e.toMinutes() / Math.max(1, lead.toMinutes())));
                if (windowAtAlarm.isPresent()) {
                    windows++;
                    if (windowAtAlarm.get().contains(lead)) {
                        windowsHolding++;
                    }
                }
            }
        }

        /** An alarm raised on an element with no fault started. */
        public void falseAlarm() {
            falseAlarm(false);
        }

        /**
         * An alarm raised on an element with no fault started; {@code nearOutage}: while an element
         * within two hops of it was out of service or back for less than a day.
         */
        public void falseAlarm(boolean nearOutage) {
            falseAlarms++;
            if (nearOutage) {
                nearOutageFalseAlarms++;
            }
        }

        /** Time an element was watched without a fault started. */
        public void healthyTime(Duration watched) {
            healthyTime(watched, false);
        }

        /** Time an element was watched without a fault started, and whether near an outage. */
        public void healthyTime(Duration watched, boolean nearOutage) {
            healthySeconds += watched.toSeconds();
            if (nearOutage) {
                nearOutageSeconds += watched.toSeconds();
            }
        }

        /**
         * The reliability curve of the scores so far: {@code bins} equal bins of the probability,
         * each with its rows, mean probability and the share of them that failed within the
         * horizon. Empty bins are left out.
         */
        public List<ReliabilityBin> reliability(int bins) {
            if (bins < 1) {
                throw new IllegalArgumentException("bins must be at least 1, was " + bins);
            }
            long[] count = new long[bins];
            double[] sumP = new double[bins];
            long[] failed = new long[bins];
            for (int i = 0; i < n; i++) {
                int b = Math.min(bins - 1, Math.max(0, (int) (scores[i] * bins)));
                count[b]++;
                sumP[b] += scores[i];
                if (labels[i]) {
                    failed[b]++;
                }
            }
            List<ReliabilityBin> out = new ArrayList<>();
            for (int b = 0; b < bins; b++) {
                if (count[b] > 0) {
                    out.add(
                            new ReliabilityBin(
                                    (double) b / bins,
                                    (double) (b + 1) / bins,
                                    count[b],
                                    sumP[b] / count[b],
                                    (double) failed[b] / count[b]));
                }
            }
            return out;
        }

        /** The scores so far and their outcomes, for calibration and comparisons. */
        public double[] scores() {
            return Arrays.copyOf(scores, n);
        }

        public boolean[] outcomes() {
            return Arrays.copyOf(labels, n);
        }

        public PredictorEvaluation build() {
            return new PredictorEvaluation(
                    auc(Arrays.copyOf(scores, n), Arrays.copyOf(labels, n)),
                    n == 0 ? Double.NaN : squaredError / n,
                    n,
                    positives,
                    faults,
                    warned,
                    warned48h,
                    slowFaults,
                    slowWarned48h,
                    leads,
                    falseAlarms,
                    healthySeconds / 86_400.0,
                    median(ttfRatios),
                    windows == 0 ? Double.NaN : (double) windowsHolding / windows,
                    nearOutageFalseAlarms,
                    nearOutageSeconds / 86_400.0,
                    threshold);
        }
    }

    /**
     * One bin of a reliability curve.
     *
     * @param from lower bound of the probability (inclusive)
     * @param to upper bound (exclusive, but 1 for the last bin)
     * @param rows rows scored in the bin
     * @param meanProbability their mean probability
     * @param observedRate the share of them that failed within the horizon
     */
    public record ReliabilityBin(
            double from, double to, long rows, double meanProbability, double observedRate) {}

    /** Mann–Whitney AUC with ties counted half. */
    static double auc(double[] scores, boolean[] labels) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double rankSumPos = 0;
        long pos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1.0;
            for (int k = i; k <= j; k++) {
                if (labels[order[k]]) {
                    rankSumPos += rank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2.0;
    }

    /** Four decimals; null where there is no figure (JSON has no NaN). */
    private static Double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 10_000.0) / 10_000.0 : null;
    }
}
