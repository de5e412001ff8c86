package dev.autonoc.evals.cli;

import dev.autonoc.evals.training.ModelTraining;
import dev.autonoc.evals.training.TrainingDataGenerator;
import dev.autonoc.predictor.ModelBundle;
import dev.autonoc.predictor.PredictorEvaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "model",
        mixinStandardHelpOptions = true,
        description = "Works with the failure-prediction model.",
        subcommands = {ModelCommand.Train.class})
final class ModelCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
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
            stdout.printf("training on %d simulated runs ...%n", seeds);
            stdout.flush();
            ModelBundle bundle =
                    ModelTraining.trainAndSave(out, ModelTraining.trainingSeeds(seeds));
            stdout.println("validation: " + bundle.evaluation());
            if (evalSeeds > 0) {
                stdout.printf("evaluating live on %d held-out runs ...%n", evalSeeds);
                stdout.flush();
                PredictorEvaluation eval =
                        ModelTraining.evaluate(
                                bundle,
                                ModelTraining.evaluationSeeds(evalSeeds),
                                TrainingDataGenerator.Settings.defaults());
                stdout.println(eval.summary());
                Map<String, Object> figures = new LinkedHashMap<>(bundle.evaluation());
                figures.put(
                        "held_out",
                        Map.of(
                                "seeds",
                                ModelTraining.evaluationSeeds(evalSeeds),
                                "figures",
                                eval.figures()));
                bundle = bundle.withEvaluation(figures);
                bundle.save(out);
            }
            stdout.println("saved " + bundle.version() + " to " + out.toAbsolutePath());
            return 0;
        }
    }
}
