package dev.autonoc.evals.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.simulators.FaultTruth;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    private static final Instant T0 = Instant.parse("2025-01-06T00:00:00Z");

    private static RunReport run(
            String planner, long seed, boolean passed, RunTelemetry telemetry) {
        FaultTruth fault =
                new FaultTruth(
                        ElementId.of("core-rtr-02"),
                        FailureMode.FAN_WEAR,
                        T0.plus(Duration.ofDays(1)),
                        T0.plus(Duration.ofDays(4)),
                        passed ? Optional.empty() : Optional.of(T0.plus(Duration.ofDays(4))),
                        passed ? Optional.of(T0.plus(Duration.ofDays(2))) : Optional.empty());
        RunTimeline timeline =
                new RunTimeline(
                        List.of(
                                new RunTimeline.FaultTimes(
                                        "core-rtr-02",
                                        fault.onset(),
                                        Optional.of(T0.plus(Duration.ofHours(30))),
                                        fault.repairedAt(),
                                        fault.repairedAt().map(t -> "repair"))),
                        List.of(
                                new RunTimeline.Mark(
                                        T0.plus(Duration.ofHours(30)),
                                        RunTimeline.Kind.CALL_SUCCEEDED,
                                        "core-rtr-02",
                                        "order_part",
                                        "order_part SUCCEEDED: <FAN-TRAY> & \"more\"")),
                        0);
        RunMetrics m =
                new RunMetrics(
                        passed ? 0 : 1,
                        passed ? 1 : 0,
                        passed ? 0 : 6000,
                        750,
                        0,
                        0,
                        0,
                        0,
                        3,
                        OptionalDouble.empty(),
                        Conduct.NOTHING,
                        timeline);
        RunReport r =
                RunReport.measured(
                        "fan-<wear>",
                        seed,
                        planner,
                        passed ? List.of() : List.of(new Violation("max_failures", 0, 1)),
                        m,
                        List.of(fault),
                        1.0);
        return r.withTelemetry(telemetry);
    }

    private static RunTelemetry telemetry() {
        return new RunTelemetry(
                T0,
                Duration.ofHours(1),
                List.of(
                        new RunTelemetry.Series(
                                "core-rtr-02",
                                "fan_rpm",
                                new double[] {9000, 8900, Double.NaN, 8000}),
                        new RunTelemetry.Series(
                                "core-rtr-02",
                                RunTelemetry.PROBABILITY,
                                new double[] {0, 0.2, 0.9, 1})));
    }

    private static EvalReport report() {
        return new EvalReport(
                List.of("playbook"),
                2,
                List.of(
                        run("playbook", 1, true, telemetry()),
                        run("playbook", 2, false, telemetry())),
                List.of(
                        run("reactive", 1, false, RunTelemetry.NONE),
                        run("oracle", 1, true, telemetry())),
                3.0);
    }

    @Test
    void the_page_loads_nothing_from_elsewhere() {
        String html = HtmlReport.html(report());
        assertThat(html).startsWith("<!DOCTYPE html>");
        assertThat(html)
                .doesNotContain("<script src")
                .doesNotContain("<link")
                .doesNotContain("@import")
                .doesNotContain("url(")
                .doesNotContain("<img");
        // the only addresses are SVG's namespace
        Matcher m = Pattern.compile("https?://[^\"' ]+").matcher(html);
        while (m.find()) {
            assertThat(m.group()).isEqualTo("http://www.w3.org/2000/svg");
        }
    }

    @Test
    void every_run_and_baseline_has_one_timeline_and_one_impact_chart() {
        String html = HtmlReport.html(report());
        assertThat(count(html, "<svg class=\"timeline\"")).isEqualTo(4);
        assertThat(count(html, "<svg class=\"impact\"")).isEqualTo(4);
        assertThat(html).contains("data-run=\"fan-&lt;wear&gt;__reactive__1\"");
    }

    @Test
    void text_from_runs_is_escaped() {
        String html = HtmlReport.html(report());
        assertThat(html)
                .contains("&lt;FAN-TRAY&gt; &amp; &quot;more&quot;")
                .doesNotContain("<FAN-TRAY>")
                .doesNotContain("fan-<wear>");
    }

    @Test
    void the_summary_shows_pass_hat_one_to_k_and_the_matrix_seeds_passed() {
        String html = HtmlReport.html(report());
        assertThat(html).contains("<th>pass^1</th><th>pass^2</th>");
        // playbook: seed 1 passed, seed 2 failed
        assertThat(html).contains("<td class=\"pass-some\">1/2</td>");
        assertThat(html).contains("reactive <small>(baseline)</small>");
    }

    @Test
    void a_telemetry_gap_breaks_the_line_and_a_run_without_telemetry_says_so() {
        String svg = TimelineChart.svg(report().runs().get(0), T0, T0.plus(Duration.ofDays(5)));
        // fan_rpm (9000, 8900, gap, 8000) scaled to its range: a step down, then a lone point
        // after the gap, which starts its own subpath
        assertThat(svg).contains(">fan_rpm<");
        assertThat(count(svg, "<path class=\"series\"")).isEqualTo(1);
        assertThat(svg).contains("d=\"M0 56l1-6M3 0\"");
        // probability 0, 0.2, 0.9, 1 on 0..1
        assertThat(svg).contains("d=\"M0 0l1 11 1 39 1 6\"");
        assertThat(count(svg, "<path class=\"series probability\"")).isEqualTo(1);
        String bare =
                TimelineChart.svg(report().baselines().get(0), T0, T0.plus(Duration.ofDays(5)));
        assertThat(bare).contains("no telemetry recorded");
        assertThat(bare).contains("class=\"moment failed\"");
    }

    @Test
    void a_run_that_stopped_on_an_error_says_so_on_its_timeline() {
        RunReport error =
                RunReport.error("fan-<wear>", 3, "playbook", "IllegalStateException: boom", 0.2);
        String svg = TimelineChart.svg(error, T0, T0.plus(Duration.ofDays(1)));
        assertThat(svg).contains("the run stopped on an error").contains("0 events");
        EvalReport withError =
                new EvalReport(List.of("playbook"), 1, List.of(error), List.of(), 1.0);
        assertThat(HtmlReport.html(withError)).contains("IllegalStateException: boom");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
