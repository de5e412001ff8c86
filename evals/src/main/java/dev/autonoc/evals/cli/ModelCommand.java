package dev.autonoc.evals.cli;

import dev.autonoc.evals.training.DriftScenario;
import dev.autonoc.evals.training.ModelTraining;
import dev.autonoc.evals.training.TrainingDataGenerator;
import dev.autonoc.predictor.Calibration;
import dev.autonoc.predictor.ModelBundle;
import dev.autonoc.predictor.PredictorEvaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "model",
        mixinStandardHelpOptions = true,
        description = "Works with the failure-prediction model.",
        subcommands = {
            ModelCommand.Train.class,
            ModelCommand.Calibrate.class,
            ModelEvaluate.class,
            ModelCommand.Dataset.class,
            ModelCommand.Drift.class,
            ModelSweep.class
        })
final class ModelCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The {@code --model} option of the commands that work on a saved bundle. */
    static final class SavedBundle {

        @Option(
                names = "--model",
                paramLabel = "DIR",
                description = "A saved bundle's folder (default: the checked-in default model).")
        Path model;

        /** The bundle in {@code --model}'s folder, or the checked-in default model. */
        ModelBundle load() throws IOException {
            if (model == null) {
                return ModelBundle.loadDefault();
            }
            try {
                return ModelBundle.load(model);
            } catch (IOException | RuntimeException e) {
                // a corrupt model.json is a parser's RuntimeException: name the option and folder
                throw new IOException(unloadable(model, e), e);
            }
        }
    }

    /** One line saying that {@code dir} holds no loadable bundle, why, and what is accepted. */
    static String unloadable(Path dir, Exception e) {
        String why =
                e.getMessage() == null
                        ? e.toString()
                        : e.getMessage().lines().findFirst().orElse("");
        return "--model "
                + dir
                + " is not a loadable model bundle ("
                + why.strip()
                + "); expected a folder saved by `autonoc model train`";
    }

    /**
     * Whether {@code out} is an existing file where a folder is wanted, said on {@code err}:
     * checked before the work, so that none is lost to a failed save.
     */
    static boolean outIsAFile(Path out, String command, PrintWriter err) {
        if (java.nio.file.Files.exists(out) && !java.nio.file.Files.isDirectory(out)) {
            err.println(
                    "autonoc model "
                            + command
                            + ": --out "
                            + out
                            + " is a file; expected a folder (created if absent)");
            return true;
        }
        return false;
    }

    /** Whether {@code --speedup-share} is outside 0 to 1: if so, says so on {@code err}. */
    static boolean shareIsNotAChance(double share, String command, PrintWriter err) {
        if (share >= 0.0 && share <= 1.0) {
            return false;
        }
        err.println(
                "autonoc model "
                        + command
                        + ": --speedup-share "
                        + share
                        + " is not a chance; it must be from 0 to 1");
        return true;
    }

    /**
     * Evaluates the bundle live on held-out runs, prints the figures and returns the bundle with
     * them recorded ({@link ModelTraining#withHeldOut}).
     */
    private static ModelBundle evaluatedLive(
            ModelBundle bundle, List<Long> seeds, String runs, PrintWriter stdout) {
        stdout.printf("evaluating live on %d %s ...%n", seeds.size(), runs);
        stdout.flush();
        PredictorEvaluation eval =
                ModelTraining.evaluate(bundle, seeds, ModelTraining.dataOf(bundle));
        stdout.println(eval.summary());
        return ModelTraining.withHeldOut(bundle, seeds, eval);
    }

    @Command(
            name = "train",
            mixinStandardHelpOptions = true,
            description = {
                "Trains the failure predictor on simulated runs, evaluates it live on held-out runs,"
                        + " and saves the model bundle (model files and model.json with provenance and"
                        + " figures).",
                "Training and held-out seeds are far from the scenarios' seeds, so no eval run is seen"
                        + " in training."
            })
    static final class Train implements Callable<Integer> {

        @Spec CommandSpec spec;

        @Option(
                names = "--seeds",
                defaultValue = "24",
                paramLabel = "N",
                description = "Simulated runs to train on (default: ${DEFAULT-VALUE}).")
        int seeds;

        @Option(
                names = "--eval-seeds",
                defaultValue = "8",
                paramLabel = "N",
                description =
                        "Held-out runs to evaluate on; 0 skips it (default: ${DEFAULT-VALUE}).")
        int evalSeeds;

        @Option(
                names = "--speedup-share",
                defaultValue = "0",
                paramLabel = "P",
                description =
                        "The chance, 0 to 1, that a training run's fault speeds up 2-4x part-way, as"
                                + " about one generated scenario fault in five does; the checked-in"
                                + " model was trained at 0.2 (default: ${DEFAULT-VALUE}, a steady"
                                + " pace).")
        double speedupShare;

        @Option(
                names = "--out",
                defaultValue = "target/model",
                paramLabel = "DIR",
                description = "Folder for the bundle (default: ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public Integer call() throws IOException {
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter stderr = spec.commandLine().getErr();
            if (seeds < 1 || evalSeeds < 0) {
                stderr.println(
                        "autonoc model train: --seeds must be at least 1 and --eval-seeds at least 0");
                return AutonocCli.BAD_INPUT;
            }
            if (shareIsNotAChance(speedupShare, "train", stderr)) {
                return AutonocCli.BAD_INPUT;
            }
            if (outIsAFile(out, "train", stderr)) {
                return AutonocCli.BAD_INPUT;
            }
            stdout.printf("training on %d simulated runs ...%n", seeds);
            stdout.flush();
            ModelBundle bundle =
                    ModelTraining.trainAndSave(
                            out,
                            ModelTraining.trainingSeeds(seeds),
                            TrainingDataGenerator.Settings.defaults()
                                    .withSpeedupShare(speedupShare));
            stdout.println("validation: " + bundle.evaluation());
            if (evalSeeds > 0) {
                bundle =
                        evaluatedLive(
                                bundle,
                                ModelTraining.evaluationSeeds(evalSeeds),
                                "held-out runs",
                                stdout);
                bundle.save(out);
            }
            stdout.println("saved " + bundle.version() + " to " + out.toAbsolutePath());
            return 0;
        }
    }

    @Command(
            name = "calibrate",
            mixinStandardHelpOptions = true,
            description = {
                "Fits Platt scaling to a model's raw scores and refits each failure mode's"
                        + " time-to-failure interval on the estimates it states after each first"
                        + " alarm, live on calibration runs (seeds from 2,000,000, never trained on);"
                        + " stores both in the bundle (a new version) and evaluates the calibrated"
                        + " bundle live on the held-out test runs (from seed 2,000,100), recording the"
                        + " figures in model.json.",
                "The probabilities it serves then mean what they say, and its 80 %% intervals hold"
                        + " about 80 %% of the failures; its alarms do not change (the gate keeps the"
                        + " raw threshold, which calibration maps one to one)."
            })
    static final class Calibrate implements Callable<Integer> {

        @Spec CommandSpec spec;

        @Mixin SavedBundle bundleOption;

        @Option(
                names = "--seeds",
                defaultValue = "8",
                paramLabel = "N",
                description = "Calibration runs, from seed 2,000,000 (default: ${DEFAULT-VALUE}).")
        int seeds;

        @Option(
                names = "--test-seeds",
                defaultValue = "8",
                paramLabel = "N",
                description =
                        "Held-out runs to evaluate the calibrated bundle on, from seed 2,000,100; 0"
                                + " skips it (default: ${DEFAULT-VALUE}).")
        int testSeeds;

        @Option(
                names = "--out",
                required = true,
                paramLabel = "DIR",
                description = "Folder for the calibrated bundle.")
        Path out;

        @Option(
                names = "--threshold",
                paramLabel = "T",
                description =
                        "Set the operating threshold (a raw score, above 0 and below 1; see `model"
                                + " sweep`) before calibrating: the intervals are fitted on the first"
                                + " alarms it raises (default: the bundle's own).")
        Double threshold;

        @Override
        public Integer call() throws IOException {
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter stderr = spec.commandLine().getErr();
            if (seeds < 1 || seeds > 100 || testSeeds < 0) {
                stderr.println(
                        "autonoc model calibrate: --seeds must be 1 to 100 (the test seeds follow"
                                + " them), --test-seeds at least 0");
                return AutonocCli.BAD_INPUT;
            }
            if (threshold != null && !(threshold > 0.0 && threshold < 1.0)) {
                stderr.println(
                        "autonoc model calibrate: --threshold "
                                + threshold
                                + " is not a raw score; it must be above 0 and below 1");
                return AutonocCli.BAD_INPUT;
            }
            if (outIsAFile(out, "calibrate", stderr)) {
                return AutonocCli.BAD_INPUT;
            }
            ModelBundle bundle = bundleOption.load();
            if (threshold != null) {
                bundle = ModelTraining.withOperatingPoint(bundle, threshold);
            }
            TrainingDataGenerator.Settings data = ModelTraining.dataOf(bundle);
            stdout.printf(
                    "fitting Platt scaling to %s on %d calibration runs ...%n",
                    bundle.version(), seeds);
            stdout.flush();
            ModelBundle calibrated =
                    ModelTraining.calibrate(bundle, ModelTraining.calibrationSeeds(seeds), data);
            Calibration c = calibrated.calibration().orElseThrow();
            stdout.printf(
                    java.util.Locale.ROOT,
                    "Platt slope %.4f, intercept %.4f on %d rows; threshold %.2f is probability %.4f%n",
                    c.slope(),
                    c.intercept(),
                    c.fittedRows(),
                    calibrated.threshold(),
                    calibrated.calibratedThreshold());
            stdout.println("time-to-failure intervals: " + calibrated.timeToFailureIntervals());
            if (testSeeds > 0) {
                calibrated =
                        evaluatedLive(
                                calibrated,
                                ModelTraining.testSeeds(testSeeds),
                                "held-out test runs",
                                stdout);
            }
            calibrated.save(out);
            stdout.println("saved " + calibrated.version() + " to " + out.toAbsolutePath());
            return 0;
        }
    }

    @Command(
            name = "dataset",
            mixinStandardHelpOptions = true,
            description = {
                "Writes labelled feature rows of training runs (from seed 1,000,000) and of held-out"
                        + " test runs (from seed 2,000,100) to train.bin and test.bin, for the"
                        + " classifier comparison (see docs/predictor.md)."
            })
    static final class Dataset implements Callable<Integer> {

        @Spec CommandSpec spec;

        @Option(
                names = "--seeds",
                defaultValue = "24",
                paramLabel = "N",
                description = "Training runs (default: ${DEFAULT-VALUE}).")
        int seeds;

        @Option(
                names = "--test-seeds",
                defaultValue = "8",
                paramLabel = "N",
                description = "Held-out test runs (default: ${DEFAULT-VALUE}).")
        int testSeeds;

        @Option(
                names = "--out",
                defaultValue = "target/dataset",
                paramLabel = "DIR",
                description = "Folder for train.bin and test.bin (default: ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public Integer call() throws IOException {
            PrintWriter stdout = spec.commandLine().getOut();
            if (seeds < 1 || testSeeds < 1) {
                spec.commandLine()
                        .getErr()
                        .println(
                                "autonoc model dataset: --seeds and --test-seeds must be at least 1");
                return AutonocCli.BAD_INPUT;
            }
            if (outIsAFile(out, "dataset", spec.commandLine().getErr())) {
                return AutonocCli.BAD_INPUT;
            }
            java.nio.file.Files.createDirectories(out);
            TrainingDataGenerator generator =
                    new TrainingDataGenerator(TrainingDataGenerator.Settings.defaults());
            dev.autonoc.predictor.TrainingSet train =
                    generator.generate(ModelTraining.trainingSeeds(seeds));
            train.write(out.resolve("train.bin"));
            stdout.printf("train.bin: %d rows (%d positive)%n", train.size(), train.positives());
            dev.autonoc.predictor.TrainingSet test =
                    generator.generate(ModelTraining.testSeeds(testSeeds));
            test.write(out.resolve("test.bin"));
            stdout.printf("test.bin: %d rows (%d positive)%n", test.size(), test.positives());
            stdout.println("wrote " + out.toAbsolutePath());
            return 0;
        }
    }

    @Command(
            name = "drift",
            mixinStandardHelpOptions = true,
            description = {
                "Compares the feature distributions of held-out runs (from seed 2,000,100) with those"
                        + " of training runs (from seed 1,000,000), feature by feature (population"
                        + " stability index), and says whether the model still fits; --recalibrate"
                        + " shows what a recalibrated sensor looks like."
            })
    static final class Drift implements Callable<Integer> {

        @Spec CommandSpec spec;

        @Option(
                names = "--seeds",
                defaultValue = "8",
                paramLabel = "N",
                description = "Training runs for the reference (default: ${DEFAULT-VALUE}).")
        int seeds;

        @Option(
                names = "--live-seeds",
                defaultValue = "4",
                paramLabel = "N",
                description = "Held-out runs to check (default: ${DEFAULT-VALUE}).")
        int liveSeeds;

        @Option(
                names = "--recalibrate",
                paramLabel = "METRIC:OFFSET",
                description =
                        "Read METRIC with OFFSET added on every other element from day 3,"
                                + " e.g. temperature_c:4.")
        String recalibrate;

        @Override
        public Integer call() {
            PrintWriter stdout = spec.commandLine().getOut();
            if (seeds < 1 || liveSeeds < 1) {
                spec.commandLine()
                        .getErr()
                        .println(
                                "autonoc model drift: --seeds and --live-seeds must be at least 1");
                return AutonocCli.BAD_INPUT;
            }
            Optional<DriftScenario.Recalibration> recal =
                    recalibrate == null
                            ? Optional.empty()
                            : Optional.of(DriftScenario.Recalibration.parse(recalibrate));
            TrainingDataGenerator.Settings data = TrainingDataGenerator.Settings.defaults();
            var reference = DriftScenario.reference(ModelTraining.trainingSeeds(seeds), data);
            var report =
                    DriftScenario.live(reference, ModelTraining.testSeeds(liveSeeds), data, recal);
            stdout.println(report.summary());
            report.worst().stream()
                    .limit(8)
                    .forEach(
                            f ->
                                    stdout.printf(
                                            java.util.Locale.ROOT,
                                            "  %-5s %-36s PSI %.3f%n",
                                            f.family(),
                                            f.feature(),
                                            f.psi()));
            return report.fits() ? 0 : AutonocCli.FAILED;
        }
    }
}
