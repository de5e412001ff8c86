package dev.autonoc.evals.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.simulators.FaultTruth;
import dev.autonoc.simulators.Preset;
import dev.autonoc.simulators.RunOutcome;
import dev.autonoc.simulators.RunTruth;
import dev.autonoc.simulators.SlaStatement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The ground-truth and metrics export of a run: what it says, and that it says it the same way. */
class TruthFileTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Instant START = Instant.parse("2025-01-06T00:00:00Z");

    @TempDir Path dir;

    private static RunTruth truth() {
        FaultTruth prevented = Runs.preventedFanWear();
        FaultTruth failed =
                new FaultTruth(
                        ElementId.of("agg-rtr-03"),
                        FailureMode.PSU_DEGRADATION,
                        Instant.parse("2025-01-06T12:00:00Z"),
                        Instant.parse("2025-01-09T12:00:00Z"),
                        Optional.of(Instant.parse("2025-01-09T12:00:00Z")),
                        Optional.empty());
        RunOutcome outcome =
                new RunOutcome(
                        List.of(
                                new RunOutcome.Failure(
                                        ElementId.of("agg-rtr-03"),
                                        Instant.parse("2025-01-09T12:00:00Z"),
                                        "element down")),
                        1234.5678,
                        Map.of("failure", 1200.0, "planned_work", 34.5678, "congestion", 0.0),
                        1_650.0,
                        Map.of("parts", 450.0, "callout", 600.0, "overtime", 600.0),
                        Map.of("ent-02", 40.0),
                        3,
                        List.of(
                                new RunOutcome.Visit(
                                        ElementId.of("cell-04-2"),
                                        Instant.parse("2025-01-07T10:00:00Z"),
                                        "eng-west-1",
                                        "job-0002")),
                        List.of(
                                SlaStatement.assess(
                                        "slice-02",
                                        "ent-02",
                                        YearMonth.of(2025, 1),
                                        12_000,
                                        3_600,
                                        0)));
        return new RunTruth(
                Preset.METRO,
                7,
                START,
                Instant.parse("2025-01-16T00:00:00Z"),
                List.of(prevented, failed),
                outcome);
    }

    @Test
    void the_file_carries_failures_impact_by_cause_costs_by_kind_healthy_dispatches_and_slas()
            throws Exception {
        JsonNode j = MAPPER.readTree(TruthFile.json("fan-wear", "playbook", 7, truth()));

        assertThat(j.path("scenario").asString()).isEqualTo("fan-wear");
        assertThat(j.path("preset").asString()).isEqualTo("metro");
        assertThat(j.path("faults")).hasSize(2);
        assertThat(j.path("faults").get(0).path("outcome").asString()).isEqualTo("prevented");
        assertThat(j.path("faults").get(0).path("time_to_failure_minutes").asLong())
                .isEqualTo(4 * 1440);
        assertThat(j.path("faults").get(0).path("failed_at").isNull()).isTrue();
        assertThat(j.path("faults").get(1).path("outcome").asString()).isEqualTo("failed");
        assertThat(j.path("failures").get(0).path("at").asString())
                .isEqualTo("2025-01-09T12:00:00Z");
        assertThat(j.path("customer_impact_minutes").asDouble()).isEqualTo(1234.57);
        assertThat(j.path("customer_impact_by_cause").path("planned_work").asDouble())
                .isEqualTo(34.57);
        assertThat(j.path("cost_by_kind").path("overtime").asDouble()).isEqualTo(600.0);
        assertThat(j.path("dispatches").asInt()).isEqualTo(3);
        assertThat(j.path("dispatches_to_healthy_elements").get(0).path("element").asString())
                .isEqualTo("cell-04-2");
        JsonNode sla = j.path("sla_statements").get(0);
        assertThat(sla.path("month").asString()).isEqualTo("2025-01");
        assertThat(sla.path("minutes_unavailable").asDouble()).isEqualTo(60.0);
        assertThat(sla.path("availability_breached").asBoolean()).isTrue();
        assertThat(sla.path("credit_due_gbp").asDouble()).isEqualTo(600.0);
        assertThat(j.path("sla_credit_due_gbp").asDouble()).isEqualTo(600.0);
        assertThat(j.path("sla_credit_paid_gbp").asDouble()).isEqualTo(40.0);
    }

    @Test
    void maps_are_written_in_key_order_so_the_same_run_gives_the_same_bytes() {
        String a = TruthFile.json("s", "p", 1, truth());
        String b = TruthFile.json("s", "p", 1, truth());

        assertThat(a).isEqualTo(b);
        assertThat(a.indexOf("\"congestion\"")).isLessThan(a.indexOf("\"failure\""));
        assertThat(a.indexOf("\"failure\"")).isLessThan(a.indexOf("\"planned_work\""));
    }

    @Test
    void the_report_writer_leaves_one_truth_file_per_finished_run() throws Exception {
        RunReport run =
                RunReport.measured(
                        "fan-wear",
                        7,
                        "playbook",
                        List.of(),
                        new RunMetrics(0, 1, 0, 0, 0, 0, 0, 0, 0, OptionalDouble.empty()),
                        truth(),
                        1.0);
        RunReport broken = RunReport.error("fan-wear", 8, "playbook", "boom", 0.1);

        ReportWriter.write(
                new EvalReport(List.of("playbook"), 2, List.of(run, broken), List.of(), 1.0), dir);

        Path file = dir.resolve("truth").resolve("fan-wear__playbook__7.json");
        assertThat(Files.readString(file))
                .isEqualTo(TruthFile.json("fan-wear", "playbook", 7, truth()));
        try (var files = Files.list(dir.resolve("truth"))) {
            assertThat(files).hasSize(1);
        }
    }
}
