package dev.autonoc.evals.cli;

import dev.autonoc.evals.compare.Comparison;
import dev.autonoc.evals.compare.ComparisonText;
import dev.autonoc.evals.compare.EvalResults;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Compares two eval reports: every scenario, planner and metric that got worse or better,"
                    + " with the seeds behind it and whether the difference is beyond the seeds'"
                    + " spread; every run that passed in one and failed in the other.",
            "Markdown on stdout (or JSON with --json); --out writes compare.md and compare.json."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no regression (equal, or changed for the better or within the spread)",
            "1:a regression: a run that passed in BASE fails in NEW, or a gated metric is worse"
                    + " beyond the seeds' spread",
            "2:bad input (a file that is not an eval report, an unknown metric in --gate)"
        })
final class EvalCompareCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "BASE",
            description =
                    "The report to compare against: a report.json, or an eval's --out folder.")
    Path base;

    @Parameters(
            index = "1",
            paramLabel = "NEW",
            description = "The report of the change: a report.json, or an eval's --out folder.")
    Path next;

    @Option(names = "--json", description = "Print the comparison as JSON instead of Markdown.")
    boolean json;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Also write compare.md and compare.json into this folder.")
    Optional<Path> out;

    @Option(
            names = "--gate",
            paramLabel = "METRICS",
            description =
                    "Comma-separated metrics whose getting worse beyond the spread is a regression, or"
                            + " 'all' (default: failures, failures_prevented, customer_impact_minutes,"
                            + " ops_cost_gbp, sla_credit_gbp, false_dispatches, policy_violations). A"
                            + " run that passed and now fails is always a regression.")
    Optional<String> gate;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (out.isPresent() && Files.exists(out.get()) && !Files.isDirectory(out.get())) {
            stderr.println(
                    "autonoc eval compare: --out "
                            + out.get()
                            + " is a file; expected a folder (created if absent)");
            return AutonocCli.BAD_INPUT;
        }
        Comparison comparison;
        try {
            EvalResults before = EvalResults.read(base);
            EvalResults after = EvalResults.read(next);
            comparison = Comparison.of(before, after, gates());
        } catch (IllegalArgumentException e) {
            stderr.println("autonoc eval compare: " + e.getMessage());
            return AutonocCli.BAD_INPUT;
        }
        String markdown = ComparisonText.markdown(comparison);
        String jsonText = ComparisonText.json(comparison);
        if (out.isPresent()) {
            Files.createDirectories(out.get());
            Files.writeString(
                    out.get().resolve(ComparisonText.MARKDOWN_FILE),
                    markdown,
                    StandardCharsets.UTF_8);
            Files.writeString(
                    out.get().resolve(ComparisonText.JSON_FILE), jsonText, StandardCharsets.UTF_8);
        }
        stdout.print(json ? jsonText : markdown);
        stdout.flush();
        return comparison.verdict() == Comparison.Verdict.REGRESSION ? AutonocCli.FAILED : 0;
    }

    private Set<String> gates() {
        if (gate.isEmpty()) {
            return Comparison.defaultGates();
        }
        if (gate.get().trim().equals("all")) {
            return Comparison.allMetrics();
        }
        Set<String> named = new LinkedHashSet<>();
        for (String g : gate.get().split(",", -1)) {
            named.add(g.trim());
        }
        return named;
    }
}
