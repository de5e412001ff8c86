package dev.autonoc.core.loop;

import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.core.tool.ToolCatalogue;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link RemediationLoop}: its ports (predictor, planner, gate, approvals, tools, ledger,
 * case store), its clock and network, and how it works (settings, roles, case ids, shadow mode, new
 * cases at once, writes held back to their effects). Everything but the settings, the roles, the
 * case id prefix and the modes is required; the settings default to {@link
 * LoopSettings#defaults()}.
 */
public final class RemediationLoopBuilder {

    @Nullable FailurePredictor predictor;
    @Nullable Planner planner;
    @Nullable PolicyGate gate;
    @Nullable ApprovalQueue approvals;
    @Nullable ToolCatalogue tools;
    @Nullable AuditLog audit;
    @Nullable CaseStore cases;
    @Nullable Clock clock;
    @Nullable List<Element> elements;
    LoopSettings settings = LoopSettings.defaults();
    RoleHierarchy roles = RoleHierarchy.operatorDefault();
    String caseIdPrefix = "case";
    Predicate<Decision> observeOnly = d -> false;
    @Nullable Executor newCasesOn;
    int newCasesAtOnce = 1;
    boolean staged;
    @Nullable Executor planningReadsOn;
    @Nullable Executor laterStepsOn;

    RemediationLoopBuilder() {}

    /**
     * With {@link #workNewCasesOn}: a tick returns once its new cases have reached their first
     * proposals (docs/connected-mode.md, "The rest of a tick behind it"); the rest of its work (the
     * new cases' later steps, then every other case the agent works, most urgent first, as the tick
     * would have worked them) runs on {@code oneThread}, behind it, so that the next tick (the next
     * batch of telemetry, the next burst of new cases) does not wait for it. Each case is still
     * worked by one thread at a time (its lock); a tick senses and works only the cases not being
     * worked behind it at that moment; rests asked for while one runs are run once, at the latest
     * tick's instant. A failure behind a tick fails the next tick, as a failure in it would have
     * failed it. {@code oneThread} must run one task at a time; {@link
     * RemediationLoop#awaitLaterSteps} waits for it to be done (before a loop's cases are dropped,
     * or it stops).
     */
    public RemediationLoopBuilder laterStepsBehind(Executor oneThread) {
        this.laterStepsOn = Objects.requireNonNull(oneThread, "oneThread");
        return this;
    }

    /**
     * Works the cases a tick opens at once, at most {@code atOnce} of them on {@code executor}
     * (connected mode, where a case's planning waits on the operator's systems and the database):
     * each new case is opened, planned and brought to its first proposal beside the others rather
     * than after them, and the tick goes on when all are done. What a case does stays in its order
     * (one thread works it); the ledger stays one chain (its appends are its own to order); a
     * decision on an act and its execution stay together ({@code acting}), so the gate's guards
     * count every act before the next decision. A new case plans without the engineer time the
     * others book in the same tick, as a case of another instance would: a clash meets the
     * operator's refusal and is planned again. The ports (planner, gate, stores, tools, ledger)
     * must be safe to call from several threads. By default every case is worked one after another,
     * in urgency order (the embedded mode's determinism rests on it).
     */
    public RemediationLoopBuilder workNewCasesOn(Executor executor, int atOnce) {
        if (atOnce < 1) {
            throw new IllegalArgumentException(
                    "new cases are worked at least 1 at a time, got " + atOnce);
        }
        this.newCasesOn = Objects.requireNonNull(executor, "executor");
        this.newCasesAtOnce = atOnce;
        return this;
    }

    /**
     * Holds a unit of work's writes back to its effects (docs/connected-mode.md, "Fewer commits";
     * {@link StagedWrites}): the ledger events of what has no effect (a case's open, a read's call
     * and result, a plan, the gate's decision) and the case's rows are written at the unit's first
     * effect (an act's call, an approval request made visible, an event that reports an effect) or
     * at its end, together, rather than each on its own. The events, their order and the chain are
     * the same; only when they become durable moves, never past an effect. For a service whose
     * input is replayed after a crash (connected mode: a Kafka batch is committed only after its
     * tick), so that a unit lost before its first write is done again. Off by default.
     */
    public RemediationLoopBuilder stageUntilEffects() {
        this.staged = true;
        return this;
    }

    /**
     * Asks a planning's reads that do not depend on each other ({@link
     * dev.autonoc.core.plan.ToolReader#readTogether}: the playbook's element, stock and crew) at
     * once, the others beside the planner's own thread on {@code executor} (connected mode, where
     * each is an exchange with the operator's systems). They are written to the ledger in the order
     * the planner gave, each call before its result, under the keys they would have had one after
     * another: the same events in the same order as one after another, as long as the reads succeed
     * (docs/connected-mode.md, "A case's first proposal"). The read tools must be safe to call from
     * several threads. By default one after another (the embedded mode's twin is not thread-safe,
     * and its trails rest on it).
     */
    public RemediationLoopBuilder planningReadsOn(Executor executor) {
        this.planningReadsOn = Objects.requireNonNull(executor, "executor");
        return this;
    }

    public RemediationLoopBuilder predictor(FailurePredictor predictor) {
        this.predictor = predictor;
        return this;
    }

    public RemediationLoopBuilder planner(Planner planner) {
        this.planner = planner;
        return this;
    }

    public RemediationLoopBuilder gate(PolicyGate gate) {
        this.gate = gate;
        return this;
    }

    public RemediationLoopBuilder approvals(ApprovalQueue approvals) {
        this.approvals = approvals;
        return this;
    }

    public RemediationLoopBuilder tools(ToolCatalogue tools) {
        this.tools = tools;
        return this;
    }

    public RemediationLoopBuilder audit(AuditLog audit) {
        this.audit = audit;
        return this;
    }

    public RemediationLoopBuilder cases(CaseStore cases) {
        this.cases = cases;
        return this;
    }

    public RemediationLoopBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    public RemediationLoopBuilder elements(List<Element> elements) {
        this.elements = elements;
        return this;
    }

    public RemediationLoopBuilder settings(LoopSettings settings) {
        this.settings = settings;
        return this;
    }

    /** The role hierarchy used to check that an approval covers an amended action. */
    public RemediationLoopBuilder roles(RoleHierarchy roles) {
        this.roles = roles;
        return this;
    }

    /**
     * What case ids start with ({@code case} by default: {@code case-0001}). A process that appends
     * to a ledger that outlives it names each run apart, so that correlation ids stay unique in the
     * ledger.
     */
    public RemediationLoopBuilder caseIdPrefix(String prefix) {
        this.caseIdPrefix = prefix;
        return this;
    }

    /**
     * Which of the gate's denials only keep an act from running because the operator lets the agent
     * observe it and no more (shadow mode; connected mode's autonomy levels): such a step is {@link
     * StepState#OBSERVED}, the plan goes on as if it had run, and a case judged through follows the
     * fault's course until the element fails or recovers, instead of being planned around the
     * denial and handed to a person. None by default.
     */
    public RemediationLoopBuilder observeOnly(Predicate<Decision> observeOnly) {
        this.observeOnly = Objects.requireNonNull(observeOnly, "observeOnly");
        return this;
    }

    public RemediationLoop build() {
        return new RemediationLoop(this);
    }
}
