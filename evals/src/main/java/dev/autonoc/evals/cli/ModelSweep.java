package dev.autonoc.evals.cli;

import dev.autonoc.evals.training.ModelTraining;
import dev.autonoc.evals.training.TrainingDataGenerator;
import dev.autonoc.predictor.ModelBundle;
import dev.autonoc.predictor.PredictorEvaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code autonoc model sweep}: how to choose the operating point. */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a model bundle live on calibration runs (seeds from 2,000,000, never trained"
                    + " on and not the test seeds) at each raw-score threshold given, and prints"
                    + " the false alarms (overall and beside an outage), the slow faults warned"
                    + " 48 h ahead and the median lead time at each: how to choose the operating"
                    + " point."
        })
final class ModelSweep implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin ModelCommand.SavedBundle bundleOption;

    @Option(
            names = "--seeds",
            defaultValue = "8",
            paramLabel = "N",
            description = "Calibration runs, from seed 2,000,000 (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(
            names = "--thresholds",
            defaultValue = "0.5,0.7,0.8,0.9,0.95",
            split = ",",
            paramLabel = "T",
            description =
                    "Raw-score thresholds, each above 0 and below 1 (default:"
                            + " ${DEFAULT-VALUE}).")
    List<Double> thresholds;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (seeds < 1 || seeds > 100) {
            stderr.println(
                    "autonoc model sweep: --seeds must be 1 to 100 (the test seeds follow the"
                            + " calibration seeds)");
            return AutonocCli.BAD_INPUT;
        }
        for (double t : thresholds) {
            if (!(t > 0.0 && t < 1.0)) {
                stderr.println(
                        "autonoc model sweep: --thresholds "
                                + t
                                + " is not a raw score; each must be above 0 and below 1");
                return AutonocCli.BAD_INPUT;
            }
        }
        ModelBundle bundle = bundleOption.load();
        stdout.printf(
                "sweeping %s over %d thresholds on %d calibration runs ...%n",
                bundle.version(), thresholds.size(), seeds);
        stdout.flush();
        List<ModelTraining.SweepPoint> points =
                ModelTraining.sweep(
                        bundle,
                        thresholds,
                        ModelTraining.calibrationSeeds(seeds),
                        TrainingDataGenerator.Settings.defaults());
        stdout.printf(
                "%-22s %-26s %-30s %-18s %s%n",
                "threshold (probability)",
                "false alarms (/10,000 d)",
                "beside an outage (/10,000 d)",
                "slow faults >= 48 h",
                "median lead, h");
        for (ModelTraining.SweepPoint p : points) {
            PredictorEvaluation e = p.figures();
            stdout.printf(
                    java.util.Locale.ROOT,
                    "%-22s %-26s %-30s %-18s %.1f%n",
                    String.format(
                            java.util.Locale.ROOT, "%.3f (%.4f)", p.threshold(), p.probability()),
                    String.format(
                            java.util.Locale.ROOT,
                            "%d (%.2f)",
                            e.falseAlarms(),
                            e.falseAlarmsPer10kElementDays()),
                    String.format(
                            java.util.Locale.ROOT,
                            "%d (%.2f)",
                            e.nearOutageFalseAlarms(),
                            e.nearOutageFalseAlarmsPer10kElementDays()),
                    e.slowFaultsWarned48h() + "/" + e.slowFaults(),
                    e.medianLeadHours());
        }
        return 0;
    }
}
