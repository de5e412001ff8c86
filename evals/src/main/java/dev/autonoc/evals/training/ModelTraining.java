package dev.autonoc.evals.training;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.predictor.Calibration;
import dev.autonoc.predictor.LatentOracle;
import dev.autonoc.predictor.ModelBundle;
import dev.autonoc.predictor.PredictorEvaluation;
import dev.autonoc.predictor.PredictorTrainer;
import dev.autonoc.predictor.TrainingSet;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.TwinSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * Trains, saves and evaluates the failure predictor on the twin. Training seeds start at {@link
 * #FIRST_TRAINING_SEED}, held-out evaluation seeds at {@link #FIRST_EVALUATION_SEED}: both far from
 * the small seeds the scenarios use, so no eval run is ever seen in training.
 */
public final class ModelTraining {

    public static final long FIRST_TRAINING_SEED = 1_000_000L;
    public static final long FIRST_EVALUATION_SEED = 2_000_000L;

    /**
     * Test seeds for {@code model evaluate}: seeds 2,000,000 to 2,000,099 picked the operating
     * threshold, so the figures reported against the oracle come from the seeds after them.
     */
    public static final long FIRST_TEST_SEED = 2_000_100L;

    public static final long DEFAULT_TRAINER_SEED = 42L;

    /** The predictor scores an element after 6 h of telemetry; the oracle's rows start then too. */
    private static final Duration ORACLE_FIRST_ROW = Duration.ofHours(6);

    private ModelTraining() {}

    /** {@code n} consecutive training seeds. */
    public static List<Long> trainingSeeds(int n) {
        return LongStream.range(FIRST_TRAINING_SEED, FIRST_TRAINING_SEED + n).boxed().toList();
    }

    /** {@code n} consecutive held-out seeds. */
    public static List<Long> evaluationSeeds(int n) {
        return LongStream.range(FIRST_EVALUATION_SEED, FIRST_EVALUATION_SEED + n).boxed().toList();
    }

    /** {@code n} consecutive test seeds, from {@link #FIRST_TEST_SEED}. */
    public static List<Long> testSeeds(int n) {
        return LongStream.range(FIRST_TEST_SEED, FIRST_TEST_SEED + n).boxed().toList();
    }

    /**
     * Fits the oracle on the ground truth of the seeds' runs: every element's label once an hour
     * (its latent level, the mode of its fault and whether it fails within the horizon). No
     * features are computed.
     */
    public static LatentOracle fitOracle(List<Long> seeds, TrainingDataGenerator.Settings data) {
        TrainingDataGenerator generator = new TrainingDataGenerator(data);
        List<TrainingSet.Label> labels = new ArrayList<>();
        for (long seed : seeds) {
            OperatorTwin twin = OperatorTwin.create(generator.spec(seed));
            TrainingDataGenerator.Labeller labeller =
                    new TrainingDataGenerator.Labeller(twin, data.horizon());
            List<ElementId> ids = twin.elements().stream().map(Element::id).toList();
            Instant end = OperatorTwin.EPOCH.plus(data.duration());
            // with nobody mending, the labels follow from the faults' schedule alone: no need to
            // step the twin through its telemetry
            for (Instant at = OperatorTwin.EPOCH.plus(ORACLE_FIRST_ROW);
                    at.isBefore(end);
                    at = at.plus(data.rowEvery())) {
                for (ElementId id : ids) {
                    labels.add(labeller.label(id, at));
                }
            }
        }
        return LatentOracle.fit(labels);
    }

    /**
     * The bundle's predictor and the oracle, run live side by side on the same twin runs and scored
     * on the same rows with the same metrics.
     *
     * @param model the predictor's figures, at the bundle's threshold (AUC, Brier and reliability
     *     of the probability it serves: calibrated when the bundle has a calibration)
     * @param oracle the oracle's figures at its own operating point ({@link
     *     LatentOracle#operatingThreshold()}: it alarms as soon as the level says more than health)
     * @param oracleAtModelThreshold the oracle's figures through the same gate at the model's
     *     threshold as a probability ({@link ModelBundle#calibratedThreshold()})
     * @param modelReliability the predictor's reliability curve (10 bins)
     * @param oracleReliability the oracle's
     * @param seeds the runs
     * @param modelScores the predictor's probability on every scored row
     * @param rawScores the failure model's raw score on the same rows (before calibration)
     * @param outcomes whether each row failed within the horizon
     * @param abstentions how often the predictor abstained on the same runs
     */
    public record Comparison(
            PredictorEvaluation model,
            PredictorEvaluation oracle,
            PredictorEvaluation oracleAtModelThreshold,
            List<PredictorEvaluation.ReliabilityBin> modelReliability,
            List<PredictorEvaluation.ReliabilityBin> oracleReliability,
            List<Long> seeds,
            double[] modelScores,
            double[] rawScores,
            boolean[] outcomes,
            Abstentions abstentions) {

        public Comparison {
            modelReliability = List.copyOf(modelReliability);
            oracleReliability = List.copyOf(oracleReliability);
            seeds = List.copyOf(seeds);
        }
    }

    /** Runs the bundle and the oracle live on each seed's twin and scores both. */
    public static Comparison compareWithOracle(
            ModelBundle bundle,
            LatentOracle oracle,
            List<Long> seeds,
            TrainingDataGenerator.Settings data) {
        PredictorEvaluation.Accumulator acc =
                new PredictorEvaluation.Accumulator(bundle.calibratedThreshold());
        PredictorEvaluation.Accumulator raw =
                new PredictorEvaluation.Accumulator(bundle.threshold());
        PredictorEvaluation.Accumulator own =
                new PredictorEvaluation.Accumulator(oracle.operatingThreshold());
        PredictorEvaluation.Accumulator atModel =
                new PredictorEvaluation.Accumulator(bundle.calibratedThreshold());
        TrainingDataGenerator generator = new TrainingDataGenerator(data);
        Abstentions abstentions = Abstentions.NONE;
        for (long seed : seeds) {
            List<LiveRun.OracleSide> sides =
                    List.of(
                            new LiveRun.OracleSide(
                                    oracle,
                                    oracle.live(oracle.operatingThreshold(), bundle.persistence()),
                                    own),
                            new LiveRun.OracleSide(
                                    oracle,
                                    oracle.live(bundle.calibratedThreshold(), bundle.persistence()),
                                    atModel));
            abstentions =
                    abstentions.plus(
                            LiveRun.run(
                                    bundle,
                                    generator.spec(seed),
                                    data.duration(),
                                    data.horizon(),
                                    acc,
                                    raw,
                                    sides,
                                    null));
        }
        return new Comparison(
                acc.build(),
                own.build(),
                atModel.build(),
                acc.reliability(10),
                own.reliability(10),
                seeds,
                acc.scores(),
                raw.scores(),
                acc.outcomes(),
                abstentions);
    }

    /**
     * The bundle's predictor live on the seeds' runs: every row's raw score (before any calibration
     * the bundle has) and outcome, for fitting a calibration on runs it was not trained on.
     */
    public static PredictorEvaluation.Accumulator liveScores(
            ModelBundle bundle, List<Long> seeds, TrainingDataGenerator.Settings data) {
        return liveRows(bundle, seeds, data).scores();
    }

    /**
     * What a live run on calibration seeds gives to calibrate on: every row's raw score and
     * outcome, and per mode the residuals {@code log(estimate / truth)} of the time to failure the
     * bundle stated for its warned faults, hourly from each one's first alarm over {@link
     * #TTF_CALIBRATION_WINDOW}: the estimates a case is planned on.
     */
    record LiveRows(
            PredictorEvaluation.Accumulator scores, Map<FailureMode, List<Double>> ttfResiduals) {}

    /** After a fault's first alarm, the hours whose estimates calibrate the interval. */
    static final Duration TTF_CALIBRATION_WINDOW = Duration.ofHours(1);

    static LiveRows liveRows(
            ModelBundle bundle, List<Long> seeds, TrainingDataGenerator.Settings data) {
        ModelBundle raw = bundle.withoutCalibration();
        PredictorEvaluation.Accumulator acc = new PredictorEvaluation.Accumulator(raw.threshold());
        Map<FailureMode, List<Double>> residuals = new EnumMap<>(FailureMode.class);
        TrainingDataGenerator generator = new TrainingDataGenerator(data);
        for (long seed : seeds) {
            LiveRun.run(
                    raw,
                    generator.spec(seed),
                    data.duration(),
                    data.horizon(),
                    acc,
                    null,
                    List.of(),
                    residuals);
        }
        return new LiveRows(acc, residuals);
    }

    /**
     * Fits Platt scaling on the bundle's raw scores, live on the calibration seeds' runs (which it
     * was not trained on), and refits each mode's time-to-failure interval on the estimates it
     * stated there after each first alarm; returns the bundle with both: the probabilities it
     * serves then mean what they say, and its intervals hold what they say. A new version; the
     * alarms stay those of the raw threshold.
     */
    public static ModelBundle calibrate(
            ModelBundle bundle, List<Long> seeds, TrainingDataGenerator.Settings data) {
        LiveRows live = liveRows(bundle, seeds, data);
        PredictorEvaluation.Accumulator rows = live.scores();
        Calibration platt =
                Calibration.fit(Calibration.Method.PLATT, rows.scores(), rows.outcomes());
        Map<String, Object> fittedOn = new LinkedHashMap<>();
        fittedOn.put("fitted_on", "live scores of held-out calibration runs");
        fittedOn.put("fitted_on_seeds", seeds);
        PredictorEvaluation.Accumulator calibrated =
                new PredictorEvaluation.Accumulator(platt.apply(bundle.threshold()));
        double[] scores = rows.scores();
        boolean[] outcomes = rows.outcomes();
        for (int i = 0; i < scores.length; i++) {
            calibrated.score(platt.apply(scores[i]), outcomes[i]);
        }
        fittedOn.put("brier_raw_on_fit_rows", ModelReport.round(rows.build().brier()));
        fittedOn.put("brier_calibrated_on_fit_rows", ModelReport.round(calibrated.build().brier()));
        Map<FailureMode, double[]> residuals = new EnumMap<>(FailureMode.class);
        Map<String, Object> ttfFittedOn = new LinkedHashMap<>();
        ttfFittedOn.put(
                "fitted_on",
                "log(estimate / truth) hourly over the "
                        + TTF_CALIBRATION_WINDOW.toHours()
                        + " h after each warned fault's first alarm, live on the calibration runs");
        ttfFittedOn.put("fitted_on_seeds", seeds);
        Map<String, Object> counts = new LinkedHashMap<>();
        live.ttfResiduals()
                .forEach(
                        (mode, list) -> {
                            residuals.put(
                                    mode, list.stream().mapToDouble(Double::doubleValue).toArray());
                            counts.put(mode.name(), list.size());
                        });
        ttfFittedOn.put("residuals_per_mode", counts);
        return bundle.withoutCalibration()
                .withCalibration(platt, fittedOn)
                .withTimeToFailureCalibration(residuals, ttfFittedOn);
    }

    /**
     * One operating point of a sweep: the raw-score threshold, the same as a probability, and the
     * live figures there.
     */
    public record SweepPoint(double threshold, double probability, PredictorEvaluation figures) {}

    /**
     * The bundle run live on the seeds' runs at each threshold (its persistence kept): how the
     * operating point trades false alarms (overall and beside an outage) against early warnings.
     * Run it on calibration seeds, never on the test seeds the figures are reported on.
     */
    public static List<SweepPoint> sweep(
            ModelBundle bundle,
            List<Double> thresholds,
            List<Long> seeds,
            TrainingDataGenerator.Settings data) {
        List<SweepPoint> out = new ArrayList<>();
        for (double t : thresholds) {
            ModelBundle at = bundle.withOperatingPoint(t, bundle.persistence());
            out.add(new SweepPoint(t, at.calibratedThreshold(), evaluate(at, seeds, data)));
        }
        return out;
    }

    /**
     * The bundle at another raw-score threshold (its persistence kept), the choice recorded in its
     * figures under {@code operating_point}: a new version.
     */
    public static ModelBundle withOperatingPoint(ModelBundle bundle, double threshold) {
        ModelBundle at = bundle.withOperatingPoint(threshold, bundle.persistence());
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("threshold", threshold);
        point.put(
                "set_by", "autonoc model calibrate --threshold (chosen with autonoc model sweep)");
        point.put("threshold_before", bundle.threshold());
        point.put("persistence_minutes", bundle.persistence().toMinutes());
        Map<String, Object> figures = new LinkedHashMap<>(at.evaluation());
        figures.put("operating_point", point);
        return at.withEvaluation(figures);
    }

    /** {@code n} consecutive calibration seeds, from {@link #FIRST_EVALUATION_SEED}. */
    public static List<Long> calibrationSeeds(int n) {
        if (n > FIRST_TEST_SEED - FIRST_EVALUATION_SEED) {
            throw new IllegalArgumentException(
                    "at most "
                            + (FIRST_TEST_SEED - FIRST_EVALUATION_SEED)
                            + " calibration seeds: the test seeds follow them");
        }
        return evaluationSeeds(n);
    }

    /**
     * Trains on the seeds' runs with the default settings and saves the bundle to {@code outDir}.
     */
    public static ModelBundle trainAndSave(Path outDir, List<Long> seeds) throws IOException {
        return trainAndSave(outDir, seeds, TrainingDataGenerator.Settings.defaults());
    }

    /**
     * The runs a bundle was trained on, as settings for more of the same kind: the defaults with
     * the share of sped-up faults its {@code model.json} records (0 for a bundle trained before it
     * was recorded, when every run was at a steady pace). Calibration fits on such runs, so that
     * its probabilities and intervals hold in the world the model was made for.
     */
    public static TrainingDataGenerator.Settings dataOf(ModelBundle bundle) {
        Object share = bundle.training().get("speedup_share");
        return TrainingDataGenerator.Settings.defaults()
                .withSpeedupShare(share instanceof Number n ? n.doubleValue() : 0.0);
    }

    /** Trains on the seeds' runs made with {@code data} and saves the bundle to {@code outDir}. */
    public static ModelBundle trainAndSave(
            Path outDir, List<Long> seeds, TrainingDataGenerator.Settings data) throws IOException {
        return trainAndSave(
                outDir, seeds, DEFAULT_TRAINER_SEED, data, PredictorTrainer.Settings.defaults());
    }

    public static ModelBundle trainAndSave(
            Path outDir,
            List<Long> seeds,
            long trainerSeed,
            TrainingDataGenerator.Settings data,
            PredictorTrainer.Settings trainer)
            throws IOException {
        TrainingSet set = new TrainingDataGenerator(data).generate(seeds);
        // the share of sped-up faults is a property of the runs, not of the trainer: recorded so
        // that model.json says which runs to make again to rebuild the model
        ModelBundle bundle =
                PredictorTrainer.train(set, trainerSeed, trainer)
                        .withTrainingData(Map.of("speedup_share", data.speedupShare()));
        bundle.save(outDir);
        return bundle;
    }

    /**
     * Runs the bundle's predictor live on each seed's twin, as the agent would: every sample
     * observed, {@code atRisk} asked every tick. A fault counts as warned from its first alarm
     * after its onset; an alarm on an element with no fault started is false.
     */
    public static PredictorEvaluation evaluate(
            ModelBundle bundle, List<Long> seeds, TrainingDataGenerator.Settings data) {
        PredictorEvaluation.Accumulator acc =
                new PredictorEvaluation.Accumulator(bundle.calibratedThreshold());
        TrainingDataGenerator generator = new TrainingDataGenerator(data);
        for (long seed : seeds) {
            evaluateRun(bundle, generator.spec(seed), data.duration(), data.horizon(), acc);
        }
        return acc.build();
    }

    /** Evaluates the bundle on one twin run of any spec (a scenario's, say). */
    public static void evaluateRun(
            ModelBundle bundle,
            TwinSpec spec,
            Duration duration,
            Duration horizon,
            PredictorEvaluation.Accumulator acc) {
        LiveRun.run(bundle, spec, duration, horizon, acc, null, List.of(), null);
    }

    /**
     * The bundle with its live evaluation on held-out runs recorded in its figures, under {@code
     * held_out}: the seeds, then the figures (the version does not change).
     */
    public static ModelBundle withHeldOut(
            ModelBundle bundle, List<Long> seeds, PredictorEvaluation eval) {
        Map<String, Object> heldOut = new LinkedHashMap<>();
        heldOut.put("seeds", seeds);
        heldOut.put("figures", eval.figures());
        Map<String, Object> figures = new LinkedHashMap<>(bundle.evaluation());
        figures.put("held_out", heldOut);
        return bundle.withEvaluation(figures);
    }

    /**
     * Trains on training seeds, evaluates live on held-out seeds, saves the bundle with the
     * held-out figures. Arguments: {@code outDir [trainingRuns] [evaluationRuns]}.
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "target/model");
        int trainRuns = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int evalRuns = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        TrainingDataGenerator.Settings data = TrainingDataGenerator.Settings.defaults();
        TrainingSet set = new TrainingDataGenerator(data).generate(trainingSeeds(trainRuns));
        System.out.printf(
                "training rows %d (%d positive) from %d runs%n",
                set.size(), set.positives(), trainRuns);
        ModelBundle bundle = PredictorTrainer.train(set, DEFAULT_TRAINER_SEED);
        System.out.println("validation: " + bundle.evaluation());
        PredictorEvaluation eval = evaluate(bundle, evaluationSeeds(evalRuns), data);
        System.out.println("held-out seeds, live:\n" + eval.summary());
        bundle = withHeldOut(bundle, evaluationSeeds(evalRuns), eval);
        bundle.save(out);
        System.out.println("saved " + bundle.version() + " to " + out.toAbsolutePath());
    }
}
