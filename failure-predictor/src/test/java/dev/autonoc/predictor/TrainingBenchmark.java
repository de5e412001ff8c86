package dev.autonoc.predictor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How long {@link PredictorTrainer#train} takes on a million rows of twin telemetry (issue 4's
 * target: 60 s). Not a test: run by hand on files written by {@code ./autonoc model dataset}.
 *
 * <pre>
 * java -Xmx3g -cp ... dev.autonoc.predictor.TrainingBenchmark train.bin [more.bin ...] [--rows N] [--repeats K]
 * </pre>
 *
 * Whole runs are taken, in file order, until the rows reach {@code --rows} (default 1,000,000): the
 * trainer splits by run, so a run is never cut. Each repeat is the whole training as {@code model
 * train} runs it: scaling, subsampling, the failure and mode classifiers, the time-to-failure
 * trees, the threshold and the calibration on the validation runs. The first repeat includes the
 * JIT's warm-up.
 */
public final class TrainingBenchmark {

    private TrainingBenchmark() {}

    public static void main(String[] args) throws IOException {
        List<Path> files = new ArrayList<>();
        int rows = 1_000_000;
        int repeats = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                default -> files.add(Path.of(args[i]));
            }
        }
        if (files.isEmpty()) {
            System.err.println(
                    "usage: TrainingBenchmark FILE.bin [FILE.bin ...] [--rows N] [--repeats K]"
                            + " (files from ./autonoc model dataset)");
            System.exit(2);
        }
        long t0 = System.nanoTime();
        List<TrainingSet> sets = new ArrayList<>();
        for (Path f : files) {
            sets.add(TrainingSet.read(f));
        }
        TrainingSet all = TrainingSet.concat(sets);
        Set<Long> keep = new HashSet<>();
        long taken = 0;
        for (long run : all.runs()) {
            if (taken >= rows) {
                break;
            }
            keep.add(run);
            taken += all.rows().stream().filter(r -> r.run() == run).count();
        }
        TrainingSet set = all.runs(keep::contains);
        if (set.size() < rows) {
            System.err.printf(
                    Locale.ROOT, "only %,d rows in the files, fewer than %,d%n", set.size(), rows);
        }
        System.out.printf(
                Locale.ROOT,
                "%,d rows (%,d positive) from %d runs, read in %.1f s%n",
                set.size(),
                set.positives(),
                set.runs().size(),
                (System.nanoTime() - t0) / 1e9);
        for (int r = 1; r <= repeats; r++) {
            long start = System.nanoTime();
            ModelBundle bundle = PredictorTrainer.train(set, 42);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "repeat %d: trained %s in %.1f s (threshold %.2f)%n",
                    r,
                    bundle.version(),
                    seconds,
                    bundle.threshold());
        }
    }
}
