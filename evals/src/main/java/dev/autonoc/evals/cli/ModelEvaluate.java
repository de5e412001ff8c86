package dev.autonoc.evals.cli;

import dev.autonoc.evals.training.BadDataStream;
import dev.autonoc.evals.training.BadDataTable;
import dev.autonoc.evals.training.CalibrationCheck;
import dev.autonoc.evals.training.ModelReport;
import dev.autonoc.evals.training.ModelTraining;
import dev.autonoc.evals.training.TrainingDataGenerator;
import dev.autonoc.predictor.LatentOracle;
import dev.autonoc.predictor.ModelBundle;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code autonoc model evaluate}: the bundle beside the oracle, clean and on bad data. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a model bundle live on held-out twin runs (seeds from 2,000,100; the seeds"
                    + " before them picked the threshold) beside the oracle, which reads each"
                    + " element's noise-free latent degradation level from the twin's ground truth"
                    + " but not its time to failure.",
            "Prints AUC, faults warned and their lead times, false alarms per 10,000 healthy"
                    + " element-days and Brier for both, and writes model-report.json and"
                    + " model-report.html (reliability curves, lead-time histogram) to --out."
        })
final class ModelEvaluate implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin ModelCommand.SavedBundle bundleOption;

    @Option(
            names = "--seeds",
            defaultValue = "8",
            paramLabel = "N",
            description = "Held-out runs, from seed 2,000,100 (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(
            names = "--oracle-seeds",
            defaultValue = "24",
            paramLabel = "N",
            description =
                    "Training runs (from seed 1,000,000) the oracle's level-to-probability map is"
                            + " fitted on (default: ${DEFAULT-VALUE}).")
    int oracleSeeds;

    @Option(
            names = "--calibration-seeds",
            defaultValue = "4",
            paramLabel = "N",
            description =
                    "Runs (from seed 2,000,000) to fit Platt and isotonic calibration on anew, to"
                            + " check the bundle's own; 0 skips it (default: ${DEFAULT-VALUE}).")
    int calibrationSeeds;

    @Option(
            names = "--bad-data",
            defaultValue = "all",
            split = ",",
            paramLabel = "KIND",
            description =
                    "Bad-data kinds to lay over the held-out runs, each in turn: all, none, or any"
                            + " of TELEMETRY_GAP, STUCK_SENSOR, SPIKES, LATE_SAMPLES, CLOCK_SKEW"
                            + " (default: ${DEFAULT-VALUE}).")
    List<String> badData;

    @Option(
            names = "--bad-data-seeds",
            paramLabel = "N",
            description =
                    "Held-out runs for the bad-data variants, the first N of --seeds (default:"
                            + " all of them).")
    Integer badDataSeeds;

    @Option(
            names = "--speedup-share",
            defaultValue = "0",
            paramLabel = "P",
            description =
                    "The chance, 0 to 1, that a held-out run's fault speeds up 2-4x part-way (the"
                            + " oracle's runs stay at a steady pace; default: ${DEFAULT-VALUE}).")
    double speedupShare;

    @Option(
            names = "--out",
            defaultValue = "target/model-report",
            paramLabel = "DIR",
            description = "Folder for model-report.json and .html (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (seeds < 1 || oracleSeeds < 1 || calibrationSeeds < 0 || calibrationSeeds > 100) {
            stderr.println(
                    "autonoc model evaluate: --seeds and --oracle-seeds must be at least 1,"
                            + " --calibration-seeds 0 to 100");
            return AutonocCli.BAD_INPUT;
        }
        if (badDataSeeds != null && (badDataSeeds < 1 || badDataSeeds > seeds)) {
            stderr.println(
                    "autonoc model evaluate: --bad-data-seeds "
                            + badDataSeeds
                            + " must be 1 to --seeds ("
                            + seeds
                            + ")");
            return AutonocCli.BAD_INPUT;
        }
        Optional<List<BadDataStream>> kinds = kinds(badData, stderr);
        if (kinds.isEmpty()) {
            return AutonocCli.BAD_INPUT;
        }
        if (ModelCommand.shareIsNotAChance(speedupShare, "evaluate", stderr)) {
            return AutonocCli.BAD_INPUT;
        }
        if (ModelCommand.outIsAFile(out, "evaluate", stderr)) {
            return AutonocCli.BAD_INPUT;
        }
        ModelBundle bundle = bundleOption.load();
        TrainingDataGenerator.Settings steady = TrainingDataGenerator.Settings.defaults();
        TrainingDataGenerator.Settings data = steady.withSpeedupShare(speedupShare);
        List<Long> fitSeeds = ModelTraining.trainingSeeds(oracleSeeds);
        // the oracle reads the level, not its pace: fitted on steady runs it stays the bound it is
        LatentOracle oracle = ModelTraining.fitOracle(fitSeeds, steady);
        stdout.printf(
                "evaluating %s and the oracle live on %d held-out runs ...%n",
                bundle.version(), seeds);
        stdout.flush();
        ModelTraining.Comparison comparison =
                ModelTraining.compareWithOracle(
                        bundle, oracle, ModelTraining.testSeeds(seeds), data);
        Optional<CalibrationCheck> calibration = Optional.empty();
        if (calibrationSeeds > 0) {
            List<Long> calSeeds = ModelTraining.calibrationSeeds(calibrationSeeds);
            stdout.printf("fitting calibration on %d runs ...%n", calibrationSeeds);
            stdout.flush();
            calibration =
                    Optional.of(
                            CalibrationCheck.of(
                                    bundle.calibration(),
                                    ModelTraining.liveScores(bundle, calSeeds, data),
                                    calSeeds,
                                    comparison));
        }
        Optional<BadDataTable> table = Optional.empty();
        if (!kinds.get().isEmpty()) {
            List<Long> badSeeds =
                    ModelTraining.testSeeds(badDataSeeds == null ? seeds : badDataSeeds);
            List<BadDataStream.Row> rows = new ArrayList<>();
            rows.add(
                    badSeeds.size() == seeds
                            ? BadDataStream.clean(comparison)
                            : BadDataStream.clean(bundle, badSeeds, data));
            for (BadDataStream kind : kinds.get()) {
                stdout.printf(
                        "evaluating %s on %d held-out runs with %s ...%n",
                        bundle.version(), badSeeds.size(), kind);
                stdout.flush();
                rows.add(kind.evaluate(bundle, badSeeds, data));
            }
            table = Optional.of(new BadDataTable(rows));
        }
        ModelReport report = new ModelReport(bundle, comparison, fitSeeds, calibration, table);
        stdout.print(report.text());
        report.write(out);
        stdout.println("wrote " + out.resolve("model-report.json").toAbsolutePath());
        stdout.println("wrote " + out.resolve("model-report.md").toAbsolutePath());
        stdout.println("wrote " + out.resolve("model-report.html").toAbsolutePath());
        return 0;
    }

    /**
     * The kinds named, in the order of {@link BadDataStream}; empty (said on {@code err}) when one
     * is not a kind.
     */
    static Optional<List<BadDataStream>> kinds(List<String> names, PrintWriter err) {
        if (names.size() == 1 && names.get(0).strip().equalsIgnoreCase("none")) {
            return Optional.of(List.of());
        }
        if (names.size() == 1 && names.get(0).strip().equalsIgnoreCase("all")) {
            return Optional.of(List.of(BadDataStream.values()));
        }
        List<BadDataStream> out = new ArrayList<>();
        for (String n : names) {
            Optional<BadDataStream> k = BadDataStream.fromName(n);
            if (k.isEmpty()) {
                err.println(
                        "autonoc model evaluate: --bad-data "
                                + n.strip()
                                + " is not a bad-data kind of the telemetry; expected all, none, or"
                                + " any of "
                                + Arrays.toString(BadDataStream.values())
                                + " (INVENTORY_DRIFT and STALE_STOCK do not reach the predictor)");
                return Optional.empty();
            }
            if (!out.contains(k.get())) {
                out.add(k.get());
            }
        }
        out.sort(null);
        return Optional.of(out);
    }
}
