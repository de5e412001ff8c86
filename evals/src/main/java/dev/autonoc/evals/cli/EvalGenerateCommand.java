package dev.autonoc.evals.cli;

import dev.autonoc.evals.generate.SuiteGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Writes N scenario files drawn from the generator's distribution (evals/README.md,"
                    + " 'Generated scenarios'), each with an expect block derived from what the"
                    + " oracle baseline achieves on it with each of its K seeds, so that no"
                    + " generated scenario asks for the impossible.",
            "The same --count, --seed and --seeds give the same files; generation.json beside them"
                    + " records how they were made."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the scenarios are written",
            "1:a scenario could not be made (the message says which and why)",
            "2:bad input (a count, seed or folder not accepted)"
        })
final class EvalGenerateCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--count",
            required = true,
            paramLabel = "N",
            description = "How many scenarios, 1 to 100000.")
    int count;

    @Option(
            names = "--seed",
            defaultValue = "1",
            paramLabel = "S",
            description = "The suite's seed, 0 or more (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--seeds",
            defaultValue = "3",
            paramLabel = "K",
            description =
                    "Seeds the oracle runs each scenario with to set its expectations, 1 to 20; run the"
                            + " suite with --seeds K or fewer (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "A new or empty folder for the scenario files.")
    Path out;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Oracle runs at once (default: one per core).")
    Optional<Integer> threads;

    @Option(
            names = "--bad-data",
            description =
                    "Draw bad data too: in seven scenarios in ten, one telemetry gap, stuck sensor,"
                            + " spikes, late samples, clock skew, inventory drift or stale stock"
                            + " (docs/data-quality.md). Without it a suite is as before.")
    boolean badData;

    @Option(
            names = "--progress",
            defaultValue = "auto",
            paramLabel = "MODE",
            description =
                    "auto, bar, lines or off: how the oracle runs' progress shows on stderr (auto: a bar"
                            + " on a terminal, plain lines elsewhere).")
    String progress;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        SuiteGenerator.Settings settings;
        ProgressPrinter printer;
        try {
            settings =
                    new SuiteGenerator.Settings(
                            count,
                            seed,
                            seeds,
                            threads.orElse(Runtime.getRuntime().availableProcessors()),
                            badData);
            printer = ProgressPrinter.of(progress, stderr, "generate, oracle runs");
        } catch (IllegalArgumentException e) {
            stderr.println("autonoc eval generate: " + e.getMessage());
            return AutonocCli.BAD_INPUT;
        }
        Optional<String> refused = refuseOut(out);
        if (refused.isPresent()) {
            stderr.println("autonoc eval generate: " + refused.get());
            return AutonocCli.BAD_INPUT;
        }
        SuiteGenerator generator = new SuiteGenerator(settings);
        List<SuiteGenerator.Generated> suite;
        try {
            suite = generator.generate(printer);
        } catch (IllegalStateException e) {
            stderr.println("autonoc eval generate: " + e.getMessage());
            return AutonocCli.FAILED;
        }
        generator.write(suite, out);
        stdout.printf(
                "autonoc eval generate: %d scenario%s in %s (suite seed %d, expectations from the"
                        + " oracle on %d seed%s each); run them with: autonoc eval --scenarios %s"
                        + " --seeds %d --planner playbook,reactive,oracle --out OUT%n",
                suite.size(),
                suite.size() == 1 ? "" : "s",
                out,
                seed,
                seeds,
                seeds == 1 ? "" : "s",
                out,
                seeds);
        stdout.flush();
        return 0;
    }

    /** Why the folder cannot take a suite: a file, or a folder with scenario files already. */
    static Optional<String> refuseOut(Path out) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            return Optional.of("--out " + out + " is a file; expected a new or empty folder");
        }
        if (Files.isDirectory(out)) {
            long present;
            try (Stream<Path> files = Files.list(out)) {
                present =
                        files.map(p -> p.getFileName().toString())
                                // what the scenario loader reads from a folder
                                .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
                                .count();
            }
            if (present > 0) {
                return Optional.of(
                        "--out "
                                + out
                                + " holds "
                                + present
                                + " scenario file"
                                + (present == 1 ? "" : "s")
                                + " already; expected a new or empty folder, so that one suite is not"
                                + " mixed with another");
            }
        }
        return Optional.empty();
    }
}
