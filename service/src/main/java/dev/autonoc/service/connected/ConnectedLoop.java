package dev.autonoc.service.connected;

import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.loop.LoopSettings;
import dev.autonoc.core.loop.RemediationLoop;
import dev.autonoc.core.loop.RemediationLoopBuilder;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.service.store.GateMemory;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Connected mode's remediation loop, wired one way for the network's cases ({@link
 * ConnectedWiring}) and for the throwaway ones the instance warms up on at start ({@link
 * ColdStart}), so that the warm-up runs exactly the code the real cases run: writes held back to
 * their effects, new cases worked at once, a planning's independent reads asked at once, the
 * planner asked by one thread at a time unless it is stateless, the policy under the network's
 * guards and the operator's autonomy levels, shadow mode's observed steps, and the ledger watched
 * for each new case's first proposal (docs/connected-mode.md).
 */
final class ConnectedLoop {

    /**
     * What one loop runs over: the operator's network and the service's stores, or a throwaway
     * network's.
     *
     * @param gate the policy under the network's guards and the autonomy levels ({@link #gate})
     * @param latency where the ledger's openings and first proposals are timed
     */
    record Ports(
            FailurePredictor predictor,
            Planner planner,
            PolicyGate gate,
            ApprovalQueue approvals,
            ToolCatalogue tools,
            AuditLog audit,
            CaseStore cases,
            Clock clock,
            List<Element> elements,
            RoleHierarchy roles,
            IngestLatency latency) {
        Ports {
            Objects.requireNonNull(predictor, "predictor");
            Objects.requireNonNull(planner, "planner");
            Objects.requireNonNull(gate, "gate");
            Objects.requireNonNull(approvals, "approvals");
            Objects.requireNonNull(tools, "tools");
            Objects.requireNonNull(audit, "audit");
            Objects.requireNonNull(cases, "cases");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(elements, "elements");
            Objects.requireNonNull(roles, "roles");
            Objects.requireNonNull(latency, "latency");
        }
    }

    private final AutonomyLevels autonomy;
    private final LoopSettings settings;
    private final LoopWorkers workers;

    /**
     * @param autonomy the operator's autonomy levels, which narrow what the policy allows
     * @param settings the loop's settings (the approval time-out configured)
     * @param workers the threads for new cases and for planning reads
     */
    ConnectedLoop(AutonomyLevels autonomy, LoopSettings settings, LoopWorkers workers) {
        this.autonomy = Objects.requireNonNull(autonomy, "autonomy");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.workers = Objects.requireNonNull(workers, "workers");
    }

    /**
     * The policy's gate, its guards counting every execution in {@code memory} (by any instance and
     * across restarts, {@link NetworkPolicyGate}), narrowed by the autonomy levels ({@link
     * AutonomyGate}).
     */
    PolicyGate gate(PolicyGate policy, GateMemory memory) {
        return new AutonomyGate(new NetworkPolicyGate(policy, memory), autonomy);
    }

    /** How many new cases a tick works at once. */
    int newCasesAtOnce() {
        return workers.atOnce();
    }

    /** The loop over {@code ports}, its case ids starting with {@code caseIdPrefix}. */
    RemediationLoop build(Ports ports, String caseIdPrefix) {
        // a unit's writes held back to its effects: a crash before them replays the batch
        // (offsets are committed after the tick), docs/connected-mode.md "Fewer commits"
        RemediationLoopBuilder loop =
                RemediationLoop.builder()
                        .stageUntilEffects()
                        // the playbook's element, stock and crew at once, over TMF HTTP
                        .planningReadsOn(workers.planningReads());
        if (workers.atOnce() > 1) {
            loop.workNewCasesOn(workers.newCases(), workers.atOnce());
        }
        // a tick returns at its new cases' first proposals: the next batch, and the next burst of
        // cases, does not wait for their later steps (docs/connected-mode.md, "The rest of a tick")
        workers.laterSteps().ifPresent(loop::laterStepsBehind);
        return loop.caseIdPrefix(caseIdPrefix)
                .settings(settings)
                .predictor(ports.predictor())
                .planner(OneAtATimePlanner.unlessStateless(ports.planner()))
                .gate(ports.gate())
                // shadow mode: a step denied only by the observe level is recorded, not planned
                // around, and its case follows the fault's course (docs/connected-mode.md)
                .observeOnly(d -> d.ruleIds().contains(AutonomyGate.OBSERVE_RULE))
                .approvals(ports.approvals())
                // watched for each new case's first proposal: an act called, an approval requested
                .tools(ports.latency().watchingActs(ports.tools()))
                .audit(ports.latency().watching(ports.audit()))
                .cases(ports.cases())
                .clock(ports.clock())
                .elements(ports.elements())
                .roles(ports.roles())
                .build();
    }
}
