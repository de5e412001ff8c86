package dev.autonoc.service.connected;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.loop.RemediationLoop;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.planner.PlaybookPlanner;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.policy.CelPolicyGate;
import dev.autonoc.service.audit.GroupCommitLedger;
import dev.autonoc.service.store.GateMemory;
import dev.autonoc.service.store.ServiceDatabase;
import dev.autonoc.service.store.SharedApprovalQueue;
import dev.autonoc.service.store.SharedCaseStore;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.Preset;
import dev.autonoc.simulators.TwinSpec;
import dev.autonoc.simulators.http.TmfHttpFacade;
import dev.autonoc.tools.catalogue.ToolCatalogues;
import dev.autonoc.tools.http.TmfHttpClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connected mode's loop working a tick's new cases at once against the twin's TMF HTTP façade and
 * the database, with the ports the service wires (the shared case store and approval queue, the
 * network's policy gate, the group-committed ledger): every case is opened and reaches a first
 * proposal, each act keeps one key per attempt, and the ledger verifies.
 */
class NewCasesAtOnceOverHttpTest {

    private static final AtomicInteger COUNT = new AtomicInteger();

    private final OperatorTwin twin = OperatorTwin.create(TwinSpec.quiet(Preset.METRO, 42));
    private final TmfHttpFacade facade = TmfHttpFacade.start(twin);
    private final ExecutorService workers = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        workers.shutdownNow();
        facade.stop();
    }

    @Test
    void eight_cases_opened_in_one_tick_each_reach_a_first_proposal_and_the_ledger_verifies() {
        Clock clock = twin.clock();
        Instant now = clock.instant();
        DataSource ds = h2("jdbc:h2:mem:at-once-" + COUNT.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        JdbcAuditLog ledger = JdbcAuditLog.open(ds, clock);
        ServiceDatabase db = ServiceDatabase.open(ds);
        RoleHierarchy roles = RoleHierarchy.operatorDefault();
        SharedCaseStore cases = SharedCaseStore.open(db, "at-once", "node-1", clock);
        cases.claim(List.of(0), e -> 0);
        List<Prediction> risks = risks(twin.elements(), now, 8);

        RemediationLoop loop =
                RemediationLoop.builder()
                        .caseIdPrefix("case-at-once")
                        .predictor(new Fixed(risks))
                        .planner(new PlaybookPlanner())
                        .gate(
                                new AutonomyGate(
                                        new NetworkPolicyGate(
                                                CelPolicyGate.fromText(
                                                        "default.yaml",
                                                        CelPolicyGate.defaultPolicyText(),
                                                        roles),
                                                new GateMemory(db, "at-once")),
                                        AutonomyLevels.auto()))
                        .approvals(SharedApprovalQueue.open(db, roles))
                        .tools(
                                ToolCatalogues.standard(
                                        TmfHttpClients.ossBss(facade.baseUri()), clock))
                        .audit(new GroupCommitLedger(ledger))
                        .cases(cases.worked())
                        .clock(clock)
                        .elements(twin.elements())
                        .roles(roles)
                        .workNewCasesOn(workers, 4)
                        .build();
        loop.tick(now);

        Map<String, List<AuditEvent>> byCase = new LinkedHashMap<>();
        for (AuditEntry e : ledger.entries()) {
            byCase.computeIfAbsent(e.event().correlationId(), k -> new ArrayList<>())
                    .add(e.event());
        }
        assertThat(byCase).hasSize(8);
        for (var c : byCase.entrySet()) {
            List<AuditEvent> events = c.getValue();
            assertThat(events.get(0).type()).as(c.getKey()).isEqualTo(AuditEventType.PREDICTION);
            assertThat(events.get(1).type()).as(c.getKey()).isEqualTo(AuditEventType.CASE_OPENED);
            assertThat(events)
                    .as(c.getKey() + " proposed an act")
                    .anyMatch(NewCasesAtOnceOverHttpTest::proposal);
            // a case's plan comes before its first act, whoever else was worked meanwhile
            int plan = indexOf(events, e -> e.type() == AuditEventType.PLAN);
            int first = indexOf(events, NewCasesAtOnceOverHttpTest::proposal);
            assertThat(plan).as(c.getKey()).isLessThan(first);
        }
        // each act's key is called under one case and step, however the cases interleaved
        Map<Object, String> keyOwner = new HashMap<>();
        for (List<AuditEvent> events : byCase.values()) {
            for (AuditEvent e : events) {
                if (e.type() == AuditEventType.TOOL_CALL
                        && ToolKind.ACT.name().equals(e.payload().get("tool_kind"))) {
                    String owner = e.correlationId() + "/" + e.payload().get("step");
                    assertThat(keyOwner.putIfAbsent(e.payload().get("idempotency_key"), owner))
                            .isIn(null, owner);
                }
            }
        }
        assertThat(keyOwner).isNotEmpty();
        assertThat(ledger.verify().intact()).isTrue();
        assertThat(cases.open()).hasSize(8);
    }

    private static boolean proposal(AuditEvent e) {
        return e.type() == AuditEventType.APPROVAL_REQUESTED
                || (e.type() == AuditEventType.TOOL_CALL
                        && ToolKind.ACT.name().equals(e.payload().get("tool_kind")));
    }

    private static int indexOf(
            List<AuditEvent> events, java.util.function.Predicate<AuditEvent> which) {
        for (int i = 0; i < events.size(); i++) {
            if (which.test(events.get(i))) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    /** Worn fans on routers and aging lasers on links, failing one to two days from now. */
    static List<Prediction> risks(List<Element> elements, Instant now, int n) {
        List<Prediction> out = new ArrayList<>();
        for (Element e : elements) {
            FailureMode mode =
                    switch (e.kind()) {
                        case LINK -> FailureMode.LASER_AGING;
                        case ROUTER -> FailureMode.FAN_WEAR;
                        default -> null;
                    };
            if (mode == null || out.size() >= n) {
                continue;
            }
            out.add(
                    new Prediction(
                            e.id(),
                            now,
                            0.9,
                            mode,
                            Duration.ofHours(24 + 3L * out.size()),
                            List.of(),
                            "test"));
        }
        return out;
    }

    private static DataSource h2(String url) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser("sa");
        return h2;
    }

    private record Fixed(List<Prediction> risks) implements FailurePredictor {
        @Override
        public String modelVersion() {
            return "test";
        }

        @Override
        public void observe(TelemetrySample sample) {}

        @Override
        public List<Prediction> atRisk(Instant now) {
            return risks;
        }
    }
}
