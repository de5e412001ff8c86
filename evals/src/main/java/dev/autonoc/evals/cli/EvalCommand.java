package dev.autonoc.evals.cli;

import dev.autonoc.evals.report.EvalReport;
import dev.autonoc.evals.report.ReportWriter;
import dev.autonoc.evals.run.EvalRunner;
import dev.autonoc.evals.run.PlannerName;
import dev.autonoc.evals.run.TrailCheckpoints;
import dev.autonoc.evals.scenario.Scenario;
import dev.autonoc.evals.scenario.ScenarioException;
import dev.autonoc.evals.scenario.ScenarioLoader;
import dev.autonoc.predictor.ModelBundle;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Runs scenario files against the simulated operator, each with k seeds and each planner,"
                    + " scores the runs and writes report.json, report.md, report.html and report.junit.xml.",
            "Every file is checked before anything runs; a refused file names its line, key and what"
                    + " is accepted."
        },
        subcommands = {EvalCompareCommand.class, EvalGenerateCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every run passed",
            "1:a run failed (an expectation, a policy violation, an error)",
            "2:bad input (a refused scenario, an unknown planner), or the model does not load"
        })
final class EvalCommand implements Callable<Integer> {

    /** More runs per scenario and planner than this is a slip of the keyboard, not a plan. */
    static final int MAX_SEEDS = 1000;

    @Spec CommandSpec spec;

    // --scenarios and --out are checked in call() (missingOptions): picocli would demand a parent
    // command's required options of its subcommands too (eval compare, eval generate)
    @Option(
            names = "--scenarios",
            arity = "1..*",
            paramLabel = "DIR|FILE",
            description = "Scenario files, or folders of *.yaml/*.yml files.")
    List<Path> scenarios;

    @Option(
            names = "--seeds",
            defaultValue = "3",
            paramLabel = "K",
            description =
                    "Runs per scenario and planner, 1 to 1000, with seeds seed .. seed+K-1 (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(
            names = "--planner",
            defaultValue = "playbook",
            paramLabel = "NAMES",
            description =
                    "Comma-separated planners: playbook, none, reactive, oracle, llm, hybrid, chaos"
                            + " (default: ${DEFAULT-VALUE}). llm and hybrid need a model (--llm-*)"
                            + " or a recording (--llm-replay); chaos proposes random plans, to fuzz the gate.")
    String planners;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description =
                    "Folder for report.json, report.md, report.html and report.junit.xml (required).")
    Path out;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Runs at once (default: one per core).")
    Optional<Integer> threads;

    @Option(
            names = "--no-baselines",
            description =
                    "Do not run the reactive and oracle baselines; the capture ratio is then null unless they are among --planner.")
    boolean noBaselines;

    @Option(
            names = "--model",
            paramLabel = "DIR",
            description =
                    "A model bundle saved by `autonoc model train` for the playbook planner (default: the model shipped in the build).")
    Optional<Path> model;

    @Option(
            names = "--no-audit-export",
            description =
                    "Do not export each run's audit trail (by default every run's ledger is exported to OUT/audit/<scenario>__<planner>__<seed>.jsonl with signed checkpoints every 6 simulated hours and a final one at its end; only the public key is written, OUT/audit/checkpoint.pub, and printed: keep a copy elsewhere and check a trail with: autonoc audit verify FILE --public-key KEY).")
    boolean noAuditExport;

    @Option(
            names = "--progress",
            defaultValue = "auto",
            paramLabel = "MODE",
            description =
                    "auto, bar, lines or off: how the runs' progress shows on stderr (auto: a bar on a"
                            + " terminal, plain lines elsewhere).")
    String progress;

    @Option(
            names = "--signing-key",
            paramLabel = "KEYFILE",
            description =
                    "Sign the trails with this key file (created if absent, mode 600), kept outside --out, so that the trails of several runs verify with one key (default: a fresh key for this run, never written down).")
    Optional<Path> signingKey;

    @Mixin LlmOptions llm;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Optional<String> missing = missingOptions();
        if (missing.isPresent()) {
            stderr.println("autonoc eval: " + missing.get() + " (see 'autonoc eval --help')");
            return AutonocCli.BAD_INPUT;
        }
        ProgressPrinter printer;
        try {
            printer = ProgressPrinter.of(progress, stderr);
        } catch (IllegalArgumentException e) {
            stderr.println("autonoc eval: " + e.getMessage());
            return AutonocCli.BAD_INPUT;
        }
        if (java.nio.file.Files.exists(out) && !java.nio.file.Files.isDirectory(out)) {
            stderr.println(
                    "autonoc eval: --out "
                            + out
                            + " is a file; expected a folder (created if absent)");
            return AutonocCli.BAD_INPUT;
        }
        if (seeds > MAX_SEEDS) {
            // a slip (--seeds 1000000 for 10) would otherwise check and run for hours, silently
            stderr.println("autonoc eval: --seeds must be 1 to " + MAX_SEEDS + ", got " + seeds);
            return AutonocCli.BAD_INPUT;
        }
        List<PlannerName> names;
        try {
            names = PlannerName.parseList(planners);
        } catch (IllegalArgumentException e) {
            stderr.println("autonoc eval: --planner: " + e.getMessage());
            return AutonocCli.BAD_INPUT;
        }
        EvalRunner.Options options;
        try {
            options =
                    new EvalRunner.Options(
                            names,
                            seeds,
                            threads.orElse(Runtime.getRuntime().availableProcessors()),
                            !noBaselines,
                            noAuditExport ? Optional.empty() : Optional.of(out.resolve("audit")));
        } catch (IllegalArgumentException e) {
            stderr.println("autonoc eval: " + e.getMessage());
            return AutonocCli.BAD_INPUT;
        }
        List<Scenario> loaded;
        try {
            loaded = ScenarioLoader.loadPaths(scenarios);
            ScenarioLoader.checkSeeds(loaded, seeds);
        } catch (ScenarioException e) {
            stderr.println("autonoc eval: " + e.getMessage());
            return AutonocCli.BAD_INPUT;
        }
        if (model.isPresent() && !java.nio.file.Files.isDirectory(model.get())) {
            stderr.println(
                    "autonoc eval: --model "
                            + model.get()
                            + " is not a folder; expected a bundle saved by `autonoc model train`");
            return AutonocCli.BAD_INPUT;
        }
        if (signingKey.isPresent() && !noAuditExport) {
            try {
                TrailCheckpoints.signWith(out.resolve("audit"), signingKey.get());
            } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                stderr.println("autonoc eval: --signing-key: " + e.getMessage());
                return AutonocCli.BAD_INPUT;
            }
        }
        EvalRunner runner =
                (model.isPresent()
                                ? new EvalRunner(options, () -> loadBundle(model.get()))
                                : new EvalRunner(options))
                        .withProgress(printer);
        Optional<LlmOptions.Chosen> language = Optional.empty();
        if (names.stream().anyMatch(PlannerName::needsModel)) {
            try {
                language = Optional.of(llm.choose());
            } catch (IllegalArgumentException | IllegalStateException e) {
                stderr.println("autonoc eval: " + e.getMessage());
                return AutonocCli.BAD_INPUT;
            }
            LlmOptions.Chosen chosen = language.get();
            runner = runner.withLanguageModel(chosen.channel(), chosen.maxTurns(), chosen.price());
        } else if (llm.given()) {
            stderr.println(
                    "autonoc eval: note: no planner among --planner asks a model (llm, hybrid): the --llm-* options are unused");
        }
        stdout.printf(
                "autonoc eval: %d scenario%s × %d seed%s × %s%s%n",
                loaded.size(),
                loaded.size() == 1 ? "" : "s",
                seeds,
                seeds == 1 ? "" : "s",
                String.join(", ", names.stream().map(PlannerName::key).toList()),
                runner.baselinesNeeded().isEmpty()
                        ? ""
                        : " (+ baselines "
                                + String.join(
                                        ", ",
                                        runner.baselinesNeeded().stream()
                                                .map(PlannerName::key)
                                                .toList())
                                + ")");
        stdout.flush();
        EvalReport report;
        try {
            report = runner.run(loaded);
        } catch (IllegalStateException e) {
            stderr.println("autonoc eval: " + e.getMessage());
            return AutonocCli.BAD_INPUT;
        }
        ReportWriter.write(report, out);
        stdout.print(ReportWriter.terminalSummary(report, out));
        List<String> diverged =
                language.flatMap(LlmOptions.Chosen::replay)
                        .map(r -> r.divergences())
                        .orElse(List.of());
        if (!diverged.isEmpty()) {
            // the planners fell back, so the runs finished: the eval must still not pass
            stderr.println(
                    "autonoc eval: --llm-replay: "
                            + diverged.size()
                            + " request"
                            + (diverged.size() == 1 ? " was" : "s were")
                            + " not in the recording; the first: "
                            + diverged.get(0));
            stdout.flush();
            return AutonocCli.FAILED;
        }
        if (!noAuditExport) {
            // the trust anchor of the trails: the user keeps it apart from the folder
            stdout.println(
                    "trails signed by public key "
                            + TrailCheckpoints.publicKeyOf(out.resolve("audit"))
                            + " (keep a copy outside "
                            + out
                            + "; verify with: autonoc audit verify FILE --public-key KEY)");
        }
        stdout.flush();
        return report.allPassed() ? 0 : AutonocCli.FAILED;
    }

    /** The options picocli would have required, as picocli words their absence. */
    private Optional<String> missingOptions() {
        List<String> missing = new ArrayList<>();
        if (scenarios == null || scenarios.isEmpty()) {
            missing.add("'--scenarios=DIR|FILE'");
        }
        if (out == null) {
            missing.add("'--out=DIR'");
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                "Missing required option"
                        + (missing.size() == 1 ? ": " : "s: ")
                        + String.join(", ", missing));
    }

    private static ModelBundle loadBundle(Path dir) {
        try {
            return ModelBundle.load(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(ModelCommand.unloadable(dir, e), e);
        } catch (RuntimeException e) {
            // a corrupt model.json is a parser's RuntimeException: name the folder all the same
            throw new IllegalStateException(ModelCommand.unloadable(dir, e), e);
        }
    }
}
