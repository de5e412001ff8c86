package dev.autonoc.service.api;

import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.Approver;
import dev.autonoc.core.approval.InMemoryApprovalQueue;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.audit.AuditVerification;
import dev.autonoc.core.cases.CaseId;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.cases.InMemoryCaseStore;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.service.security.SecurityConfiguration;
import dev.autonoc.service.simulation.Simulation;
import dev.autonoc.service.simulation.SimulationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The ports behind the API for web-layer tests: the real in-memory approval queue and case store
 * (resettable between tests), a scripted simulation and a recording audit log, with the real
 * security configuration and approval desk.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({SecurityConfiguration.class, ApprovalDesk.class})
class ApiTestWiring {

    @Bean
    ResettableApprovalQueue approvalQueue(RoleHierarchy roles) {
        return new ResettableApprovalQueue(roles);
    }

    @Bean
    ResettableCaseStore caseStore() {
        return new ResettableCaseStore();
    }

    @Bean
    ScriptedSimulation simulation() {
        return new ScriptedSimulation();
    }

    @Bean
    RecordingAuditLog auditLog() {
        return new RecordingAuditLog();
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

        void reset() {
            now = Fixtures.T0;
            running = true;
            elements = List.of();
            atRisk = List.of();
            advances.clear();
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
        public SimulationStatus advance(Duration by) {
            if (by.compareTo(Duration.ofDays(30)) > 0) {
                throw new IllegalArgumentException("duration must be at most PT720H, got " + by);
            }
            advances.add(by);
            now = now.plus(by);
            return status();
        }
    }

    /** An audit log that answers from a list and remembers the last query. */
    static final class RecordingAuditLog implements AuditLog {
        final List<AuditEntry> entries = new ArrayList<>();
        volatile AuditQuery lastQuery;
        volatile AuditVerification verification = AuditVerification.intact(0);

        void reset() {
            entries.clear();
            lastQuery = null;
            verification = AuditVerification.intact(0);
        }

        @Override
        public synchronized AuditEntry append(AuditEvent event) {
            long sequence = entries.size() + 1;
            AuditEntry entry =
                    new AuditEntry(
                            sequence, event, Fixtures.WALL, "h" + (sequence - 1), "h" + sequence);
            entries.add(entry);
            return entry;
        }

        @Override
        public synchronized List<AuditEntry> query(AuditQuery query) {
            lastQuery = query;
            return entries.stream()
                    .filter(e -> e.sequence() > query.afterSequence())
                    .filter(e -> query.type().map(t -> t == e.event().type()).orElse(true))
                    .limit(query.limit())
                    .toList();
        }

        @Override
        public AuditVerification verify() {
            return verification;
        }
    }
}
