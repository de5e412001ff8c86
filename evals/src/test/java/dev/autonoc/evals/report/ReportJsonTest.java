package dev.autonoc.evals.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.simulators.FaultTruth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReportJsonTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @TempDir Path dir;

    private EvalReport report() {
        FaultTruth fault = Runs.preventedFanWear();
        RunReport passed =
                RunReport.measured(
                        "fan-wear-core-router",
                        7,
                        "playbook",
                        List.of(),
                        new RunMetrics(
                                0, 1, 0.0, 1840.0, 0.0, 0, 0, 1, 6, OptionalDouble.of(2870.0)),
                        List.of(fault),
                        2.5);
        RunReport failed =
                RunReport.measured(
                        "fan-wear-core-router",
                        8,
                        "playbook",
                        List.of(
                                new Violation("max_failures", 0, 1),
                                new Violation(
                                        "tools_used",
                                        List.of("order_part"),
                                        "not run: order_part")),
                        new RunMetrics(1, 0, 3000.0, 0.0, 0.0, 0, 0, 0, 0, OptionalDouble.empty()),
                        List.of(),
                        2.0);
        List<RunReport> baselines = new ArrayList<>();
        baselines.add(Runs.failed("fan-wear-core-router", 7, "reactive", 6000));
        baselines.add(Runs.failed("fan-wear-core-router", 8, "reactive", 6000));
        baselines.add(Runs.passed("fan-wear-core-router", 7, "oracle", 0));
        baselines.add(Runs.passed("fan-wear-core-router", 8, "oracle", 0));
        return new EvalReport(List.of("playbook"), 2, List.of(passed, failed), baselines, 9.5);
    }

    @Test
    void writes_runs_and_summary_with_the_readme_keys_in_order() {
        JsonNode root = MAPPER.readTree(ReportWriter.json(report()));
        assertThat(root.propertyNames()).containsExactly("runs", "baselines", "summary");
        JsonNode run = root.get("runs").get(0);
        assertThat(run.propertyNames())
                .containsExactly(
                        "scenario",
                        "seed",
                        "planner",
                        "passed",
                        "violations",
                        "metrics",
                        "faults",
                        "wall_time_seconds");
        assertThat(run.get("scenario").asString()).isEqualTo("fan-wear-core-router");
        assertThat(run.get("seed").asLong()).isEqualTo(7);
        assertThat(run.get("passed").asBoolean()).isTrue();
        assertThat(run.get("violations").isArray()).isTrue();
        assertThat(run.get("metrics").propertyNames())
                .containsExactly(
                        "failures",
                        "failures_prevented",
                        "customer_impact_minutes",
                        "ops_cost_gbp",
                        "sla_credit_gbp",
                        "false_dispatches",
                        "policy_violations",
                        "approvals_requested",
                        "tool_calls",
                        "mean_warning_lead_minutes",
                        "time_to_detect_minutes",
                        "faults_detected",
                        "time_to_mitigate_minutes",
                        "faults_mitigated",
                        "steps",
                        "read_calls",
                        "refused_calls",
                        "invalid_calls",
                        "denied_proposals",
                        "replans",
                        "approval_wait_minutes",
                        "max_approval_wait_minutes",
                        "approvals_unanswered",
                        "calls_by_tool",
                        "acts_on_untrusted_data",
                        "contradicted_cases",
                        "abstentions",
                        "abstained_element_hours",
                        "faults_missed_in_gap",
                        "model");
        assertThat(run.get("metrics").get("ops_cost_gbp").asDouble()).isEqualTo(1840.0);
        assertThat(run.get("metrics").get("customer_impact_minutes").isDouble()).isTrue();
        assertThat(run.get("metrics").get("failures").isInt()).isTrue();
        assertThat(run.get("faults").get(0).get("repaired_at").asString())
                .isEqualTo("2025-01-08T11:00:00Z");
        assertThat(run.get("faults").get(0).get("failed_at").isNull()).isTrue();
    }

    @Test
    void writes_each_failed_expectation_with_the_measured_value_and_null_for_no_warning() {
        JsonNode run = MAPPER.readTree(ReportWriter.json(report())).get("runs").get(1);
        assertThat(run.get("passed").asBoolean()).isFalse();
        JsonNode violation = run.get("violations").get(0);
        assertThat(violation.get("key").asString()).isEqualTo("max_failures");
        assertThat(violation.get("expected").asInt()).isZero();
        assertThat(violation.get("measured").asInt()).isEqualTo(1);
        assertThat(run.get("violations").get(1).get("expected").get(0).asString())
                .isEqualTo("order_part");
        assertThat(run.get("metrics").get("mean_warning_lead_minutes").isNull()).isTrue();
    }

    @Test
    void summarises_pass_hat_k_policy_violations_and_capture_ratio() {
        JsonNode summary = MAPPER.readTree(ReportWriter.json(report())).get("summary");
        assertThat(summary.propertyNames())
                .startsWith("runs", "passed", "pass_hat_k", "policy_violations", "capture_ratio")
                .contains("planners", "wall_time_seconds", "seeds");
        assertThat(summary.get("runs").asInt()).isEqualTo(2);
        assertThat(summary.get("passed").asInt()).isEqualTo(1);
        assertThat(summary.get("pass_hat_k").asDouble()).isZero();
        assertThat(summary.get("policy_violations").asInt()).isZero();
        // reactive 12000, oracle 0, planner 3000: (12000 - 3000) / 12000
        assertThat(summary.get("capture_ratio").asDouble()).isEqualTo(0.75);
        assertThat(summary.get("planners").get("playbook").get("capture_ratio").asDouble())
                .isEqualTo(0.75);
        // seed 7 passed, seed 8 failed: pass^1 = 1/2, pass^2 = 0
        assertThat(summary.get("pass_hat").get("1").asDouble()).isEqualTo(0.5);
        assertThat(summary.get("pass_hat").get("2").asDouble()).isZero();
        assertThat(summary.get("planners").get("playbook").get("pass_hat").propertyNames())
                .containsExactly("1", "2");
        assertThat(summary.get("wall_time_seconds").asDouble()).isEqualTo(9.5);
    }

    @Test
    void baseline_runs_are_reported_apart_and_not_counted_as_runs() {
        JsonNode root = MAPPER.readTree(ReportWriter.json(report()));
        assertThat(root.get("runs")).hasSize(2);
        assertThat(root.get("baselines")).hasSize(4);
        assertThat(root.get("baselines").get(0).get("planner").asString()).isEqualTo("reactive");
    }

    @Test
    void leaves_out_baselines_and_gives_a_null_ratio_when_no_baseline_ran() {
        EvalReport report =
                new EvalReport(
                        List.of("playbook"),
                        1,
                        List.of(Runs.passed("a", 1, "playbook", 0)),
                        List.of(),
                        1.0);
        JsonNode root = MAPPER.readTree(ReportWriter.json(report));
        assertThat(root.has("baselines")).isFalse();
        assertThat(root.get("summary").get("capture_ratio").isNull()).isTrue();
        assertThat(root.get("summary").get("pass_hat_k").asDouble()).isEqualTo(1.0);
    }

    @Test
    void writes_report_json_and_a_markdown_table_naming_what_failed() throws Exception {
        ReportWriter.write(report(), dir.resolve("out"));
        assertThat(dir.resolve("out/report.json")).exists();
        String md = Files.readString(dir.resolve("out/report.md"));
        assertThat(md)
                .contains("| planner | runs | passed | pass^1 | pass^2 | capture ratio |")
                .contains("| playbook | 2 | 1 | 0.50 | 0.00 | 0.75 | 0 |")
                .contains("| fan-wear-core-router | playbook | 8 | **no** |")
                .contains("## What failed")
                .contains("max_failures: expected 0, measured 1");
        assertThat(dir.resolve("out/report.html")).exists();
        assertThat(dir.resolve("out/report.junit.xml")).exists();
        String terminal = ReportWriter.terminalSummary(report(), dir);
        assertThat(terminal)
                .contains("2 runs, 1 passed, 1 failed")
                .contains("FAILED fan-wear-core-router seed 8 playbook")
                .contains("pass^1 0.50  pass^2 0.00");
    }
}
