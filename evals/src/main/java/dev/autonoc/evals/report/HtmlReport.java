package dev.autonoc.evals.report;

import dev.autonoc.simulators.FaultTruth;
import dev.autonoc.simulators.OperatorTwin;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/**
 * {@code report.html}: the eval as one self-contained page, readable offline (no script, style or
 * font from elsewhere): the summary by planner with pass^1..pass^k, the pass^k matrix of scenarios
 * by planner, and for every run (baselines too) its timeline ({@link TimelineChart}) and its
 * customer impact against the other planners' and baselines' runs of the same scenario and seed.
 */
public final class HtmlReport {

    public static final String FILE = "report.html";

    /** Above this many runs, only the scenarios with a failed run start open. */
    static final int OPEN_ALL_UP_TO = 60;

    private static final List<String> BASELINE_ORDER = List.of("none", "reactive", "oracle");

    private final EvalReport report;
    private final List<RunReport> all = new ArrayList<>();
    private final List<String> planners = new ArrayList<>();
    private final StringBuilder html = new StringBuilder();

    private HtmlReport(EvalReport report) {
        this.report = report;
        all.addAll(report.runs());
        all.addAll(report.baselines());
        Set<String> names = new LinkedHashSet<>(report.planners());
        for (String b : BASELINE_ORDER) {
            if (all.stream().anyMatch(r -> r.planner().equals(b))) {
                names.add(b);
            }
        }
        all.stream().map(RunReport::planner).forEach(names::add);
        planners.addAll(names);
    }

    /** The page. */
    public static String html(EvalReport report) {
        return new HtmlReport(report).page();
    }

    /** A run's id in the page, as its trail and truth files are named. */
    static String runId(RunReport r) {
        return r.scenario() + "__" + r.planner() + "__" + r.seed();
    }

    private String page() {
        EvalReport.Summary s = report.summary();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>autonoc eval report</title><style>")
                .append(HtmlStyle.CSS)
                .append("</style></head><body>\n");
        html.append("<header><h1>autonoc eval report</h1><p>")
                .append(
                        String.format(
                                Locale.ROOT,
                                "%d runs of %s, %d passed, %d policy violations; %d seed%s per"
                                        + " scenario; %d scenarios; wall time %.1f s.",
                                s.runs(),
                                Html.escape(String.join(", ", report.planners())),
                                s.passed(),
                                s.policyViolations(),
                                report.seeds(),
                                report.seeds() == 1 ? "" : "s",
                                scenarios().size(),
                                report.wallSeconds()))
                .append(
                        "</p><nav><a href=\"#planners\">by planner</a> · <a href=\"#matrix\">pass^k"
                                + " matrix</a> · <a href=\"#runs\">runs</a></nav></header>\n");
        planners();
        matrix();
        runs();
        html.append("<footer>").append(HtmlStyle.LEGEND).append("</footer>");
        html.append("<script>").append(HtmlStyle.SCRIPT).append("</script></body></html>\n");
        return html.toString();
    }

    private void planners() {
        html.append(
                        "<section id=\"planners\"><h2>By planner</h2><table class=\"planners\"><thead><tr>")
                .append("<th>planner</th><th>runs</th><th>passed</th>");
        for (int j = 1; j <= report.seeds(); j++) {
            html.append("<th>pass^").append(j).append("</th>");
        }
        html.append(
                "<th>capture ratio</th><th>policy violations</th><th>impact (cust-min, mean)</th>"
                        + "<th>ops £ (mean)</th><th>time to detect (h, mean)</th><th>time to"
                        + " mitigate (h, mean)</th><th>steps (mean)</th><th>refused / invalid"
                        + " calls</th><th>denied</th><th>replans</th><th>approval wait (min,"
                        + " mean)</th></tr></thead><tbody>");
        Map<String, EvalReport.PlannerSummary> asked = new LinkedHashMap<>();
        report.summary().byPlanner().forEach(p -> asked.put(p.planner(), p));
        List<RunReport> reactive = of(all, EvalReport.REACTIVE);
        List<RunReport> oracle = of(all, EvalReport.ORACLE);
        for (String planner : planners) {
            List<RunReport> mine = of(all, planner);
            EvalReport.PlannerSummary p = asked.get(planner);
            boolean baseline = p == null;
            List<OptionalDouble> curve =
                    baseline ? Scoring.passHatCurve(mine, report.seeds()) : p.passHat();
            OptionalDouble capture =
                    baseline ? Scoring.captureRatio(mine, reactive, oracle) : p.captureRatio();
            html.append("<tr><th>")
                    .append(Html.escape(planner))
                    .append(baseline ? " <small>(baseline)</small>" : "")
                    .append("</th><td>")
                    .append(mine.size())
                    .append("</td><td>")
                    .append(mine.stream().filter(RunReport::passed).count())
                    .append("</td>");
            for (OptionalDouble v : curve) {
                html.append("<td>").append(ratio(v)).append("</td>");
            }
            html.append("<td>").append(ratio(capture)).append("</td>");
            html.append("<td>")
                    .append(
                            mine.stream()
                                    .mapToInt(
                                            r ->
                                                    r.metrics()
                                                            .map(RunMetrics::policyViolations)
                                                            .orElse(0))
                                    .sum())
                    .append("</td>");
            cell(mean(mine, RunMetrics::customerImpactMinutes));
            cell(mean(mine, RunMetrics::opsCostGbp));
            cell(meanOf(mine, m -> m.conduct().timeToDetectMinutes(), 60));
            cell(meanOf(mine, m -> m.conduct().timeToMitigateMinutes(), 60));
            cell(mean(mine, m -> m.conduct().steps()));
            html.append("<td>")
                    .append(sum(mine, m -> m.conduct().refusedCalls()))
                    .append(" / ")
                    .append(sum(mine, m -> m.conduct().invalidCalls()))
                    .append("</td><td>")
                    .append(sum(mine, m -> m.conduct().deniedProposals()))
                    .append("</td><td>")
                    .append(sum(mine, m -> m.conduct().replans()))
                    .append("</td>");
            cell(meanOf(mine, m -> m.conduct().approvalWaitMinutes(), 1));
            html.append("</tr>");
        }
        html.append(
                "</tbody></table><p class=\"note\">pass^j: the chance that j runs of a scenario,"
                        + " drawn from its seeds, all pass (C(passed, j) / C(seeds, j)), averaged"
                        + " over the scenarios; pass^1 is the share of runs that passed, and"
                        + " pass^k with k the seeds run ("
                        + report.seeds()
                        + ") the share of scenarios that passed with every seed. Capture ratio: of"
                        + " the customer impact the oracle avoids against reacting to failures,"
                        + " the share the planner avoids too.</p></section>\n");
    }

    private void matrix() {
        html.append(
                "<section id=\"matrix\"><h2>pass^k matrix</h2><p class=\"note\">Seeds passed"
                        + " of seeds run, per scenario and planner.</p><table class=\"matrix\"><thead><tr><th>scenario</th>");
        for (String p : planners) {
            html.append("<th>").append(Html.escape(p)).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        for (String scenario : scenarios()) {
            html.append("<tr><th><a href=\"#")
                    .append(Html.escape(anchor(scenario)))
                    .append("\">")
                    .append(Html.escape(scenario))
                    .append("</a></th>");
            for (String p : planners) {
                List<RunReport> runs = ofScenario(of(all, p), scenario);
                html.append(passCell(runs));
            }
            html.append("</tr>");
        }
        html.append("</tbody></table></section>\n");
    }

    private String passCell(List<RunReport> runs) {
        if (runs.isEmpty()) {
            return "<td class=\"none\">—</td>";
        }
        long passed = runs.stream().filter(RunReport::passed).count();
        String css = passed == runs.size() ? "pass-all" : passed == 0 ? "pass-none" : "pass-some";
        return "<td class=\"" + css + "\">" + passed + "/" + runs.size() + "</td>";
    }

    private void runs() {
        html.append(
                "<section id=\"runs\"><h2>Runs</h2><p class=\"tools\"><button type=\"button\""
                        + " data-action=\"open\">open all</button> <button type=\"button\""
                        + " data-action=\"close\">close all</button> <label><input"
                        + " type=\"checkbox\" data-action=\"failed\"> scenarios with a failed run"
                        + " only</label></p>\n");
        boolean openAll = all.size() <= OPEN_ALL_UP_TO;
        for (String scenario : scenarios()) {
            List<RunReport> runs = ofScenario(all, scenario);
            boolean failed =
                    runs.stream()
                            .anyMatch(r -> !r.passed() && report.planners().contains(r.planner()));
            html.append("<details class=\"scenario")
                    .append(failed ? " has-failed" : "")
                    .append("\" id=\"")
                    .append(Html.escape(anchor(scenario)))
                    .append("\"")
                    .append(openAll || failed ? " open" : "")
                    .append("><summary><span class=\"name\">")
                    .append(Html.escape(scenario))
                    .append("</span>");
            for (String p : planners) {
                List<RunReport> mine = ofScenario(of(all, p), scenario);
                if (!mine.isEmpty()) {
                    long passed = mine.stream().filter(RunReport::passed).count();
                    html.append(" <span class=\"badge ")
                            .append(
                                    passed == mine.size()
                                            ? "pass-all"
                                            : passed == 0 ? "pass-none" : "pass-some")
                            .append("\">")
                            .append(Html.escape(p))
                            .append(" ")
                            .append(passed)
                            .append("/")
                            .append(mine.size())
                            .append("</span>");
                }
            }
            html.append("</summary>");
            List<RunReport> ordered = new ArrayList<>();
            for (String p : planners) {
                ordered.addAll(of(runs, p));
            }
            for (RunReport r : ordered) {
                run(r);
            }
            html.append("</details>\n");
        }
        html.append("</section>\n");
    }

    private void run(RunReport r) {
        boolean baseline = !report.planners().contains(r.planner());
        html.append("<article class=\"run\" id=\"")
                .append(Html.escape(runId(r)))
                .append("\"><h3>")
                .append(Html.escape(r.planner()))
                .append(baseline ? " <small>(baseline)</small>" : "")
                .append(" · seed ")
                .append(r.seed())
                .append(" · <span class=\"")
                .append(r.passed() ? "passed\">passed" : "failed\">failed")
                .append("</span></h3>");
        if (!r.violations().isEmpty()) {
            html.append("<ul class=\"violations\">");
            for (Violation v : r.violations()) {
                html.append("<li>").append(Html.escape(v.describe())).append("</li>");
            }
            html.append("</ul>");
        }
        r.metrics().ifPresent(m -> html.append(chips(m)));
        html.append("<div class=\"charts\">");
        html.append(TimelineChart.svg(r, OperatorTwin.EPOCH, end(r)));
        html.append(ImpactChart.svg(r, sameSituation(r), planners));
        html.append("</div></article>\n");
    }

    private List<RunReport> sameSituation(RunReport r) {
        return all.stream()
                .filter(o -> o.scenario().equals(r.scenario()) && o.seed() == r.seed())
                .toList();
    }

    private static String chips(RunMetrics m) {
        Conduct c = m.conduct();
        List<String> chips = new ArrayList<>();
        chips.add("failures " + m.failures());
        chips.add("prevented " + m.failuresPrevented());
        chips.add("impact " + TimelineChart.number(m.customerImpactMinutes()) + " cust-min");
        chips.add("ops £" + TimelineChart.number(m.opsCostGbp()));
        chips.add("credits £" + TimelineChart.number(m.slaCreditGbp()));
        chips.add("false dispatches " + m.falseDispatches());
        chips.add("detect " + hours(c.timeToDetectMinutes()));
        chips.add("mitigate " + hours(c.timeToMitigateMinutes()));
        chips.add("steps " + c.steps());
        chips.add("act calls " + m.toolCalls());
        chips.add("reads " + c.readCalls());
        chips.add("refused " + c.refusedCalls());
        chips.add("invalid " + c.invalidCalls());
        chips.add("denied " + c.deniedProposals());
        chips.add("replans " + c.replans());
        chips.add("approvals " + m.approvalsRequested());
        chips.add(
                "approval wait "
                        + (c.approvalWaitMinutes().isPresent()
                                ? TimelineChart.number(c.approvalWaitMinutes().getAsDouble())
                                        + " min"
                                : "—"));
        if (m.policyViolations() > 0) {
            chips.add("POLICY VIOLATIONS " + m.policyViolations());
        }
        StringBuilder out = new StringBuilder("<p class=\"chips\">");
        for (String chip : chips) {
            out.append("<span>").append(Html.escape(chip)).append("</span>");
        }
        return out.append("</p>").toString();
    }

    /** The end of a run's time axis: the twin's end, or what the run showed last. */
    private static Instant end(RunReport r) {
        if (r.truth().isPresent()) {
            return r.truth().get().end();
        }
        Instant end = OperatorTwin.EPOCH.plus(Duration.ofDays(1));
        for (FaultTruth f : r.faults()) {
            end = f.failsAt().isAfter(end) ? f.failsAt() : end;
        }
        return end;
    }

    private List<String> scenarios() {
        Set<String> ids = new LinkedHashSet<>();
        all.forEach(r -> ids.add(r.scenario()));
        return List.copyOf(ids);
    }

    private static List<RunReport> of(List<RunReport> runs, String planner) {
        return runs.stream().filter(r -> r.planner().equals(planner)).toList();
    }

    private static List<RunReport> ofScenario(List<RunReport> runs, String scenario) {
        return runs.stream().filter(r -> r.scenario().equals(scenario)).toList();
    }

    static String anchor(String scenario) {
        return "sc-" + scenario;
    }

    private void cell(String value) {
        html.append("<td>").append(value).append("</td>");
    }

    private static String mean(List<RunReport> runs, ToDoubleFunction<RunMetrics> f) {
        OptionalDouble v =
                runs.stream().flatMap(r -> r.metrics().stream()).mapToDouble(f).average();
        return v.isPresent() ? TimelineChart.number(v.getAsDouble()) : "—";
    }

    private static String meanOf(
            List<RunReport> runs, Function<RunMetrics, OptionalDouble> f, double per) {
        OptionalDouble v =
                runs.stream()
                        .flatMap(r -> r.metrics().stream())
                        .map(f)
                        .filter(OptionalDouble::isPresent)
                        .mapToDouble(OptionalDouble::getAsDouble)
                        .average();
        return v.isPresent() ? TimelineChart.number(v.getAsDouble() / per) : "—";
    }

    private static int sum(List<RunReport> runs, ToIntFunction<RunMetrics> f) {
        return runs.stream().flatMap(r -> r.metrics().stream()).mapToInt(f).sum();
    }

    private static String hours(OptionalDouble minutes) {
        return minutes.isPresent()
                ? TimelineChart.number(minutes.getAsDouble() / 60.0) + " h"
                : "—";
    }

    private static String ratio(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.2f", value.getAsDouble()) : "—";
    }
}
