package dev.autonoc.evals.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.approval.InMemoryApprovalQueue;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditVerification;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.cases.InMemoryCaseStore;
import dev.autonoc.core.loop.RemediationLoop;
import dev.autonoc.core.planner.PlaybookPlanner;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.evals.scenario.Scenario;
import dev.autonoc.evals.scenario.ScenarioLoader;
import dev.autonoc.policy.CelPolicyGate;
import dev.autonoc.predictor.ModelBundle;
import dev.autonoc.predictor.TribuoFailurePredictor;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.TwinListener;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fan-wear scenario through the real loop: the twin's telemetry, the trained model, the
 * playbook planner, the default policy, the tool catalogue over the twin, and the ledger in an H2
 * file. The trail must tell the whole story in order and verify; an edit to a stored event must be
 * named.
 */
class FanWearEndToEndTest {

    /** The example scenario fan-wear-core-router, verbatim in substance. */
    static final String SCENARIO =
            """
            id: fan-wear-core-router
            description: One core router's fan tray wears out over four days.
            seed: 7
            duration: P8D
            network:
              preset: metro
            faults:
              - element: core-rtr-02
                mode: FAN_WEAR
                onset: P1D
                time_to_failure: P4D
            expect:
              failures_prevented: [core-rtr-02]
              max_failures: 0
              max_customer_impact_minutes: 0
            """;

    @TempDir static Path dir;
    static Path db;
    static List<AuditEntry> trail;
    static List<CaseRecord> cases;
    static OperatorTwin twin;

    @BeforeAll
    static void runTheScenario() {
        Scenario scenario = ScenarioLoader.parse(Path.of("fan-wear-core-router.yaml"), SCENARIO);
        twin = OperatorTwin.create(scenario.twinSpec(scenario.seed()));
        db = dir.resolve("audit");
        InMemoryCaseStore store = new InMemoryCaseStore();
        try (JdbcAuditLog ledger = JdbcAuditLog.h2File(db, Clock.systemUTC())) {
            InMemoryApprovalQueue approvals =
                    new InMemoryApprovalQueue(RoleHierarchy.operatorDefault());
            RemediationLoop loop =
                    RemediationLoop.builder()
                            .predictor(
                                    new TribuoFailurePredictor(
                                            twin.elements(), ModelBundle.loadDefault()))
                            .planner(new PlaybookPlanner())
                            .gate(CelPolicyGate.defaultPolicy())
                            .approvals(approvals)
                            .tools(twin.tools())
                            .audit(ledger)
                            .cases(store)
                            .clock(twin.clock())
                            .elements(twin.elements())
                            .build();
            TwinListener feed =
                    new TwinListener() {
                        @Override
                        public void onTelemetry(TelemetrySample sample) {
                            loop.observe(sample);
                        }

                        @Override
                        public void onAlarm(Alarm alarm) {
                            loop.observe(alarm);
                        }
                    };
            Instant end = OperatorTwin.EPOCH.plus(scenario.duration());
            for (Instant t = OperatorTwin.EPOCH; t.isBefore(end); ) {
                t = t.plus(scenario.tick());
                twin.advanceTo(t, feed);
                loop.step();
                assertThat(approvals.pending())
                        .as("the default policy lets this case run alone")
                        .isEmpty();
            }
            trail = ledger.entries();
        }
        cases = store.all();
    }

    @Test
    void the_router_is_mended_before_it_fails_and_nobody_notices() {
        assertThat(twin.outcome().failures()).isEmpty();
        assertThat(twin.outcome().customerImpactMinutes()).isZero();
        assertThat(twin.groundTruth().faults())
                .singleElement()
                .satisfies(f -> assertThat(f.repairedAt()).isPresent());
        assertThat(cases)
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.element().id().value()).isEqualTo("core-rtr-02");
                            assertThat(c.status()).isEqualTo(CaseStatus.CLOSED);
                        });
    }

    @Test
    void the_trail_holds_prediction_case_plan_decisions_tool_calls_and_closure_in_order() {
        String caseId = cases.get(0).id().value();
        List<AuditEntry> events =
                trail.stream().filter(e -> e.event().correlationId().equals(caseId)).toList();
        List<AuditEventType> types = events.stream().map(e -> e.event().type()).toList();

        assertThat(types.get(0)).isEqualTo(AuditEventType.PREDICTION);
        assertThat(types.get(1)).isEqualTo(AuditEventType.CASE_OPENED);
        assertThat(types).last().isEqualTo(AuditEventType.CASE_CLOSED);
        int plan = types.indexOf(AuditEventType.PLAN);
        assertThat(plan).isGreaterThan(1);
        assertThat(types.subList(0, plan)).doesNotContain(AuditEventType.POLICY_DECISION);

        // Every acting call follows its own ALLOW, and each call is followed by its result.
        List<String> actsRun = new ArrayList<>();
        for (int i = plan + 1; i < events.size(); i++) {
            AuditEntry e = events.get(i);
            if (e.event().type() == AuditEventType.TOOL_CALL
                    && "ACT".equals(e.event().payload().get("tool_kind"))) {
                AuditEntry decision = events.get(i - 1);
                assertThat(decision.event().type()).isEqualTo(AuditEventType.POLICY_DECISION);
                assertThat(decision.event().payload())
                        .containsEntry("effect", "ALLOW")
                        .containsEntry("tool", e.event().payload().get("tool"));
                assertThat(events.get(i + 1).event().type()).isEqualTo(AuditEventType.TOOL_RESULT);
                actsRun.add((String) e.event().payload().get("tool"));
            }
        }
        assertThat(actsRun)
                .containsSubsequence(
                        "order_part",
                        "dispatch_engineer",
                        "reroute_traffic",
                        "restore_traffic",
                        "close_ticket");
        assertThat(events.get(0).event().payload())
                .containsKey("model_version")
                .containsKey("evidence");
        assertThat(events.get(plan).event().payload()).containsEntry("planner", "playbook");
        assertThat(trail).extracting(AuditEntry::sequence).isSorted();
    }

    @Test
    void the_ledger_verifies_and_an_edited_event_is_named() throws Exception {
        try (JdbcAuditLog ledger = JdbcAuditLog.h2File(db, Clock.systemUTC())) {
            AuditVerification ok = ledger.verify();
            assertThat(ok.intact()).as(ok.detail()).isTrue();
            assertThat(ok.entriesChecked()).isEqualTo(trail.size());
        }
        AuditEntry victim =
                trail.stream()
                        .filter(
                                e ->
                                        e.event().type() == AuditEventType.TOOL_CALL
                                                && "order_part"
                                                        .equals(e.event().payload().get("tool")))
                        .findFirst()
                        .orElseThrow();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db, "sa", "");
                PreparedStatement edit =
                        c.prepareStatement(
                                "UPDATE audit_entry SET event_json = REPLACE(event_json, 'FAN-TRAY', 'LINE-CARD') WHERE sequence = ?")) {
            edit.setLong(1, victim.sequence());
            assertThat(edit.executeUpdate()).isEqualTo(1);
        }
        try (JdbcAuditLog ledger = JdbcAuditLog.h2File(db, Clock.systemUTC())) {
            AuditVerification broken = ledger.verify();
            assertThat(broken.intact()).isFalse();
            assertThat(broken.firstBadSequence()).hasValue(victim.sequence());
            assertThat(broken.detail()).isNotBlank();
        }
        assertThat(Set.of(victim.event().type())).containsOnly(AuditEventType.TOOL_CALL);
    }
}
