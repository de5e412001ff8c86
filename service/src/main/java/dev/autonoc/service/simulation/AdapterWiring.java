package dev.autonoc.service.simulation;

import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.loop.LoopSettings;
import dev.autonoc.core.loop.RemediationLoop;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.policy.CelPolicyGate;
import dev.autonoc.policy.PolicyStore;
import dev.autonoc.predictor.ModelBundle;
import dev.autonoc.predictor.TribuoFailurePredictor;
import dev.autonoc.service.history.RecordingPredictor;
import dev.autonoc.service.history.TelemetryHistory;
import dev.autonoc.service.policy.PolicyChanges;
import dev.autonoc.service.store.GateMemory;
import dev.autonoc.service.store.JdbcCaseStore;
import dev.autonoc.service.store.PolicyVersions;
import dev.autonoc.service.store.ServiceDatabase;
import dev.autonoc.service.store.WorldStore;
import dev.autonoc.simulators.OperatorTwin;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The embedded mode's adapters around the loop: the in-process twin (and the tool catalogue it
 * serves, journaled), the failure predictor over it, the policy gate's memory and the case store of
 * its world; the ledger, the approval queue, the model and the policy are the modes' shared ones
 * ({@code dev.autonoc.service.SharedWiring}).
 *
 * <p>Order matters at start: after the ledger and the service's tables ({@link ServiceDatabase}),
 * {@link WorldRestore} picks the simulated world (the one the service ran before, or a new one)
 * with a fresh twin and predictor; the loop is built over the world's cases, and {@link
 * WorldReplay} runs the world forward through that loop to where it was before the simulation
 * starts.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "autonoc.mode", havingValue = "embedded", matchIfMissing = true)
@EnableConfigurationProperties({
    SimulationProperties.class,
    ApprovalProperties.class,
    PacingProperties.class
})
class AdapterWiring {

    /** The agent's name in the ledger, for what a start does to the cases. */
    private static final String AGENT = LoopSettings.defaults().agent();

    @Bean
    WorldStore worldStore(ServiceDatabase db) {
        return new WorldStore(db);
    }

    /**
     * The world the loop works on: the one the service ran before (same spec), still to be rebuilt
     * ({@link #rebuiltWorld}), or a new one; see {@link WorldRestore}.
     */
    @Bean
    WorldRestore.Prepared preparedWorld(
            WorldRestore restore,
            SimulationProperties settings,
            ModelBundle failureModel,
            TelemetryHistory history) {
        // the console's charts are fed where the predictor is (a rebuild fills them again)
        return restore.prepare(
                settings.twinSpec(),
                twin ->
                        new LatestPredictions(
                                new RecordingPredictor(
                                        new TribuoFailurePredictor(twin.elements(), failureModel),
                                        history)));
    }

    @Bean
    WorldRestore worldRestore(
            ServiceDatabase db,
            WorldStore worlds,
            ApprovalQueue approvals,
            AuditLog audit,
            Clock wallClock) {
        return new WorldRestore(db, worlds, approvals, audit, wallClock, AGENT);
    }

    /**
     * The world run forward through the loop to where it was when the service stopped, before the
     * simulation starts; see {@link WorldReplay}.
     */
    @Bean
    WorldReplay.Rebuilt rebuiltWorld(
            WorldRestore.Prepared world,
            RemediationLoop loop,
            WorldRestore restore,
            WorldStore worlds,
            ApprovalQueue approvals,
            AuditLog audit,
            SimulationProperties settings) {
        return new WorldReplay(restore, worlds, approvals, audit)
                .rebuild(world, loop, settings.twinSpec());
    }

    @Bean
    OperatorTwin operatorTwin(WorldRestore.Prepared world) {
        return world.twin();
    }

    /** The checked-in default model, scoring the twin's elements (fed again by a rebuild). */
    @Bean
    LatestPredictions failurePredictor(WorldRestore.Prepared world) {
        return world.predictions();
    }

    /** Every call against the twin, from the loop, MCP clients or the console, journaled. */
    @Bean
    ToolCatalogue worldTools(OperatorTwin twin, WorldStore worlds, WorldRestore.Prepared world) {
        return new JournaledTools(twin.tools(), worlds, world.world().id(), twin.clock());
    }

    @Bean
    PolicyChanges policyChanges(
            PolicyStore store,
            ServiceDatabase db,
            AuditLog audit,
            Clock wallClock,
            WorldRestore.Prepared world) {
        // a change at start happens where the world stands (the time it had reached)
        return PolicyChanges.restore(
                store, new PolicyVersions(db), audit, wallClock, world.world().simTime());
    }

    /**
     * The loop's gate (and the MCP server's): its guards count what both of them ran, in this run
     * and, after a restart, before it in the same world (a restart does not reset a day's spend or
     * calls): every execution is kept in the world's {@link GateMemory}.
     */
    @Bean
    @Primary
    PolicyGate policyGate(CelPolicyGate gate, ServiceDatabase db, WorldRestore.Prepared world) {
        return new DurablePolicyGate(gate, new GateMemory(db, world.world().id()));
    }

    /** The cases of the world the loop works on. */
    @Bean
    CaseStore caseStore(ServiceDatabase db, WorldRestore.Prepared world) {
        return JdbcCaseStore.open(db, world.world().id());
    }

    @Bean
    RemediationLoop remediationLoop(
            WorldRestore.Prepared world,
            LatestPredictions predictor,
            Planner planner,
            PolicyGate gate,
            ApprovalQueue approvals,
            AuditLog audit,
            CaseStore cases,
            ToolCatalogue tools,
            RoleHierarchy roles,
            ApprovalProperties approvalSettings) {
        return loop(
                world,
                predictor,
                planner,
                gate,
                approvals,
                audit,
                cases,
                tools,
                roles,
                LoopSettings.defaults().withApprovalTimeout(approvalSettings.timeout()));
    }

    /**
     * The loop over a world's twin and cases, as the service builds it (and the kill test, which
     * wires the same parts without Spring).
     */
    static RemediationLoop loop(
            WorldRestore.Prepared world,
            LatestPredictions predictor,
            Planner planner,
            PolicyGate gate,
            ApprovalQueue approvals,
            AuditLog audit,
            CaseStore cases,
            ToolCatalogue tools,
            RoleHierarchy roles,
            LoopSettings settings) {
        // Case ids carry the world's id: they stay unique in the ledger, which outlives worlds,
        // and a rebuilt world numbers its cases on from where it was.
        OperatorTwin twin = world.twin();
        return RemediationLoop.builder()
                .caseIdPrefix("case-" + world.world().id())
                .settings(settings)
                .predictor(predictor)
                .planner(planner)
                .gate(gate)
                .approvals(approvals)
                .tools(tools)
                .audit(audit)
                .cases(cases)
                .clock(twin.clock())
                .elements(twin.elements())
                .roles(roles)
                .build();
    }

    /** The simulation starts once the world is rebuilt: the driver takes the rebuilt world. */
    @Bean
    SimulationDriver simulationDriver(
            WorldReplay.Rebuilt world,
            RemediationLoop loop,
            LatestPredictions predictions,
            ToolCatalogue tools,
            WorldStore worlds,
            Clock wallClock,
            SimulationProperties settings,
            PacingProperties pacing,
            ApprovalQueue approvals,
            CaseStore cases) {
        String worldId = world.world().id();
        return new SimulationDriver(
                world.twin(),
                loop,
                predictions,
                wallClock,
                settings,
                tools,
                OperatorTwin.EPOCH,
                at -> worlds.reached(worldId, at),
                world.error(),
                new Pacing(
                        settings.pace(), pacing, () -> personNeeded(approvals, cases), wallClock));
    }

    /** Why a person is needed now (an approval waits, a case asks for one), or empty. */
    static Optional<String> personNeeded(ApprovalQueue approvals, CaseStore cases) {
        List<ApprovalRequest> waiting = approvals.pending();
        if (!waiting.isEmpty()) {
            ApprovalRequest first = waiting.get(0);
            return Optional.of(
                    (waiting.size() == 1 ? "an approval waits" : waiting.size() + " approvals wait")
                            + " ("
                            + first.action().call().tool()
                            + " on "
                            + first.action().element().id().value()
                            + ")");
        }
        return cases.open().stream()
                .filter(c -> c.status() == CaseStatus.NEEDS_PERSON)
                .findFirst()
                .map(c -> "case " + c.id().value() + " needs a person");
    }
}
