package dev.autonoc.evals.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.audit.AuditExportFile;
import dev.autonoc.audit.AuditFilter;
import dev.autonoc.audit.AuditVerifier;
import dev.autonoc.audit.CheckpointSigner;
import dev.autonoc.audit.FileVerification;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditVerification;
import dev.autonoc.evals.TestPaths;
import dev.autonoc.evals.report.EvalReport;
import dev.autonoc.evals.report.RunMetrics;
import dev.autonoc.evals.report.RunReport;
import dev.autonoc.evals.scenario.Scenario;
import dev.autonoc.evals.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example fan-wear scenario run end to end: twin, loop, gate, approvals, ledger, measurement.
 * The test that asserts the scenario passes uses the oracle planner (the playbook planner fed the
 * true fault), so that it checks the runner and the loop rather than the quality of the trained
 * model; the shipped playbook planner with the default model is run too, and held to what does not
 * depend on the model's quality: it finishes and breaks no policy.
 */
class EvalRunnerEndToEndTest {

    @TempDir Path dir;

    private Scenario fanWear() {
        return ScenarioLoader.load(
                TestPaths.exampleScenarios().resolve("fan-wear-core-router.yaml"));
    }

    @Test
    void fan_wear_core_router_passes_with_the_oracle_and_fails_with_no_loop() throws IOException {
        Scenario scenario = fanWear();
        EvalRunner runner =
                new EvalRunner(
                        new EvalRunner.Options(
                                List.of(PlannerName.ORACLE, PlannerName.NONE),
                                1,
                                2,
                                false,
                                Optional.of(dir.resolve("a"))));
        EvalReport report = runner.run(List.of(scenario));

        assertThat(report.runs()).extracting(RunReport::planner).containsExactly("oracle", "none");
        RunReport oracle = report.runs().get(0);
        assertThat(oracle.violations()).isEmpty();
        assertThat(oracle.passed()).isTrue();
        RunMetrics m = oracle.metrics().orElseThrow();
        assertThat(m.failures()).isZero();
        assertThat(m.failuresPrevented()).isEqualTo(1);
        assertThat(m.policyViolations()).isZero();
        assertThat(m.toolCalls()).isPositive();
        assertThat(m.meanWarningLeadMinutes()).hasValue(4 * 24 * 60.0);
        assertThat(oracle.faults())
                .singleElement()
                .satisfies(f -> assertThat(f.repairedAt()).isPresent());

        RunReport none = report.runs().get(1);
        assertThat(none.passed()).isFalse();
        assertThat(none.metrics().orElseThrow().failures()).isEqualTo(1);
        assertThat(none.metrics().orElseThrow().toolCalls()).isZero();
        assertThat(report.baselines()).isEmpty();
        assertThat(report.allPassed()).isFalse();

        // the same scenario and seed give the same ledger: the chain's head hash is the same
        EvalReport again =
                new EvalRunner(
                                new EvalRunner.Options(
                                        List.of(PlannerName.ORACLE),
                                        1,
                                        1,
                                        false,
                                        Optional.of(dir.resolve("b"))))
                        .run(List.of(scenario));
        assertThat(again.runs().get(0).metrics()).isEqualTo(oracle.metrics());
        String trail = "fan-wear-core-router__oracle__7.jsonl";
        assertThat(headHash(dir.resolve("a").resolve(trail)))
                .isEqualTo(headHash(dir.resolve("b").resolve(trail)));

        // each trail carries signed checkpoints and ends with a final one over the whole run; it
        // verifies offline with the public key the run gave out, and no private key is in the
        // folder (whoever holds it could re-sign an edited trail)
        Path file = dir.resolve("a").resolve(trail);
        PublicKey key = CheckpointSigner.publicKey(TrailCheckpoints.publicKeyOf(dir.resolve("a")));
        assertThat(Files.readString(dir.resolve("a").resolve(TrailCheckpoints.PUBLIC_KEY_FILE)))
                .isEqualTo(TrailCheckpoints.publicKeyOf(dir.resolve("a")) + "\n");
        try (var files = Files.list(dir.resolve("a"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .allMatch(
                            name -> name.endsWith(".jsonl") || name.equals("checkpoint.pub"),
                            "a trail or the public key");
        }
        FileVerification fv = AuditVerifier.verifyFile(file, false, key, OptionalLong.empty());
        AuditVerification v = fv.chain();
        assertThat(v.intact()).as(v.detail()).isTrue();
        assertThat(v.detail()).contains("signatures valid", "every entry is under a checkpoint");
        assertThat(fv.proven()).as(fv.explanation()).isTrue();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.stream().filter(l -> l.startsWith("{\"checkpoint\"")))
                .hasSizeGreaterThan(1);
        assertThat(lines.get(lines.size() - 1)).startsWith("{\"checkpoint\":{\"final\":true");
        assertThat(
                        AuditVerifier.verifyExport(file, CheckpointSigner.generate().publicKey())
                                .intact())
                .isFalse();
    }

    @Test
    void every_event_of_a_real_run_carries_its_case_actor_simulated_and_wall_time()
            throws IOException {
        Scenario scenario = fanWear();
        Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        new EvalRunner(
                        new EvalRunner.Options(
                                List.of(PlannerName.ORACLE), 1, 1, false, Optional.of(dir)))
                .run(List.of(scenario));
        List<AuditEntry> trail =
                AuditExportFile.find(
                        dir.resolve("fan-wear-core-router__oracle__7.jsonl"),
                        AuditFilter.builder().limit(10_000).build());

        assertThat(trail)
                .extracting(e -> e.event().type())
                .contains(
                        AuditEventType.PREDICTION,
                        AuditEventType.CASE_OPENED,
                        AuditEventType.PLAN,
                        AuditEventType.POLICY_DECISION,
                        AuditEventType.TOOL_CALL,
                        AuditEventType.TOOL_RESULT,
                        AuditEventType.CASE_CLOSED);
        Instant simStart = dev.autonoc.simulators.OperatorTwin.EPOCH;
        for (AuditEntry e : trail) {
            AuditEvent ev = e.event();
            assertThat(ev.actor()).as("actor of %s", e.sequence()).isNotBlank();
            assertThat(ev.correlationId()).as("case of %s", e.sequence()).isNotBlank();
            if (ev.type() != AuditEventType.PREDICTION) {
                assertThat(ev.correlationId()).as("case of %s", e.sequence()).startsWith("case-");
            }
            assertThat(ev.simTime())
                    .as("sim time of %s", e.sequence())
                    .isBetween(simStart, simStart.plus(scenario.duration()));
            assertThat(e.recordedAt()).as("wall time of %s", e.sequence()).isAfterOrEqualTo(start);
        }
        // what a case's events hold to be rebuilt: the tool calls name their idempotency key
        assertThat(trail)
                .filteredOn(e -> e.event().type() == AuditEventType.TOOL_CALL)
                .allSatisfy(e -> assertThat(e.event().payload()).containsKey("idempotency_key"));
    }

    @Test
    void
            the_playbook_planner_with_the_default_model_runs_fan_wear_to_the_end_without_policy_violations() {
        EvalReport report =
                new EvalRunner(
                                new EvalRunner.Options(
                                        List.of(PlannerName.PLAYBOOK),
                                        1,
                                        1,
                                        false,
                                        Optional.empty()))
                        .run(List.of(fanWear()));
        RunReport run = report.runs().get(0);
        assertThat(run.violations())
                .noneMatch(v -> v.key().equals("error") || v.key().equals("policy_violations"));
        RunMetrics m = run.metrics().orElseThrow();
        assertThat(m.policyViolations()).isZero();
        assertThat(m.toolCalls()).as("the loop acted on some prediction").isPositive();
    }

    private static String headHash(Path export) throws IOException {
        List<String> lines = Files.readAllLines(export);
        assertThat(lines).isNotEmpty();
        // the last entry line: checkpoint lines ({"checkpoint":…}) follow it
        String last =
                lines.stream()
                        .filter(l -> !l.startsWith("{\"checkpoint\""))
                        .reduce((a, b) -> b)
                        .orElseThrow();
        int at = last.lastIndexOf("\"hash\":\"");
        assertThat(at).as("a hash in " + last).isNotNegative();
        return last.substring(at + 8, last.indexOf('"', at + 8));
    }
}
