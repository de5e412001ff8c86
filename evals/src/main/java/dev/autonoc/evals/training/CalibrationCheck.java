package dev.autonoc.evals.training;

import dev.autonoc.predictor.Calibration;
import dev.autonoc.predictor.PredictorEvaluation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Calibration of a model's raw scores, fitted anew on calibration runs and judged on the test runs:
 * Brier score and reliability curve before and after, per method, beside the calibration the bundle
 * carries (if any).
 *
 * @param seeds the calibration runs it was fitted on
 * @param before the raw scores on the test rows
 * @param results the bundle's own calibration ("stored"), then one per method fitted anew
 */
public record CalibrationCheck(List<Long> seeds, Result before, List<Result> results) {

    /**
     * One set of probabilities on the test rows.
     *
     * @param name "raw", or the calibration method
     * @param brier mean squared error against the outcomes
     * @param auc area under the ROC curve (calibration is monotone: ties aside, unchanged)
     * @param reliability 10 bins
     * @param calibration the fitted map's description (empty for raw)
     */
    public record Result(
            String name,
            double brier,
            double auc,
            List<PredictorEvaluation.ReliabilityBin> reliability,
            Map<String, Object> calibration) {}

    public CalibrationCheck {
        seeds = List.copyOf(seeds);
        results = List.copyOf(results);
    }

    /**
     * Fits each method on the calibration rows' raw scores and scores it on the comparison's test
     * rows; the bundle's stored calibration, if any, is judged on the same rows.
     */
    public static CalibrationCheck of(
            Optional<Calibration> stored,
            PredictorEvaluation.Accumulator calibrationRows,
            List<Long> seeds,
            ModelTraining.Comparison test) {
        double[] fitP = calibrationRows.scores();
        boolean[] fitY = calibrationRows.outcomes();
        Result before = result("raw", test.rawScores(), test.outcomes(), Map.of());
        List<Result> results = new ArrayList<>();
        stored.ifPresent(
                c ->
                        results.add(
                                result(
                                        "stored",
                                        c.apply(test.rawScores()),
                                        test.outcomes(),
                                        c.describe())));
        for (Calibration.Method method : Calibration.Method.values()) {
            Calibration c = Calibration.fit(method, fitP, fitY);
            results.add(
                    result(
                            method.name().toLowerCase(java.util.Locale.ROOT),
                            c.apply(test.rawScores()),
                            test.outcomes(),
                            c.describe()));
        }
        return new CalibrationCheck(seeds, before, results);
    }

    private static Result result(
            String name, double[] p, boolean[] y, Map<String, Object> calibration) {
        PredictorEvaluation.Accumulator acc = new PredictorEvaluation.Accumulator(1.0);
        for (int i = 0; i < p.length; i++) {
            acc.score(p[i], y[i]);
        }
        PredictorEvaluation e = acc.build();
        return new Result(name, e.brier(), e.auc(), acc.reliability(10), calibration);
    }

    /** The check as a JSON tree. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fitted_on_seeds", seeds);
        List<Map<String, Object>> list = new ArrayList<>();
        list.add(resultJson(before));
        for (Result r : results) {
            list.add(resultJson(r));
        }
        m.put("results", list);
        return m;
    }

    private static Map<String, Object> resultJson(Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("brier", ModelReport.round(r.brier()));
        m.put("auc", ModelReport.round(r.auc()));
        m.put("reliability", ModelReport.reliabilityJson(r.reliability()));
        if (!r.calibration().isEmpty()) {
            m.put("calibration", r.calibration());
        }
        return m;
    }
}
