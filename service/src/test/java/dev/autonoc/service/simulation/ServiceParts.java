package dev.autonoc.service.simulation;

import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.loop.LoopSettings;
import dev.autonoc.core.loop.RemediationLoop;
import dev.autonoc.core.planner.PlaybookPlanner;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.policy.CelPolicyGate;
import dev.autonoc.predictor.ModelBundle;
import dev.autonoc.predictor.TribuoFailurePredictor;
import dev.autonoc.service.store.GateMemory;
import dev.autonoc.service.store.JdbcApprovalQueue;
import dev.autonoc.service.store.JdbcCaseStore;
import dev.autonoc.service.store.ServiceDatabase;
import dev.autonoc.service.store.WorldStore;
import dev.autonoc.simulators.OperatorTwin;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The service's parts around the loop, wired as {@link AdapterWiring} wires them but without
 * Spring, over a database the caller opened: the world (prepared, then rebuilt through the loop),
 * the durable gate over the default policy, the journaled tools, the JDBC stores, the loop and the
 * simulation driver. For the tests that start a service's world again and again ({@link
 * WorldRestoreTest}, the kill test's child {@link KillableRun}).
 */
final class ServiceParts implements AutoCloseable {

    private static final ModelBundle MODEL = ModelBundle.loadDefault();

    /** Where a test may wrap a part, to watch or stop it; each returns its argument by default. */
    interface Wrappers {
        /** Told the world's twin as soon as it exists, before anything else is built over it. */
        default void twin(OperatorTwin twin) {}

        default CaseStore cases(CaseStore cases) {
            return cases;
        }

        default ApprovalQueue approvals(ApprovalQueue approvals) {
            return approvals;
        }

        /** The twin's own tools, under the journal: a call reaches them once it is journaled. */
        default ToolCatalogue twinTools(ToolCatalogue tools) {
            return tools;
        }

        default PolicyGate gate(PolicyGate gate) {
            return gate;
        }

        default Consumer<Instant> reached(Consumer<Instant> reached) {
            return reached;
        }

        Wrappers NONE = new Wrappers() {};
    }

    final WorldStore worlds;
    final WorldRestore.Prepared prepared;
    final WorldReplay.Rebuilt rebuilt;
    final CelPolicyGate policy;
    final PolicyGate gate;
    final ToolCatalogue tools;
    final CaseStore cases;
    final ApprovalQueue approvals;
    final RemediationLoop loop;
    final SimulationDriver driver;

    private ServiceParts(
            WorldStore worlds,
            WorldRestore.Prepared prepared,
            WorldReplay.Rebuilt rebuilt,
            CelPolicyGate policy,
            PolicyGate gate,
            ToolCatalogue tools,
            CaseStore cases,
            ApprovalQueue approvals,
            RemediationLoop loop,
            SimulationDriver driver) {
        this.worlds = worlds;
        this.prepared = prepared;
        this.rebuilt = rebuilt;
        this.policy = policy;
        this.gate = gate;
        this.tools = tools;
        this.cases = cases;
        this.approvals = approvals;
        this.loop = loop;
        this.driver = driver;
    }

    /**
     * Starts the world {@code settings} describe on {@code db}: the one there (rebuilt) or a new
     * one; the driver is started, paused.
     *
     * @param approvalTimeout how long the loop's approval requests wait ({@code 0}: for ever)
     * @throws IllegalStateException when the world there cannot be rebuilt (see {@link
     *     WorldReplay#rebuild})
     */
    static ServiceParts start(
            ServiceDatabase db,
            AuditLog audit,
            SimulationProperties settings,
            Duration approvalTimeout,
            Clock wall,
            Wrappers wrap) {
        WorldStore worlds = new WorldStore(db);
        RoleHierarchy roles = RoleHierarchy.operatorDefault();
        ApprovalQueue approvals = wrap.approvals(JdbcApprovalQueue.open(db, roles));
        String agent = LoopSettings.defaults().agent();
        WorldRestore restore = new WorldRestore(db, worlds, approvals, audit, wall, agent);
        WorldRestore.Prepared prepared =
                restore.prepare(
                        settings.twinSpec(),
                        twin ->
                                new LatestPredictions(
                                        new TribuoFailurePredictor(twin.elements(), MODEL)));
        String worldId = prepared.world().id();
        OperatorTwin twin = prepared.twin();
        wrap.twin(twin);
        ToolCatalogue tools =
                new JournaledTools(wrap.twinTools(twin.tools()), worlds, worldId, twin.clock());
        CelPolicyGate policy = CelPolicyGate.defaultPolicy();
        PolicyGate gate = wrap.gate(new DurablePolicyGate(policy, new GateMemory(db, worldId)));
        CaseStore cases = wrap.cases(JdbcCaseStore.open(db, worldId));
        RemediationLoop loop =
                AdapterWiring.loop(
                        prepared,
                        prepared.predictions(),
                        new PlaybookPlanner(),
                        gate,
                        approvals,
                        audit,
                        cases,
                        tools,
                        roles,
                        LoopSettings.defaults().withApprovalTimeout(approvalTimeout));
        WorldReplay.Rebuilt rebuilt =
                new WorldReplay(restore, worlds, approvals, audit)
                        .rebuild(prepared, loop, settings.twinSpec());
        SimulationDriver driver =
                new SimulationDriver(
                        twin,
                        loop,
                        prepared.predictions(),
                        wall,
                        settings,
                        tools,
                        OperatorTwin.EPOCH,
                        wrap.reached(at -> worlds.reached(worldId, at)),
                        rebuilt.error());
        driver.start();
        return new ServiceParts(
                worlds, prepared, rebuilt, policy, gate, tools, cases, approvals, loop, driver);
    }

    /** The demo's settings, paused, with the given seed and faults, run as fast as they go. */
    static SimulationProperties settings(
            long seed, java.util.List<SimulationProperties.Fault> faults) {
        return new SimulationProperties(
                "metro",
                seed,
                Duration.ofMinutes(5),
                3600,
                false,
                Duration.ofDays(30),
                Duration.ofMillis(100),
                faults);
    }

    OperatorTwin twin() {
        return prepared.twin();
    }

    String worldId() {
        return prepared.world().id();
    }

    @Override
    public void close() {
        driver.stop();
    }
}
