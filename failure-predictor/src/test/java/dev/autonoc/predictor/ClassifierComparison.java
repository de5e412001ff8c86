package dev.autonoc.predictor;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Logistic regression, a random forest and XGBoost on the "fails within the horizon" task, trained
 * on the same rows (training runs, negatives subsampled 4 per positive, standardised features) and
 * scored on held-out test runs: AUC and Brier per element-hour, the slow faults warned 48 h ahead
 * at the lowest threshold that keeps every healthy test series quiet through the alarm gate, and at
 * the lowest that lets one alarm (the same rules for every model, so a fair ranking, though
 * optimistic for all: the thresholds are chosen on the test rows), training time, and inference
 * time per row (XGBoost batched).
 *
 * <p>Not a test: run it by its main on rows written by {@code ./autonoc model dataset}; see
 * docs/predictor.md. Arguments: {@code train.bin test.bin [seed [name filter]]}.
 */
public final class ClassifierComparison {

    private ClassifierComparison() {}

    interface Candidate {
        String name();

        Trainer<Label> trainer(long seed);

        /** Probabilities of FAIL for the rows, as the model would be asked in production. */
        default double[] predict(Model<Label> model, List<Example<Label>> rows) {
            double[] out = new double[rows.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = fail(model.predict(rows.get(i)));
            }
            return out;
        }
    }

    static double fail(Prediction<Label> p) {
        Label l = p.getOutputScores().get(FamilyModel.FAIL);
        return l == null ? 0.0 : l.getScore();
    }

    static final List<Candidate> CANDIDATES =
            List.of(
                    new Candidate() {
                        @Override
                        public String name() {
                            return "logistic regression (chosen)";
                        }

                        @Override
                        public Trainer<Label> trainer(long seed) {
                            return new LinearSGDTrainer(
                                    new LogMulticlass(),
                                    new AdaGrad(0.5, 0.1),
                                    6,
                                    Integer.MAX_VALUE,
                                    1,
                                    seed);
                        }
                    },
                    new Candidate() {
                        @Override
                        public String name() {
                            return "random forest (20 CART, depth 8)";
                        }

                        @Override
                        public Trainer<Label> trainer(long seed) {
                            return new RandomForestTrainer<>(
                                    new CARTClassificationTrainer(
                                            8, 5f, 0f, 0.3f, false, new GiniIndex(), seed),
                                    new FullyWeightedVotingCombiner(),
                                    20,
                                    seed);
                        }

                        @Override
                        public double[] predict(Model<Label> model, List<Example<Label>> rows) {
                            return batch(model, rows);
                        }
                    },
                    new Candidate() {
                        @Override
                        public String name() {
                            return "XGBoost (200 trees, depth 6), batched";
                        }

                        @Override
                        public Trainer<Label> trainer(long seed) {
                            return new XGBoostClassificationTrainer(
                                    200, 0.1, 0.0, 6, 1.0, 0.8, 0.8, 1.0, 0.0, 2, true, seed);
                        }

                        @Override
                        public double[] predict(Model<Label> model, List<Example<Label>> rows) {
                            return batch(model, rows);
                        }
                    });

    static double[] batch(Model<Label> model, List<Example<Label>> rows) {
        double[] out = new double[rows.size()];
        int chunk = 4096;
        for (int from = 0; from < rows.size(); from += chunk) {
            List<Prediction<Label>> ps =
                    model.predict(rows.subList(from, Math.min(rows.size(), from + chunk)));
            for (int i = 0; i < ps.size(); i++) {
                out[from + i] = fail(ps.get(i));
            }
        }
        return out;
    }

    record Result(
            String name,
            double auc,
            double brier,
            int slowFaults,
            int slowWarned48h,
            double medianLeadHours,
            double threshold,
            int slowWarned48hOneFalseAlarm,
            double medianLeadOneFalseAlarm,
            double thresholdOneFalseAlarm,
            double trainSeconds,
            double microsPerRow) {}

    public static void main(String[] args) throws IOException {
        TrainingSet train = TrainingSet.read(Path.of(args[0]));
        TrainingSet test = TrainingSet.read(Path.of(args[1]));
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42L;
        String only = args.length > 3 ? args[3].toLowerCase(Locale.ROOT) : "";
        System.out.printf(
                "train: %d rows (%d positive) from %d runs; test: %d rows (%d positive) from %d runs%n",
                train.size(),
                train.positives(),
                train.runs().size(),
                test.size(),
                test.positives(),
                test.runs().size());
        List<Result> results = new ArrayList<>();
        for (Candidate c : CANDIDATES) {
            if (!c.name().toLowerCase(Locale.ROOT).contains(only)) {
                continue;
            }
            results.add(run(c, train, test, seed));
            Result r = results.get(results.size() - 1);
            System.out.printf(
                    Locale.ROOT,
                    "%-40s AUC %.4f  Brier %.4f  slow faults warned >= 48 h %d/%d (median lead %.1f h)"
                            + " at threshold %.3f (no healthy series alarmed), %d/%d (%.1f h) at %.3f"
                            + " (one allowed)  train %.1f s  inference %.2f us/row%n",
                    r.name(),
                    r.auc(),
                    r.brier(),
                    r.slowWarned48h(),
                    r.slowFaults(),
                    r.medianLeadHours(),
                    r.threshold(),
                    r.slowWarned48hOneFalseAlarm(),
                    r.slowFaults(),
                    r.medianLeadOneFalseAlarm(),
                    r.thresholdOneFalseAlarm(),
                    r.trainSeconds(),
                    r.microsPerRow());
        }
    }

    static Result run(Candidate c, TrainingSet train, TrainingSet test, long seed) {
        // per row of the test set, in the set's order
        double[] p = new double[test.size()];
        double trainNanos = 0;
        double predictNanos = 0;
        Map<TrainingSet.Row, Integer> index = new HashMap<>();
        for (int i = 0; i < test.size(); i++) {
            index.put(test.rows().get(i), i);
        }
        for (Family family : Family.values()) {
            List<TrainingSet.Row> rows =
                    train.rows().stream().filter(r -> r.family() == family).toList();
            List<TrainingSet.Row> testRows =
                    test.rows().stream().filter(r -> r.family() == family).toList();
            if (rows.isEmpty() || testRows.isEmpty()) {
                continue;
            }
            List<String> names = ModelFeatures.of(family);
            int[] columns = ModelFeatures.columns(family, names);
            String[] featureNames = names.toArray(String[]::new);
            double[] mean = new double[columns.length];
            double[] std = new double[columns.length];
            for (TrainingSet.Row r : rows) {
                for (int k = 0; k < columns.length; k++) {
                    mean[k] += r.feature(columns[k]);
                }
            }
            for (int k = 0; k < columns.length; k++) {
                mean[k] /= rows.size();
            }
            for (TrainingSet.Row r : rows) {
                for (int k = 0; k < columns.length; k++) {
                    double d = r.feature(columns[k]) - mean[k];
                    std[k] += d * d;
                }
            }
            for (int k = 0; k < columns.length; k++) {
                std[k] = Math.sqrt(std[k] / rows.size());
                if (!(std[k] > 1e-9)) {
                    std[k] = 1.0;
                }
            }
            long positives = rows.stream().filter(r -> r.label().failsWithinHorizon()).count();
            double keep = Math.min(1.0, 4.0 * positives / Math.max(1, rows.size() - positives));
            SplittableRandom sampler = new SplittableRandom(seed);
            MutableDataset<Label> data =
                    new MutableDataset<>(
                            new SimpleDataSourceProvenance(
                                    "autonoc twin rows " + family, new LabelFactory()),
                            new LabelFactory());
            for (TrainingSet.Row r : rows) {
                boolean pos = r.label().failsWithinHorizon();
                if (pos || sampler.nextDouble() < keep) {
                    data.add(
                            example(
                                    pos ? FamilyModel.FAIL : FamilyModel.OK,
                                    featureNames,
                                    r,
                                    columns,
                                    mean,
                                    std));
                }
            }
            long t0 = System.nanoTime();
            Model<Label> model = c.trainer(seed).train(data);
            trainNanos += System.nanoTime() - t0;
            List<Example<Label>> examples = new ArrayList<>(testRows.size());
            for (TrainingSet.Row r : testRows) {
                examples.add(
                        example(
                                LabelFactory.UNKNOWN_LABEL.getLabel(),
                                featureNames,
                                r,
                                columns,
                                mean,
                                std));
            }
            long t1 = System.nanoTime();
            double[] q = c.predict(model, examples);
            predictNanos += System.nanoTime() - t1;
            for (int i = 0; i < q.length; i++) {
                p[index.get(testRows.get(i))] = q[i];
            }
        }
        boolean[] y = new boolean[test.size()];
        double se = 0;
        for (int i = 0; i < y.length; i++) {
            y[i] = test.rows().get(i).label().failsWithinHorizon();
            double d = p[i] - (y[i] ? 1 : 0);
            se += d * d;
        }
        double auc = PredictorEvaluation.auc(p, y);
        Map<String, Object> strict = gate(test, p, index, 0);
        Map<String, Object> oneAllowed = gate(test, p, index, 1);
        return new Result(
                c.name(),
                auc,
                se / y.length,
                (Integer) strict.get("slow"),
                (Integer) strict.get("slowWarned"),
                (Double) strict.get("medianLead"),
                (Double) strict.get("threshold"),
                (Integer) oneAllowed.get("slowWarned"),
                (Double) oneAllowed.get("medianLead"),
                (Double) oneAllowed.get("threshold"),
                trainNanos / 1e9,
                predictNanos / 1e3 / test.size());
    }

    /**
     * The lowest threshold at which at most {@code allowed} healthy series would alarm through the
     * gate (2 h persistence), and at it, the slow faults warned 48 h ahead.
     */
    static Map<String, Object> gate(
            TrainingSet test, double[] p, Map<TrainingSet.Row, Integer> index, int allowed) {
        Duration persistence = Duration.ofHours(2);
        Map<String, List<TrainingSet.Row>> series = PredictorEvaluation.series(test);
        List<Double> healthyMax = new ArrayList<>();
        for (List<TrainingSet.Row> rows : series.values()) {
            List<Instant> times = new ArrayList<>();
            List<Double> ps = new ArrayList<>();
            for (TrainingSet.Row r : rows) {
                if (r.label().healthyNow()) {
                    times.add(r.at());
                    ps.add(p[index.get(r)]);
                }
            }
            if (!times.isEmpty()) {
                healthyMax.add(ValidationCalibration.maxPersisted(times, ps, persistence));
            }
        }
        healthyMax.sort(java.util.Comparator.reverseOrder());
        double threshold =
                healthyMax.size() > allowed ? Math.min(1.0, healthyMax.get(allowed) + 1e-6) : 0.0;
        int slow = 0;
        int slowWarned = 0;
        List<Double> leads = new ArrayList<>();
        for (List<TrainingSet.Row> rows : series.values()) {
            AlarmGate g = new AlarmGate(threshold, persistence);
            Instant onset = null;
            Instant failsAt = null;
            Instant first = null;
            for (TrainingSet.Row r : rows) {
                boolean alarmed = g.update(r.at(), p[index.get(r)]);
                if (r.label().timeToFailure().isPresent()) {
                    failsAt = r.at().plus(r.label().timeToFailure().get());
                }
                if (!r.label().healthyNow()) {
                    if (onset == null) {
                        onset = r.at();
                    }
                    if (alarmed && first == null) {
                        first = r.at();
                    }
                }
            }
            if (onset != null
                    && failsAt != null
                    && Duration.between(onset, failsAt).compareTo(Duration.ofDays(4)) >= 0) {
                slow++;
                if (first != null) {
                    double lead = Duration.between(first, failsAt).toMinutes() / 60.0;
                    leads.add(lead);
                    if (lead >= 48) {
                        slowWarned++;
                    }
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("threshold", threshold);
        m.put("slow", slow);
        m.put("slowWarned", slowWarned);
        m.put("medianLead", PredictorEvaluation.median(leads));
        return m;
    }

    static Example<Label> example(
            String label,
            String[] names,
            TrainingSet.Row r,
            int[] columns,
            double[] mean,
            double[] std) {
        double[] z = new double[columns.length];
        for (int k = 0; k < columns.length; k++) {
            z[k] = (r.feature(columns[k]) - mean[k]) / std[k];
        }
        return new ArrayExample<>(new Label(label), names, z);
    }
}
