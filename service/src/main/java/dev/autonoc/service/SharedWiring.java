package dev.autonoc.service;

import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.policy.CelPolicyGate;
import dev.autonoc.policy.PolicyStore;
import dev.autonoc.predictor.ModelBundle;
import dev.autonoc.service.policy.PolicyChanges;
import dev.autonoc.service.simulation.PredictorHorizon;
import dev.autonoc.service.store.JdbcApprovalQueue;
import dev.autonoc.service.store.ServiceDatabase;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The parts around the loop that do not depend on what the loop works on: the ledger, the service's
 * tables, the approval queue, the failure model and the policy. The embedded mode ({@code
 * simulation.AdapterWiring}, the in-process twin) and the connected mode ({@code
 * connected.ConnectedWiring}, the operator's systems) add the world, the tools, the gate's memory,
 * the cases and the loop; each also says from when kept policy changes apply ({@link
 * PolicyChanges}), since that is the world's time.
 *
 * <p>Order matters at start: the ledger migrates its schema first, then the service's tables.
 */
@Configuration(proxyBeanMethods = false)
class SharedWiring {

    /** The ledger lives in the service's database: H2 under the data folder unless configured. */
    @Bean
    JdbcAuditLog auditLog(DataSource dataSource, Clock wallClock) {
        return JdbcAuditLog.open(dataSource, wallClock);
    }

    /** The service's own tables, beside the ledger's (migrated after them). */
    @Bean
    ServiceDatabase serviceDatabase(DataSource dataSource, JdbcAuditLog ledgerMigratedFirst) {
        return ServiceDatabase.open(dataSource);
    }

    @Bean
    ApprovalQueue approvalQueue(ServiceDatabase db, RoleHierarchy roles) {
        return JdbcApprovalQueue.open(db, roles);
    }

    /** The checked-in default failure model. */
    @Bean
    ModelBundle failureModel() {
        return ModelBundle.loadDefault();
    }

    /** What the served probabilities are about: failing within the model's horizon. */
    @Bean
    PredictorHorizon predictorHorizon(ModelBundle failureModel) {
        return new PredictorHorizon(failureModel.horizon());
    }

    /**
     * The policy in force and every version kept: the operator's default policy, or the file {@code
     * autonoc.policy.file} names, checked against the configured role hierarchy, then every version
     * kept in the database and the one in force before a restart ({@link PolicyChanges}). The API
     * replaces and rolls back versions through {@link PolicyChanges}; the gate reads the current
     * one per decision.
     */
    @Bean
    PolicyStore policyStore(@Value("${autonoc.policy.file:}") String file, RoleHierarchy roles) {
        if (file.isBlank()) {
            return CelPolicyGate.fromText("default.yaml", CelPolicyGate.defaultPolicyText(), roles)
                    .store();
        }
        return PolicyStore.load(Path.of(file), roles);
    }

    /** The policy in force, deciding; the modes wrap it with the guards' memory. */
    @Bean
    CelPolicyGate celPolicyGate(PolicyStore store, PolicyChanges restoredFirst) {
        return CelPolicyGate.over(store);
    }
}
