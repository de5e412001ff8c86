package dev.autonoc.evals.report;

import dev.autonoc.evals.report.EvalReport.PlannerSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** Writes {@code report.json} and {@code report.md}, and the short summary for the terminal. */
public final class ReportWriter {

    public static final String JSON_FILE = "report.json";
    public static final String MARKDOWN_FILE = "report.md";

    private ReportWriter() {}

    /**
     * Writes both files into {@code dir}, creating it, and each run's ground truth and metrics
     * (baselines' too) to {@code dir/truth/} ({@link TruthFile}).
     */
    public static void write(EvalReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(JSON_FILE), json(report), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(MARKDOWN_FILE), markdown(report), StandardCharsets.UTF_8);
        List<RunReport> all = new ArrayList<>(report.runs());
        all.addAll(report.baselines());
        for (RunReport r : all) {
            if (r.truth().isPresent()) {
                Path truth = dir.resolve(TruthFile.FOLDER);
                Files.createDirectories(truth);
                Files.writeString(
                        truth.resolve(TruthFile.fileName(r.scenario(), r.planner(), r.seed())),
                        TruthFile.json(r.scenario(), r.planner(), r.seed(), r.truth().get()),
                        StandardCharsets.UTF_8);
            }
        }
    }

    public static String json(EvalReport report) {
        return Json.write(report.toJson());
    }

    public static String markdown(EvalReport report) {
        StringBuilder md = new StringBuilder("# autonoc eval report\n\n");
        EvalReport.Summary s = report.summary();
        md.append(
                String.format(
                        Locale.ROOT,
                        "%d runs, %d passed, %d policy violations; %d seed%s per scenario; wall time %.1f s.%n%n",
                        s.runs(),
                        s.passed(),
                        s.policyViolations(),
                        report.seeds(),
                        report.seeds() == 1 ? "" : "s",
                        report.wallSeconds()));
        md.append("| planner | runs | passed | pass^k | capture ratio | policy violations |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (PlannerSummary p : s.byPlanner()) {
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %d | %d | %s | %s | %d |%n",
                            p.planner(),
                            p.runs(),
                            p.passed(),
                            ratio(p.passHatK()),
                            ratio(p.captureRatio()),
                            p.policyViolations()));
        }
        md.append(
                "\npass^k: the share of scenarios that passed with every seed. Capture ratio: of the"
                        + " customer impact that the oracle avoids compared with reacting to failures, the"
                        + " share the planner avoids too (1 = as good as the oracle, 0 = no better than"
                        + " reacting); blank where the baselines tie.\n\n");
        md.append("## Runs\n\n");
        table(md, report.runs());
        if (!report.baselines().isEmpty()) {
            md.append("\n## Baselines (run for the capture ratio)\n\n");
            table(md, report.baselines());
        }
        List<RunReport> failed = report.runs().stream().filter(r -> !r.passed()).toList();
        if (!failed.isEmpty()) {
            md.append("\n## What failed\n\n");
            for (RunReport r : failed) {
                md.append("- **")
                        .append(r.scenario())
                        .append("** seed ")
                        .append(r.seed())
                        .append(", ")
                        .append(r.planner())
                        .append(":\n");
                for (Violation v : r.violations()) {
                    md.append("  - ").append(escape(v.describe())).append('\n');
                }
            }
        }
        return md.toString();
    }

    private static void table(StringBuilder md, List<RunReport> runs) {
        md.append(
                "| scenario | planner | seed | passed | failures | prevented | impact (cust-min) | ops £ |"
                        + " credits £ | false dispatches | policy violations | approvals | tool calls |"
                        + " warning lead (min) | wall s |\n");
        md.append(
                "| --- | --- | ---: | :---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (RunReport r : runs) {
            List<String> cells =
                    new ArrayList<>(
                            List.of(
                                    r.scenario(),
                                    r.planner(),
                                    Long.toString(r.seed()),
                                    r.passed() ? "yes" : "**no**"));
            if (r.metrics().isPresent()) {
                RunMetrics m = r.metrics().get();
                cells.add(Integer.toString(m.failures()));
                cells.add(Integer.toString(m.failuresPrevented()));
                cells.add(number(m.customerImpactMinutes()));
                cells.add(number(m.opsCostGbp()));
                cells.add(number(m.slaCreditGbp()));
                cells.add(Integer.toString(m.falseDispatches()));
                cells.add(Integer.toString(m.policyViolations()));
                cells.add(Integer.toString(m.approvalsRequested()));
                cells.add(Integer.toString(m.toolCalls()));
                cells.add(
                        m.meanWarningLeadMinutes().isPresent()
                                ? number(m.meanWarningLeadMinutes().getAsDouble())
                                : "—");
            } else {
                for (int i = 0; i < 10; i++) {
                    cells.add(i == 0 ? "error" : "—");
                }
            }
            cells.add(String.format(Locale.ROOT, "%.2f", r.wallSeconds()));
            md.append("| ")
                    .append(String.join(" | ", cells.stream().map(ReportWriter::escape).toList()))
                    .append(" |\n");
        }
    }

    /** A few lines for the terminal: totals, each planner, and each failed run. */
    public static String terminalSummary(EvalReport report, Path dir) {
        EvalReport.Summary s = report.summary();
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        "%d runs, %d passed, %d failed, %d policy violations (%d seed%s per scenario)%n",
                        s.runs(),
                        s.passed(),
                        s.runs() - s.passed(),
                        s.policyViolations(),
                        report.seeds(),
                        report.seeds() == 1 ? "" : "s"));
        for (PlannerSummary p : s.byPlanner()) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "  %-10s passed %d/%d  pass^%d %s  capture ratio %s%n",
                            p.planner(),
                            p.passed(),
                            p.runs(),
                            report.seeds(),
                            ratio(p.passHatK()),
                            ratio(p.captureRatio())));
        }
        for (RunReport r : report.runs()) {
            if (!r.passed()) {
                out.append("  FAILED ")
                        .append(r.scenario())
                        .append(" seed ")
                        .append(r.seed())
                        .append(' ')
                        .append(r.planner())
                        .append(": ");
                out.append(
                                String.join(
                                        "; ",
                                        r.violations().stream().map(Violation::describe).toList()))
                        .append('\n');
            }
        }
        out.append(
                String.format(
                        Locale.ROOT,
                        "wall time %.1f s; report: %s, %s%n",
                        report.wallSeconds(),
                        dir.resolve(JSON_FILE),
                        dir.resolve(MARKDOWN_FILE)));
        return out.toString();
    }

    private static String ratio(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.2f", value.getAsDouble()) : "—";
    }

    private static String number(double value) {
        return value == Math.rint(value)
                ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|").replace("\n", " ");
    }
}
