package dev.autonoc.service.api;

import dev.autonoc.audit.CheckpointSigner;
import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.CaseId;
import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.Approver;
import dev.autonoc.core.approval.InMemoryApprovalQueue;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.cases.InMemoryCaseStore;
import dev.autonoc.core.loop.RemediationLoop;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.planner.PlaybookPlanner;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.policy.CelPolicyGate;
import dev.autonoc.policy.PolicyStore;
import dev.autonoc.service.audit.AuditCheckpoints;
import dev.autonoc.service.audit.CheckpointProperties;
import dev.autonoc.service.policy.PolicyChanges;
import dev.autonoc.service.policy.PolicyExplainer;
import dev.autonoc.service.security.ApiTokens;
import dev.autonoc.service.security.SecurityConfiguration;
import dev.autonoc.service.simulation.PredictorHorizon;
import dev.autonoc.service.simulation.Simulation;
import dev.autonoc.service.simulation.SimulationStatus;
import dev.autonoc.service.store.PolicyVersions;
import dev.autonoc.service.store.ServiceDatabase;
import dev.autonoc.simulators.OperatorTwin;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The ports behind the API for web-layer tests: the real in-memory approval queue and case store
 * (resettable between tests), a scripted simulation, a real ledger and policy store in memory, with
 * the real security configuration and approval desk.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({
    SecurityConfiguration.class,
    ApprovalDesk.class,
    dev.autonoc.service.security.TokenDesk.class
})
class ApiTestWiring {

    @Bean
    ResettableApprovalQueue approvalQueue(RoleHierarchy roles) {
        return new ResettableApprovalQueue(roles);
    }

    /** The personal API tokens, in memory. */
    @Bean
    ApiTokens apiTokens() {
        return ApiTokens.inMemory(Clock.systemUTC());
    }

    @Bean
    ResettableCaseStore caseStore() {
        return new ResettableCaseStore();
    }

    @Bean
    PredictorHorizon predictorHorizon() {
        return new PredictorHorizon(Duration.ofHours(48));
    }

    /** The console's history, fed by the tests themselves. */
    @Bean
    dev.autonoc.service.history.TelemetryHistory telemetryHistory() {
        return new dev.autonoc.service.history.TelemetryHistory(168);
    }

    @Bean
    ScriptedSimulation simulation() {
        return new ScriptedSimulation();
    }

    /** A real ledger in memory: the audit endpoints are tested against the whole application. */
    @Bean(destroyMethod = "close")
    JdbcAuditLog auditLog() {
        return JdbcAuditLog.h2InMemory("api-test-" + System.nanoTime(), Clock.systemUTC());
    }

    @Bean
    AuditCheckpoints auditCheckpoints(JdbcAuditLog ledger) {
        return new AuditCheckpoints(
                ledger,
                CheckpointSigner.generate(),
                new CheckpointProperties(null, Duration.ZERO, 0, Duration.ofHours(1)),
                Clock.systemUTC());
    }

    /**
     * The real loop over the test's case store, queue and ledger, for what people do with cases
     * (take over, hand back, close); nothing here ticks it, so it plans and calls nothing.
     */
    @Bean
    RemediationLoop remediationLoop(
            ResettableCaseStore cases,
            ResettableApprovalQueue approvals,
            JdbcAuditLog ledger,
            RoleHierarchy roles) {
        return RemediationLoop.builder()
                .predictor(new NoAlarms())
                .planner(new PlaybookPlanner())
                .gate(CelPolicyGate.defaultPolicy())
                .approvals(approvals)
                .tools(ToolCatalogue.of(List.of()))
                .audit(ledger)
                .cases(cases)
                .clock(Clock.fixed(Fixtures.T0, ZoneOffset.UTC))
                .elements(List.of(Fixtures.LINK, Fixtures.CORE))
                .roles(roles)
                .build();
    }

    /** A predictor that sees nothing at risk: the web tests craft their cases. */
    static final class NoAlarms implements FailurePredictor {
        @Override
        public String modelVersion() {
            return "no-alarms";
        }

        @Override
        public void observe(TelemetrySample sample) {}

        @Override
        public List<Prediction> atRisk(Instant now) {
            return List.of();
        }
    }

    @Bean
    PolicyStore policyStore() {
        return PolicyStore.withDefaultPolicy();
    }

    /** Policy changes kept in a database of their own, logged to the ledger above. */
    @Bean
    PolicyChanges policyChanges(PolicyStore store, JdbcAuditLog ledger) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:api-test-service-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        return PolicyChanges.restore(
                store,
                new PolicyVersions(ServiceDatabase.open(h2)),
                ledger,
                Clock.systemUTC(),
                OperatorTwin.EPOCH);
    }

    @Bean
    PolicyExplainer policyExplainer(PolicyStore store) {
        return new PolicyExplainer(store);
    }

    /** The in-memory queue, replaced by a fresh one for each test. */
    static final class ResettableApprovalQueue implements ApprovalQueue {
        private final RoleHierarchy roles;
        private volatile InMemoryApprovalQueue queue;

        ResettableApprovalQueue(RoleHierarchy roles) {
            this.roles = roles;
            reset();
        }

        void reset() {
            queue = new InMemoryApprovalQueue(roles);
        }

        @Override
        public ApprovalRequest submit(ActionRequest action, Decision decision, Instant at) {
            return queue.submit(action, decision, at);
        }

        @Override
        public List<ApprovalRequest> pending() {
            return queue.pending();
        }

        @Override
        public Optional<ApprovalRequest> find(String requestId) {
            return queue.find(requestId);
        }

        @Override
        public Optional<ApprovalAnswer> answer(String requestId) {
            return queue.answer(requestId);
        }

        @Override
        public ApprovalAnswer approve(
                String requestId,
                Approver approver,
                String comment,
                Instant at,
                Optional<ToolCall> amended) {
            return queue.approve(requestId, approver, comment, at, amended);
        }

        @Override
        public ApprovalAnswer reject(
                String requestId, Approver approver, String comment, Instant at) {
            return queue.reject(requestId, approver, comment, at);
        }

        @Override
        public ApprovalAnswer expire(String requestId, String reason, Instant at) {
            return queue.expire(requestId, reason, at);
        }
    }

    static final class ResettableCaseStore implements CaseStore {
        private volatile InMemoryCaseStore store = new InMemoryCaseStore();

        void reset() {
            store = new InMemoryCaseStore();
        }

        @Override
        public void save(CaseRecord record) {
            store.save(record);
        }

        @Override
        public Optional<CaseRecord> find(CaseId id) {
            return store.find(id);
        }

        @Override
        public List<CaseRecord> open() {
            return store.open();
        }

        @Override
        public List<CaseRecord> all() {
            return store.all();
        }
    }

    /** A simulation whose state the test sets; commands are recorded. */
    static final class ScriptedSimulation implements Simulation {
        volatile Instant now = Fixtures.T0;
        volatile boolean running = true;
        volatile List<Element> elements = List.of();
        volatile List<Prediction> atRisk = List.of();
        final List<Duration> advances = new ArrayList<>();
        volatile Map<String, Object> readOutput;
        // how many pieces of work ran "on the simulation's thread"
        final java.util.concurrent.atomic.AtomicInteger exclusiveRuns =
                new java.util.concurrent.atomic.AtomicInteger();

        void reset() {
            exclusiveRuns.set(0);
            now = Fixtures.T0;
            running = true;
            elements = List.of();
            atRisk = List.of();
            advances.clear();
            readOutput = null;
        }

        @Override
        public SimulationStatus status() {
            return new SimulationStatus(
                    now,
                    Fixtures.EPOCH,
                    3600,
                    Duration.ofMinutes(5),
                    running,
                    42,
                    "metro",
                    7,
                    Optional.empty());
        }

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public List<Element> elements() {
            return elements;
        }

        @Override
        public List<Prediction> atRisk() {
            return atRisk;
        }

        @Override
        public void pause() {
            running = false;
        }

        @Override
        public void resume() {
            running = true;
        }

        @Override
        public <T> T exclusively(Supplier<T> work) {
            exclusiveRuns.incrementAndGet();
            return work.get();
        }

        /** Reads answer with {@link #readOutput} when it is set, else fail. */
        @Override
        public ToolResult read(ToolCall call) {
            Map<String, Object> output = readOutput;
            return output == null
                    ? ToolResult.unavailable("no network in this test")
                    : ToolResult.succeeded(output, call.tool());
        }

        @Override
        public SimulationStatus advance(Duration by) {
            if (by.compareTo(Duration.ofDays(30)) > 0) {
                throw new IllegalArgumentException("duration must be at most PT720H, got " + by);
            }
            advances.add(by);
            now = now.plus(by);
            return status();
        }
    }
}
