package dev.autonoc.evals.report;

import dev.autonoc.evals.report.EvalReport.PlannerSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Writes {@code report.json}, {@code report.md}, {@code report.html} ({@link HtmlReport}) and
 * {@code report.junit.xml} ({@link JunitXml}), and the short summary for the terminal.
 */
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
        Files.writeString(
                dir.resolve(HtmlReport.FILE), HtmlReport.html(report), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(JunitXml.FILE), JunitXml.xml(report), StandardCharsets.UTF_8);
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
        StringBuilder head = new StringBuilder("| planner | runs | passed |");
        StringBuilder rule = new StringBuilder("| --- | ---: | ---: |");
        for (int j = 1; j <= report.seeds(); j++) {
            head.append(" pass^").append(j).append(" |");
            rule.append(" ---: |");
        }
        md.append(head).append(" capture ratio | policy violations |\n");
        md.append(rule).append(" ---: | ---: |\n");
        for (PlannerSummary p : s.byPlanner()) {
            md.append(
                    String.format(
                            Locale.ROOT, "| %s | %d | %d |", p.planner(), p.runs(), p.passed()));
            for (OptionalDouble v : p.passHat()) {
                md.append(' ').append(ratio(v)).append(" |");
            }
            md.append(
                    String.format(
                            Locale.ROOT,
                            " %s | %d |%n",
                            ratio(p.captureRatio()),
                            p.policyViolations()));
        }
        md.append(
                "\npass^j: the chance that j runs of a scenario drawn from its seeds all pass"
                        + " (C(passed, j) / C(seeds, j), averaged over the scenarios); pass^1 is the"
                        + " share of runs that passed, and pass^k with k the seeds run ("
                        + report.seeds()
                        + ") the share of scenarios that passed with every seed. Capture ratio: of the"
                        + " customer impact that the oracle avoids compared with reacting to failures, the"
                        + " share the planner avoids too (1 = as good as the oracle, 0 = no better than"
                        + " reacting); blank where the baselines tie. The timelines are in "
                        + HtmlReport.FILE
                        + ".\n\n");
        md.append("## Runs\n\n");
        table(md, report.runs());
        if (!report.baselines().isEmpty()) {
            md.append("\n## Baselines (run for the capture ratio)\n\n");
            table(md, report.baselines());
        }
        md.append("\n## How the agent went about it\n\n");
        conductTable(md, report.runs());
        dataQualityTable(md, report.runs());
        modelTable(md, report.runs());
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

    private static void conductTable(StringBuilder md, List<RunReport> runs) {
        md.append(
                "| scenario | planner | seed | time to detect (min) | time to mitigate (min) |"
                        + " steps | act calls | reads | refused | invalid | denied | replans |"
                        + " approvals | approval wait (min, mean / max) | unanswered |\n");
        md.append(
                "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
                        + " ---: | ---: | ---: |\n");
        for (RunReport r : runs) {
            if (r.metrics().isEmpty()) {
                continue;
            }
            RunMetrics m = r.metrics().get();
            Conduct c = m.conduct();
            List<String> cells =
                    List.of(
                            r.scenario(),
                            r.planner(),
                            Long.toString(r.seed()),
                            optional(c.timeToDetectMinutes())
                                    + " ("
                                    + c.faultsDetected()
                                    + " of "
                                    + r.faults().size()
                                    + ")",
                            optional(c.timeToMitigateMinutes())
                                    + " ("
                                    + c.faultsMitigated()
                                    + " of "
                                    + r.faults().size()
                                    + ")",
                            Integer.toString(c.steps()),
                            Integer.toString(m.toolCalls()),
                            Integer.toString(c.readCalls()),
                            Integer.toString(c.refusedCalls()),
                            Integer.toString(c.invalidCalls()),
                            Integer.toString(c.deniedProposals()),
                            Integer.toString(c.replans()),
                            Integer.toString(m.approvalsRequested()),
                            optional(c.approvalWaitMinutes())
                                    + " / "
                                    + optional(c.maxApprovalWaitMinutes()),
                            Integer.toString(c.approvalsUnanswered()));
            md.append("| ")
                    .append(String.join(" | ", cells.stream().map(ReportWriter::escape).toList()))
                    .append(" |\n");
        }
    }

    /**
     * What bad data did, for the runs where it did anything (docs/data-quality.md): acts on data
     * that were not fresh without a person (target 0), cases stopped on contradicted data,
     * abstentions and faults missed in a gap. Absent when every run counted none.
     */
    private static void dataQualityTable(StringBuilder md, List<RunReport> runs) {
        List<RunReport> touched =
                runs.stream()
                        .filter(r -> r.metrics().isPresent() && touchedByBadData(r.metrics().get()))
                        .toList();
        if (touched.isEmpty()) {
            return;
        }
        md.append("\n## Data quality\n\n")
                .append(
                        "Acts on stale or contradicted data ran on an element whose data were not fresh"
                                + " without a person's approval (target 0). Abstentions: times an element"
                                + " became one the predictor would not judge, checked hourly (and the"
                                + " element-hours). A fault missed in a gap failed with no alarm after its"
                                + " onset, its element's data gappy within the 48 h before it failed.\n\n");
        md.append(
                "| scenario | planner | seed | acts on stale/contradicted data | contradicted cases |"
                        + " abstentions | abstained element-hours | faults missed in a gap |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (RunReport r : touched) {
            RunMetrics m = r.metrics().get();
            DataQualityCounts q = m.dataQuality();
            List<String> cells =
                    List.of(
                            r.scenario(),
                            r.planner(),
                            Long.toString(r.seed()),
                            Integer.toString(m.conduct().actsOnUntrustedData()),
                            Integer.toString(m.conduct().contradictedCases()),
                            Integer.toString(q.abstentions()),
                            Long.toString(q.abstainedElementHours()),
                            Integer.toString(q.faultsMissedInGap()));
            md.append("| ")
                    .append(String.join(" | ", cells.stream().map(ReportWriter::escape).toList()))
                    .append(" |\n");
        }
    }

    private static boolean touchedByBadData(RunMetrics m) {
        return m.conduct().actsOnUntrustedData() > 0
                || m.conduct().contradictedCases() > 0
                || m.dataQuality().abstentions() > 0
                || m.dataQuality().faultsMissedInGap() > 0;
    }

    /**
     * The language model's part, for runs whose planner asked one: per run, and per planner over
     * its runs. Absent when no run asked a model.
     */
    private static void modelTable(StringBuilder md, List<RunReport> runs) {
        List<RunReport> asked =
                runs.stream()
                        .filter(
                                r ->
                                        r.metrics().isPresent()
                                                && r.metrics()
                                                                .get()
                                                                .conduct()
                                                                .model()
                                                                .consultations()
                                                        > 0)
                        .toList();
        if (asked.isEmpty()) {
            return;
        }
        md.append("\n## The language model\n\n")
                .append(
                        "Each consultation is a MODEL_CONSULTED event in the run's trail (why the model was"
                                + " asked, its plan, the playbook's beside it). Steered plans did an act that"
                                + " outside text asked for and the playbook's plan did not; they count whether or"
                                + " not the gate stopped the act. The cost is the tokens at the price given"
                                + " (--llm-price-input, --llm-price-output), or \"not priced\".\n\n");
        md.append(
                "| scenario | planner | seed | asked | adopted | fell back | failed | tokens in | tokens out |"
                        + " cost | latency (s) | invalid tool calls | steered plans |\n");
        md.append(
                "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        Map<String, ModelUse> byPlanner = new java.util.TreeMap<>();
        for (RunReport r : asked) {
            ModelUse u = r.metrics().get().conduct().model();
            byPlanner.merge(r.planner(), u, ModelUse::plus);
            modelRow(md, List.of(r.scenario(), r.planner(), Long.toString(r.seed())), u);
        }
        for (Map.Entry<String, ModelUse> e : byPlanner.entrySet()) {
            modelRow(md, List.of("**all runs**", e.getKey(), ""), e.getValue());
        }
    }

    private static void modelRow(StringBuilder md, List<String> first, ModelUse u) {
        List<String> cells = new ArrayList<>(first);
        cells.addAll(
                List.of(
                        Integer.toString(u.consultations()),
                        Integer.toString(u.adopted()),
                        Integer.toString(u.fellBack()),
                        Integer.toString(u.failed()),
                        Long.toString(u.inputTokens()),
                        Long.toString(u.outputTokens()),
                        u.costInWords(),
                        String.format(Locale.ROOT, "%.2f", u.latencyMillis() / 1000.0),
                        Integer.toString(u.invalidToolCalls()),
                        Integer.toString(u.steeredPlans())));
        md.append("| ")
                .append(String.join(" | ", cells.stream().map(ReportWriter::escape).toList()))
                .append(" |\n");
    }

    private static String optional(OptionalDouble value) {
        return value.isPresent() ? number(value.getAsDouble()) : "—";
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
                            "  %-10s passed %d/%d  %s  capture ratio %s%n",
                            p.planner(),
                            p.passed(),
                            p.runs(),
                            curve(p),
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
                        "wall time %.1f s; report: %s, %s, %s, %s%n",
                        report.wallSeconds(),
                        dir.resolve(JSON_FILE),
                        dir.resolve(MARKDOWN_FILE),
                        dir.resolve(HtmlReport.FILE),
                        dir.resolve(JunitXml.FILE)));
        return out.toString();
    }

    /** {@code pass^1 0.93 pass^2 0.88 pass^3 0.83}. */
    private static String curve(PlannerSummary p) {
        List<String> parts = new ArrayList<>();
        for (int j = 0; j < p.passHat().size(); j++) {
            parts.add("pass^" + (j + 1) + " " + ratio(p.passHat().get(j)));
        }
        return String.join("  ", parts);
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
