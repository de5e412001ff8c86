package dev.autonoc.evals.training;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.predictor.ModelBundle;
import dev.autonoc.predictor.PredictorEvaluation;
import dev.autonoc.predictor.PredictorTrainer;
import dev.autonoc.predictor.TrainingSet;
import dev.autonoc.predictor.TribuoFailurePredictor;
import dev.autonoc.simulators.FaultTruth;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.TwinListener;
import dev.autonoc.simulators.TwinSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * Trains, saves and evaluates the failure predictor on the twin. Training seeds start at {@link
 * #FIRST_TRAINING_SEED}, held-out evaluation seeds at {@link #FIRST_EVALUATION_SEED}: both far from
 * the small seeds the scenarios use, so no eval run is ever seen in training.
 */
public final class ModelTraining {

    public static final long FIRST_TRAINING_SEED = 1_000_000L;
    public static final long FIRST_EVALUATION_SEED = 2_000_000L;
    public static final long DEFAULT_TRAINER_SEED = 42L;

    // -Dautonoc.training.logFalseAlarms=true prints each false alarm with its evidence
    private static final boolean LOG_FALSE_ALARMS =
            Boolean.getBoolean("autonoc.training.logFalseAlarms");

    private ModelTraining() {}

    /** {@code n} consecutive training seeds. */
    public static List<Long> trainingSeeds(int n) {
        return LongStream.range(FIRST_TRAINING_SEED, FIRST_TRAINING_SEED + n).boxed().toList();
    }

    /** {@code n} consecutive held-out seeds. */
    public static List<Long> evaluationSeeds(int n) {
        return LongStream.range(FIRST_EVALUATION_SEED, FIRST_EVALUATION_SEED + n).boxed().toList();
    }

    /**
     * Trains on the seeds' runs with the default settings and saves the bundle to {@code outDir}.
     */
    public static ModelBundle trainAndSave(Path outDir, List<Long> seeds) throws IOException {
        return trainAndSave(
                outDir,
                seeds,
                DEFAULT_TRAINER_SEED,
                TrainingDataGenerator.Settings.defaults(),
                PredictorTrainer.Settings.defaults());
    }

    public static ModelBundle trainAndSave(
            Path outDir,
            List<Long> seeds,
            long trainerSeed,
            TrainingDataGenerator.Settings data,
            PredictorTrainer.Settings trainer)
            throws IOException {
        TrainingSet set = new TrainingDataGenerator(data).generate(seeds);
        ModelBundle bundle = PredictorTrainer.train(set, trainerSeed, trainer);
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
                new PredictorEvaluation.Accumulator(bundle.threshold());
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
        OperatorTwin twin = OperatorTwin.create(spec);
        List<Element> elements = twin.elements();
        TribuoFailurePredictor predictor = new TribuoFailurePredictor(elements, bundle);
        TrainingDataGenerator.Labeller labeller = new TrainingDataGenerator.Labeller(twin, horizon);
        LiveScorer scorer = new LiveScorer(predictor, labeller, acc);
        twin.advanceTo(OperatorTwin.EPOCH.plus(duration), scorer);
        scorer.endOfTick();
        for (FaultTruth f : labeller.faults().values()) {
            if (f.onset().isBefore(OperatorTwin.EPOCH.plus(duration))) {
                Instant first = scorer.firstAlarm.get(f.element());
                acc.fault(
                        f.onset(),
                        f.failsAt(),
                        Optional.ofNullable(first),
                        Optional.ofNullable(scorer.estimateAtFirstAlarm.get(f.element())));
            }
        }
    }

    /** Feeds the predictor, asks it every tick, and counts what it says against the truth. */
    private static final class LiveScorer implements TwinListener {
        private final TribuoFailurePredictor predictor;
        private final TrainingDataGenerator.Labeller labeller;
        private final PredictorEvaluation.Accumulator acc;
        private final Map<ElementId, Instant> firstAlarm = new HashMap<>();
        private final Map<ElementId, Duration> estimateAtFirstAlarm = new HashMap<>();
        private final List<ElementId> tick = new ArrayList<>();
        private Set<ElementId> alarmedBefore = Set.of();
        private Instant current;
        private Instant previous;
        private Instant nextScoreRow = OperatorTwin.EPOCH;

        LiveScorer(
                TribuoFailurePredictor predictor,
                TrainingDataGenerator.Labeller labeller,
                PredictorEvaluation.Accumulator acc) {
            this.predictor = predictor;
            this.labeller = labeller;
            this.acc = acc;
        }

        @Override
        public void onTelemetry(TelemetrySample sample) {
            if (current != null && !sample.at().equals(current)) {
                endOfTick();
            }
            current = sample.at();
            predictor.observe(sample);
            tick.add(sample.element());
        }

        @Override
        public void onAlarm(Alarm alarm) {
            predictor.observe(alarm);
        }

        void endOfTick() {
            if (current == null) {
                return;
            }
            List<Prediction> atRisk = predictor.atRisk(current);
            Set<ElementId> alarmed = new HashSet<>();
            for (Prediction p : atRisk) {
                alarmed.add(p.element());
                TrainingSet.Label label = labeller.label(p.element(), current);
                if (label.healthyNow()) {
                    if (!alarmedBefore.contains(p.element())) {
                        acc.falseAlarm();
                        if (LOG_FALSE_ALARMS) {
                            System.err.println("false alarm: " + p);
                        }
                    }
                } else if (!firstAlarm.containsKey(p.element())) {
                    firstAlarm.put(p.element(), current);
                    estimateAtFirstAlarm.put(p.element(), p.timeToFailure());
                }
            }
            alarmedBefore = alarmed;
            Duration dt = previous == null ? Duration.ZERO : Duration.between(previous, current);
            boolean scoreRow = !current.isBefore(nextScoreRow);
            for (ElementId id : tick) {
                TrainingSet.Label label = labeller.label(id, current);
                if (label.healthyNow()) {
                    acc.healthyTime(dt);
                }
                if (scoreRow) {
                    Optional<Double> p = predictor.probability(id);
                    p.ifPresent(v -> acc.score(v, label.failsWithinHorizon()));
                }
            }
            if (scoreRow) {
                nextScoreRow = current.plus(Duration.ofHours(1));
            }
            tick.clear();
            previous = current;
        }
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
        Map<String, Object> figures = new LinkedHashMap<>(bundle.evaluation());
        figures.put(
                "held_out", Map.of("seeds", evaluationSeeds(evalRuns), "figures", eval.figures()));
        bundle = bundle.withEvaluation(figures);
        bundle.save(out);
        System.out.println("saved " + bundle.version() + " to " + out.toAbsolutePath());
    }
}
