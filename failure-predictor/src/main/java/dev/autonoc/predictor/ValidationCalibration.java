package dev.autonoc.predictor;

import dev.autonoc.core.prediction.FailureMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the validation runs decide of a trained bundle: the operating threshold (the lowest at which
 * no healthy element alarms through the gate, with a margin), each mode's time-to-failure interval
 * (on the rows the model alarms on) and the Platt calibration of the probabilities. The models
 * themselves are {@link PredictorTrainer}'s.
 */
final class ValidationCalibration {

    private ValidationCalibration() {}

    /**
     * Platt scaling fitted on the validation runs' rows (every row, not subsampled: the rates they
     * hold are the real ones), stored in the bundle so that the probabilities it serves mean what
     * they say. Left out if the fit is degenerate (no positive or no negative row, or a slope that
     * would not keep the order).
     */
    static ModelBundle calibrated(ModelBundle bundle, TrainingSet validation, boolean onTraining) {
        Map<Family, Scorer> scorers = new EnumMap<>(Family.class);
        for (Family family : Family.values()) {
            bundle.withoutCalibration().scorer(family).ifPresent(s -> scorers.put(family, s));
        }
        double[] scores = new double[validation.size()];
        boolean[] outcomes = new boolean[validation.size()];
        int n = 0;
        long positives = 0;
        for (TrainingSet.Row r : validation.rows()) {
            Scorer scorer = scorers.get(r.family());
            if (scorer == null) {
                continue;
            }
            scores[n] = scorer.rawScore(Scorer.toDouble(r.features()));
            outcomes[n] = r.label().failsWithinHorizon();
            positives += outcomes[n] ? 1 : 0;
            n++;
        }
        if (positives == 0 || positives == n) {
            return bundle;
        }
        Calibration platt =
                Calibration.fit(
                        Calibration.Method.PLATT,
                        Arrays.copyOf(scores, n),
                        Arrays.copyOf(outcomes, n));
        if (!(platt.slope() > 0)) {
            return bundle;
        }
        Map<String, Object> fittedOn = new LinkedHashMap<>();
        fittedOn.put(
                "fitted_on",
                onTraining
                        ? "training rows (no validation run held out)"
                        : "validation runs' rows");
        fittedOn.put("fitted_on_seeds", validation.runs());
        return bundle.withCalibration(platt, fittedOn);
    }

    /** Time-to-failure trees learn and calibrate on rows up to this many horizons out. */
    static final int TTF_HORIZONS = 4;

    /** The rows after a fault's first alarm that calibrate the interval stated then. */
    static final Duration FIRST_ALARM_WINDOW = Duration.ofHours(1);

    /**
     * The interval of a mode's estimates, from validation rows of faults of that mode in the day
     * after the alarm gate first raised them: the estimate stated then is the one the agent plans
     * the case on, and it is the hardest (the fault is at its furthest). With too few such rows,
     * every row of a started fault of the mode up to four horizons out. Null with too few rows
     * either way.
     */
    static TtfInterval ttfInterval(
            FamilyModel fm,
            FailureMode mode,
            TrainingSet validation,
            double threshold,
            Duration persistence,
            int bins,
            Duration horizon) {
        List<double[]> alarmRows = new ArrayList<>();
        List<double[]> allRows = new ArrayList<>();
        long cap = TTF_HORIZONS * horizon.toMinutes();
        Scorer scorer = new Scorer(fm, horizon);
        for (List<TrainingSet.Row> series : PredictorEvaluation.series(validation).values()) {
            if (series.get(0).family() != fm.family) {
                continue;
            }
            AlarmGate gate = new AlarmGate(threshold, persistence);
            Instant firstAlarm = null;
            for (TrainingSet.Row r : series) {
                TrainingSet.Label l = r.label();
                double[] raw = Scorer.toDouble(r.features());
                boolean alarmed = gate.update(r.at(), scorer.rawScore(raw));
                if (!l.faultActive()
                        || !l.mode().equals(Optional.of(mode))
                        || l.timeToFailure().isEmpty()) {
                    continue;
                }
                if (alarmed && firstAlarm == null) {
                    firstAlarm = r.at();
                }
                long minutes = l.timeToFailure().get().toMinutes();
                if (minutes <= 0 || minutes > cap) {
                    continue;
                }
                double[] pair = {fm.rawLogTimeToFailure(raw, mode), Math.log(minutes / 60.0)};
                allRows.add(pair);
                if (firstAlarm != null && r.at().isBefore(firstAlarm.plus(FIRST_ALARM_WINDOW))) {
                    alarmRows.add(pair);
                }
            }
        }
        List<double[]> rows =
                alarmRows.size() >= TtfInterval.MIN_BIN_ROWS * bins ? alarmRows : allRows;
        double[] est = new double[rows.size()];
        double[] truth = new double[rows.size()];
        for (int i = 0; i < est.length; i++) {
            est[i] = rows.get(i)[0];
            truth[i] = rows.get(i)[1];
        }
        return TtfInterval.fit(est, truth, bins);
    }

    /**
     * The lowest threshold at which no healthy element of the validation runs would alarm through
     * the gate, with a margin; never below 0.5 so that an easy validation set does not make a
     * trigger-happy model.
     */
    static double threshold(
            Map<Family, FamilyModel> families,
            TrainingSet validation,
            Duration persistence,
            Duration horizon) {
        double worst = 0.0;
        for (List<TrainingSet.Row> rows : PredictorEvaluation.series(validation).values()) {
            FamilyModel fm = families.get(rows.get(0).family());
            if (fm == null) {
                continue;
            }
            Scorer scorer = new Scorer(fm, horizon);
            List<Instant> times = new ArrayList<>();
            List<Double> probabilities = new ArrayList<>();
            for (TrainingSet.Row r : rows) {
                if (!r.label().healthyNow()) {
                    break; // from the onset on, an alarm is not false
                }
                times.add(r.at());
                probabilities.add(scorer.rawScore(Scorer.toDouble(r.features())));
            }
            worst = Math.max(worst, maxPersisted(times, probabilities, persistence));
        }
        double threshold = worst + 0.1 * (1.0 - worst) + 0.01;
        return Math.max(0.5, Math.min(0.98, threshold));
    }

    /**
     * The highest level that the probability stayed at or over for a whole persistence time: the
     * gate alarms at any threshold up to it.
     */
    static double maxPersisted(List<Instant> times, List<Double> p, Duration persistence) {
        double best = 0.0;
        int start = 0;
        for (int i = 0; i < times.size(); i++) {
            Instant from = times.get(i).minus(persistence);
            while (start + 1 <= i && !times.get(start + 1).isAfter(from)) {
                start++;
            }
            if (times.get(start).isAfter(from)) {
                continue; // not watched for a whole persistence time yet
            }
            double min = Double.MAX_VALUE;
            for (int j = start; j <= i; j++) {
                min = Math.min(min, p.get(j));
            }
            best = Math.max(best, min);
        }
        return best;
    }
}
