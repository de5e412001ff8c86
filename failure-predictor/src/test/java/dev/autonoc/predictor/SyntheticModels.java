package dev.autonoc.predictor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One model trained on synthetic runs, shared by the tests of a JVM (training takes seconds). */
final class SyntheticModels {

    static final Duration HORIZON = Duration.ofHours(48);
    static final Duration DURATION = Duration.ofDays(10);
    static final Duration ROW_EVERY = Duration.ofHours(1);
    static final long TRAINER_SEED = 42;

    private static ModelBundle bundle;
    private static TrainingSet heldOut;

    private SyntheticModels() {}

    static synchronized ModelBundle bundle() {
        if (bundle == null) {
            bundle = PredictorTrainer.train(set(1_000_000L, 10), TRAINER_SEED);
        }
        return bundle;
    }

    /** Runs the trainer never saw. */
    static synchronized TrainingSet heldOut() {
        if (heldOut == null) {
            heldOut = set(2_000_000L, 4);
        }
        return heldOut;
    }

    static TrainingSet set(long firstSeed, int runs) {
        TrainingSet.Builder builder = TrainingSet.builder(HORIZON);
        for (long seed = firstSeed; seed < firstSeed + runs; seed++) {
            SyntheticOperator.random(seed, 6, DURATION).record(builder, DURATION, ROW_EVERY);
        }
        return builder.build();
    }

    static List<Long> seeds(long first, int n) {
        List<Long> out = new ArrayList<>();
        for (long s = first; s < first + n; s++) {
            out.add(s);
        }
        return out;
    }
}
