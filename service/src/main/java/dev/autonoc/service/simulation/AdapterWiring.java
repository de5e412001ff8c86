package dev.autonoc.service.simulation;

import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.InMemoryApprovalQueue;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.cases.InMemoryCaseStore;
import dev.autonoc.core.loop.LoopSettings;
import dev.autonoc.core.loop.RemediationLoop;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.planner.PlaybookPlanner;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.policy.CelPolicyGate;
import dev.autonoc.policy.PolicyStore;
import dev.autonoc.predictor.ModelBundle;
import dev.autonoc.predictor.TribuoFailurePredictor;
import dev.autonoc.simulators.OperatorTwin;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one place that chooses the adapters around the loop: the in-process twin (and the tool
 * catalogue it serves), the failure predictor, the policy gate, the JDBC audit ledger, the playbook
 * planner, and the in-memory approval queue and case store.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SimulationProperties.class, ApprovalProperties.class})
class AdapterWiring {

    @Bean
    OperatorTwin operatorTwin(SimulationProperties settings) {
        return OperatorTwin.create(settings.twinSpec());
    }

    /** The checked-in default model, scoring the twin's elements. */
    @Bean
    LatestPredictions failurePredictor(OperatorTwin twin) {
        return new LatestPredictions(
                new TribuoFailurePredictor(twin.elements(), ModelBundle.loadDefault()));
    }

    /**
     * The policy in force and every version loaded since start: the operator's default policy, or
     * the file {@code autonoc.policy.file} names, checked against the configured role hierarchy.
     * The API replaces and rolls back versions here; the gate reads the current one per decision.
     */
    @Bean
    PolicyStore policyStore(@Value("${autonoc.policy.file:}") String file, RoleHierarchy roles) {
        if (file.isBlank()) {
            return CelPolicyGate.fromText("default.yaml", CelPolicyGate.defaultPolicyText(), roles)
                    .store();
        }
        return PolicyStore.load(Path.of(file), roles);
    }

    /** The loop's gate (and the MCP server's): its guards count what both of them ran. */
    @Bean
    CelPolicyGate policyGate(PolicyStore store) {
        return CelPolicyGate.over(store);
    }

    @Bean
    Planner planner() {
        return new PlaybookPlanner();
    }

    /** The ledger lives in the service's database: H2 under the data folder unless configured. */
    @Bean
    JdbcAuditLog auditLog(DataSource dataSource, Clock wallClock) {
        return JdbcAuditLog.open(dataSource, wallClock);
    }

    @Bean
    ApprovalQueue approvalQueue(RoleHierarchy roles) {
        return new InMemoryApprovalQueue(roles);
    }

    @Bean
    CaseStore caseStore() {
        return new InMemoryCaseStore();
    }

    @Bean
    RemediationLoop remediationLoop(
            OperatorTwin twin,
            LatestPredictions predictor,
            Planner planner,
            PolicyGate gate,
            ApprovalQueue approvals,
            AuditLog audit,
            CaseStore cases,
            RoleHierarchy roles,
            ApprovalProperties approvalSettings,
            Clock wallClock) {
        // The ledger outlives the process and every start replays the simulation from its first
        // day: case ids carry the start time so that a case's correlation id stays unique.
        String run = RunStamp.of(wallClock);
        return RemediationLoop.builder()
                .caseIdPrefix("case-" + run)
                .settings(LoopSettings.defaults().withApprovalTimeout(approvalSettings.timeout()))
                .predictor(predictor)
                .planner(planner)
                .gate(gate)
                .approvals(approvals)
                .tools(twin.tools())
                .audit(audit)
                .cases(cases)
                .clock(twin.clock())
                .elements(twin.elements())
                .roles(roles)
                .build();
    }

    @Bean
    SimulationDriver simulationDriver(
            OperatorTwin twin,
            RemediationLoop loop,
            LatestPredictions predictions,
            Clock wallClock,
            SimulationProperties settings) {
        return new SimulationDriver(twin, loop, predictions, wallClock, settings);
    }
}
