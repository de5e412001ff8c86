package dev.autonoc.core.loop;

import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.approval.Verdict;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.cases.CaseId;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.cases.StepRecord;
import dev.autonoc.core.cases.StepState;
import dev.autonoc.core.loop.GatedToolCalls.Answered;
import dev.autonoc.core.loop.GatedToolCalls.Clearance;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.plan.PlanningRequest;
import dev.autonoc.core.plan.ToolReader;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.Tool;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The closed loop: predictions open cases, a planner plans them, the policy gate decides each
 * acting step, people answer what needs approval, tools run what may run, and every event goes to
 * the audit log. Drive it by feeding telemetry and alarms and calling {@link #step()} once per
 * tick.
 *
 * <p>The loop holds no gate: every step that acts goes through {@link GatedToolCalls}, the one
 * gated path that the MCP gateway uses too, and runs only with the clearance it gives.
 */
public final class RemediationLoop {

    private final FailurePredictor predictor;
    private final Planner planner;
    private final ApprovalQueue approvals;
    private final ToolCatalogue tools;
    private final AuditLog audit;
    private final CaseStore cases;
    private final Clock clock;
    private final List<Element> elements;
    private final LoopSettings settings;
    private final String caseIdPrefix;
    private final Map<ElementId, Element> elementsById = new HashMap<>();
    private final AuditEvents events;
    // the only way to the gate, the approval submissions and the tools: the loop holds no gate
    private final GatedToolCalls calls;
    private final Map<String, PendingRetry> retries = new HashMap<>();

    /**
     * A step waiting to be retried after a RETRYABLE outcome: how often it was tried, not before
     * when, and the clearance the gate (or a person) gave the action, which a retry does not put
     * before the gate again. Reads need no clearance.
     */
    private record PendingRetry(int tries, Instant notBefore, Optional<Clearance> cleared) {}

    /** The step number of planner reads in the audit trail: they belong to no plan step. */
    static final int READ_STEP = -1;

    private RemediationLoop(Builder b) {
        this.predictor = Objects.requireNonNull(b.predictor, "predictor");
        this.planner = Objects.requireNonNull(b.planner, "planner");
        this.approvals = Objects.requireNonNull(b.approvals, "approvals");
        this.tools = Objects.requireNonNull(b.tools, "tools");
        this.audit = Objects.requireNonNull(b.audit, "audit");
        this.cases = Objects.requireNonNull(b.cases, "cases");
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.elements = List.copyOf(Objects.requireNonNull(b.elements, "elements"));
        this.settings = Objects.requireNonNull(b.settings, "settings");
        this.caseIdPrefix = Objects.requireNonNull(b.caseIdPrefix, "caseIdPrefix");
        if (!caseIdPrefix.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException(
                    "a case id prefix is lower-case letters, digits and dashes, got '"
                            + caseIdPrefix
                            + "'");
        }
        this.elements.forEach(e -> elementsById.put(e.id(), e));
        this.events = AuditEvents.ofLoop(planner.name(), planner.version());
        this.calls =
                new GatedToolCalls(
                        Objects.requireNonNull(b.gate, "gate"),
                        approvals,
                        tools,
                        audit,
                        Objects.requireNonNull(b.roles, "roles"),
                        events);
    }

    public static Builder builder() {
        return new Builder();
    }

    public void observe(TelemetrySample sample) {
        predictor.observe(sample);
    }

    public void observe(Alarm alarm) {
        predictor.observe(alarm);
    }

    /**
     * Does everything due at the clock's now: opens cases for new risks and advances open cases.
     */
    public synchronized void step() {
        Instant now = clock.instant();
        for (Prediction prediction : predictor.atRisk(now)) {
            Element element = elementsById.get(prediction.element());
            if (element != null && mayOpenCaseFor(element.id(), now)) {
                openCase(element, prediction, now);
            }
        }
        for (CaseRecord open : cases.open()) {
            advance(open, now);
        }
    }

    private boolean mayOpenCaseFor(ElementId element, Instant now) {
        for (CaseRecord c : cases.all()) {
            if (!c.element().id().equals(element)) {
                continue;
            }
            if (c.status().isOpen()) {
                return false;
            }
            if (c.endedAt().isPresent()
                    && c.endedAt().get().plus(settings.reopenCooldown()).isAfter(now)) {
                return false;
            }
        }
        return true;
    }

    private void openCase(Element element, Prediction prediction, Instant now) {
        CaseId id = new CaseId(String.format("%s-%04d", caseIdPrefix, cases.all().size() + 1));
        audit.append(events.prediction(settings.agent(), id.value(), prediction));
        CaseRecord opened = CaseRecord.opened(id, element, prediction, now);
        cases.save(opened);
        audit.append(events.caseOpened(settings.agent(), opened));
        Plan plan;
        try {
            plan =
                    planner.plan(
                            new PlanningRequest(id, element, prediction, now, reader(opened, now)));
        } catch (RuntimeException e) {
            handOver(opened, now, "the planner could not plan: " + e.getMessage());
            return;
        }
        if (!plan.caseId().equals(id)) {
            handOver(
                    opened,
                    now,
                    "the planner returned a plan for another case (" + plan.caseId() + ")");
            return;
        }
        audit.append(events.plan(settings.agent(), opened, plan, now));
        if (plan.steps().isEmpty()) {
            close(opened.planned(plan), now, "nothing to do: " + plan.rationale());
            return;
        }
        CaseRecord planned = opened.planned(plan);
        cases.save(planned);
        advance(planned, now);
    }

    /** The read tools as the planner sees them: acting tools refused, every read audited. */
    private ToolReader reader(CaseRecord c, Instant now) {
        int[] reads = {0};
        return (name, arguments) -> {
            Tool tool = tools.require(name);
            if (tool.descriptor().kind() != ToolKind.READ) {
                throw new IllegalArgumentException(
                        "a planner may only read; '" + name + "' acts and must be a plan step");
            }
            reads[0]++;
            ToolInvocation inv =
                    new ToolInvocation(
                            ToolCall.of(name, arguments),
                            new IdempotencyKey(c.id().value() + "/read-" + reads[0] + "/1"),
                            settings.agent());
            return calls.read(c.id().value(), c.element().id().value(), READ_STEP, inv, now);
        };
    }

    private void advance(CaseRecord current, Instant now) {
        CaseRecord c = current;
        Plan plan = c.plan().orElseThrow();
        for (PlanStep planStep : plan.steps()) {
            StepRecord step = c.step(planStep.index());
            if (step.state() == StepState.DONE) {
                continue;
            }
            if (!isDue(c, planStep, now)) {
                return;
            }
            Tool tool = tools.find(step.call().tool()).orElse(null);
            if (tool == null) {
                handOver(
                        c,
                        now,
                        "step "
                                + step.index()
                                + " names an unknown tool '"
                                + step.call().tool()
                                + "'");
                return;
            }
            Optional<Clearance> cleared =
                    Optional.ofNullable(retries.get(key(c.id(), planStep.index())))
                            .flatMap(PendingRetry::cleared);
            if (step.state() == StepState.WAITING_APPROVAL) {
                c = answered(c, step, tool, now);
            } else if (cleared.isPresent()) {
                c = execute(c, step, tool, cleared, now);
            } else if (tool.descriptor().kind() == ToolKind.READ) {
                c = execute(c, step, tool, Optional.empty(), now);
            } else {
                c = gate(c, step, tool, now);
            }
            if (!c.status().isOpen() || c.step(planStep.index()).state() != StepState.DONE) {
                return;
            }
        }
        close(c, now, "every step done");
    }

    private boolean isDue(CaseRecord c, PlanStep planStep, Instant now) {
        if (now.isBefore(planStep.notBefore())) {
            return false;
        }
        if (planStep.afterCompletionOf().isPresent()) {
            StepRecord before = c.step(planStep.afterCompletionOf().getAsInt());
            if (before.completesAt().isPresent() && now.isBefore(before.completesAt().get())) {
                return false;
            }
        }
        PendingRetry retry = retries.get(key(c.id(), planStep.index()));
        return retry == null || !now.isBefore(retry.notBefore());
    }

    /** Puts an acting step before the gate and follows its decision. */
    private CaseRecord gate(CaseRecord c, StepRecord step, Tool tool, Instant now) {
        ActionRequest request;
        try {
            request = request(c, step.index(), step.call(), tool, now);
        } catch (IllegalArgumentException e) {
            return handOver(
                    c,
                    now,
                    "step "
                            + step.index()
                            + " ("
                            + tool.name()
                            + ") has bad arguments: "
                            + e.getMessage());
        }
        Gated gated = calls.propose(request);
        if (gated instanceof Gated.Allowed allowed) {
            return execute(c, step, tool, Optional.of(allowed.clearance()), now);
        }
        if (gated instanceof Gated.Parked parked) {
            return waitFor(c, step, parked.approval());
        }
        Decision decision = gated.decision();
        CaseRecord denied =
                c.withStep(step.with(StepState.DENIED, String.join("; ", decision.reasons())));
        return handOver(
                denied,
                now,
                "step "
                        + step.index()
                        + " ("
                        + tool.name()
                        + ") denied by policy "
                        + decision.ruleIds()
                        + ": "
                        + String.join("; ", decision.reasons()));
    }

    /** Parks a step until a person answers its approval request. */
    private CaseRecord waitFor(CaseRecord c, StepRecord step, ApprovalRequest approval) {
        CaseRecord waiting =
                c.withStep(step.withApproval(approval.id()))
                        .withStatus(CaseStatus.WAITING_APPROVAL);
        cases.save(waiting);
        return waiting;
    }

    /** Follows a person's answer to a parked step; no answer yet leaves the case waiting. */
    private CaseRecord answered(CaseRecord c, StepRecord step, Tool tool, Instant now) {
        String approvalId = step.approvalId().orElseThrow();
        Optional<Answered> answer = calls.answer(approvalId);
        if (answer.isEmpty()) {
            ApprovalRequest request = approvals.find(approvalId).orElseThrow();
            return expired(request, now)
                    ? escalate(
                            c,
                            step,
                            tool,
                            calls.expire(approvalId, settings.approvalTimeout(), now),
                            now)
                    : c;
        }
        Answered answered = answer.get();
        ApprovalAnswer a = answered.answer();
        if (a.verdict() == Verdict.EXPIRED) {
            // expired elsewhere (another instance, a person closing it): treat as ours did
            return escalate(c, step, tool, answered, now);
        }
        if (a.verdict() == Verdict.REJECTED) {
            CaseRecord rejected = c.withStep(step.with(StepState.REJECTED, a.comment()));
            return handOver(
                    rejected,
                    now,
                    "step "
                            + step.index()
                            + " ("
                            + tool.name()
                            + ") rejected by "
                            + a.by()
                            + ": "
                            + a.comment());
        }
        CaseRecord active = c.withStatus(CaseStatus.ACTIVE);
        if (a.amended().isEmpty()) {
            return execute(active, step, tool, Optional.of(calls.approved(answered, now)), now);
        }
        // An amended action is a new action: it passes the gate again before it runs.
        StepRecord amendedStep =
                step.withCall(a.amended().get()).with(StepState.PENDING, "amended by " + a.by());
        CaseRecord amended = active.withStep(amendedStep);
        ActionRequest again;
        try {
            again = request(amended, step.index(), amendedStep.call(), tool, now);
        } catch (IllegalArgumentException e) {
            return handOver(
                    amended,
                    now,
                    "the amended step " + step.index() + " has bad arguments: " + e.getMessage());
        }
        Gated gated = calls.amended(answered, again);
        if (gated instanceof Gated.Allowed allowed) {
            return execute(amended, amendedStep, tool, Optional.of(allowed.clearance()), now);
        }
        if (gated instanceof Gated.Parked parked) {
            return waitFor(amended, amendedStep, parked.approval());
        }
        Decision decision = gated.decision();
        return handOver(
                amended.withStep(
                        amendedStep.with(StepState.DENIED, String.join("; ", decision.reasons()))),
                now,
                "the amended step "
                        + step.index()
                        + " ("
                        + tool.name()
                        + ") is denied by policy "
                        + decision.ruleIds()
                        + ": "
                        + String.join("; ", decision.reasons()));
    }

    private boolean expired(ApprovalRequest request, Instant now) {
        Duration timeout = settings.approvalTimeout();
        return !timeout.isZero() && !now.isBefore(request.requestedAt().plus(timeout));
    }

    /**
     * An expired request goes to the role above (see {@link GatedToolCalls#escalate}); at the top
     * of the hierarchy the case goes to a person. An expired request never reaches the tool.
     */
    private CaseRecord escalate(
            CaseRecord c, StepRecord step, Tool tool, Answered expired, Instant now) {
        Optional<ApprovalRequest> next = calls.escalate(expired, now);
        if (next.isEmpty()) {
            String why = expired.answer().comment();
            return handOver(
                    c.withStep(step.with(StepState.REJECTED, why)),
                    now,
                    "step "
                            + step.index()
                            + " ("
                            + tool.name()
                            + ") waited for approval in vain: "
                            + why);
        }
        CaseRecord waiting = c.withStep(step.withApproval(next.get().id()));
        cases.save(waiting);
        return waiting;
    }

    private ActionRequest request(CaseRecord c, int step, ToolCall call, Tool tool, Instant now) {
        Estimate estimate = tool.estimate(call.arguments());
        return new ActionRequest(
                c.id(),
                step,
                call,
                estimate,
                c.element(),
                now,
                settings.agent(),
                Optional.of(c.trigger()));
    }

    /**
     * Runs a step the gate cleared (or a read, which needs no clearance). A retry after a RETRYABLE
     * outcome keeps the attempt, and so the idempotency key: the first call may have taken effect.
     */
    private CaseRecord execute(
            CaseRecord c, StepRecord step, Tool tool, Optional<Clearance> cleared, Instant now) {
        ToolResult result;
        if (cleared.isPresent()) {
            result = calls.execute(cleared.get(), step.attempt(), now);
        } else {
            ToolInvocation inv =
                    new ToolInvocation(
                            step.call(),
                            IdempotencyKey.of(c.id(), step.index(), step.attempt()),
                            settings.agent());
            result = calls.read(c.id().value(), c.element().id().value(), step.index(), inv, now);
        }
        PendingRetry before = retries.remove(key(c.id(), step.index()));
        switch (result.outcome()) {
            case SUCCEEDED:
                CaseRecord done = c.withStep(step.done(result.completesAt(), result.summary()));
                cases.save(done);
                return done;
            case UNCERTAIN:
            case TRANSIENT:
                int tries = before == null ? 1 : before.tries() + 1;
                if (tries > settings.maxRetries()) {
                    return handOver(
                            c.withStep(step.with(StepState.FAILED, result.summary())),
                            now,
                            "step "
                                    + step.index()
                                    + " ("
                                    + tool.name()
                                    + ") still failing after "
                                    + settings.maxRetries()
                                    + " retries: "
                                    + result.summary());
                }
                retries.put(
                        key(c.id(), step.index()),
                        new PendingRetry(tries, now.plus(settings.retryBackoff()), cleared));
                // The step stays PENDING with its approval (if any) consumed: a retry of an
                // allowed call is the same action, not a new one, so it is not gated again.
                CaseRecord retrying =
                        c.withStep(step.with(StepState.PENDING, "retrying: " + result.summary()));
                cases.save(retrying);
                return retrying;
            case REFUSED:
            case INVALID:
            default:
                return handOver(
                        c.withStep(step.with(StepState.FAILED, result.summary())),
                        now,
                        "step "
                                + step.index()
                                + " ("
                                + tool.name()
                                + ") failed: "
                                + result.summary());
        }
    }

    private CaseRecord close(CaseRecord c, Instant now, String why) {
        CaseRecord closed = c.closed(now, why);
        cases.save(closed);
        audit.append(events.caseEnded(settings.agent(), closed, now));
        if (!c.steps().isEmpty()) {
            predictor.maintained(c.element().id(), now);
        }
        return closed;
    }

    private CaseRecord handOver(CaseRecord c, Instant now, String why) {
        CaseRecord handed = c.handedOver(now, why);
        cases.save(handed);
        audit.append(events.caseEnded(settings.agent(), handed, now));
        return handed;
    }

    private static String key(CaseId id, int step) {
        return id.value() + "/" + step;
    }

    public List<CaseRecord> cases() {
        return cases.all();
    }

    /**
     * Builds a loop; every port is required, settings default to {@link LoopSettings#defaults()}.
     */
    public static final class Builder {
        private FailurePredictor predictor;
        private Planner planner;
        private PolicyGate gate;
        private ApprovalQueue approvals;
        private ToolCatalogue tools;
        private AuditLog audit;
        private CaseStore cases;
        private Clock clock;
        private List<Element> elements;
        private LoopSettings settings = LoopSettings.defaults();
        private RoleHierarchy roles = RoleHierarchy.operatorDefault();
        private String caseIdPrefix = "case";

        private Builder() {}

        public Builder predictor(FailurePredictor predictor) {
            this.predictor = predictor;
            return this;
        }

        public Builder planner(Planner planner) {
            this.planner = planner;
            return this;
        }

        public Builder gate(PolicyGate gate) {
            this.gate = gate;
            return this;
        }

        public Builder approvals(ApprovalQueue approvals) {
            this.approvals = approvals;
            return this;
        }

        public Builder tools(ToolCatalogue tools) {
            this.tools = tools;
            return this;
        }

        public Builder audit(AuditLog audit) {
            this.audit = audit;
            return this;
        }

        public Builder cases(CaseStore cases) {
            this.cases = cases;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder elements(List<Element> elements) {
            this.elements = elements;
            return this;
        }

        public Builder settings(LoopSettings settings) {
            this.settings = settings;
            return this;
        }

        /** The role hierarchy used to check that an approval covers an amended action. */
        public Builder roles(RoleHierarchy roles) {
            this.roles = roles;
            return this;
        }

        /**
         * What case ids start with ({@code case} by default: {@code case-0001}). A process that
         * appends to a ledger that outlives it names each run apart, so that correlation ids stay
         * unique in the ledger.
         */
        public Builder caseIdPrefix(String prefix) {
            this.caseIdPrefix = prefix;
            return this;
        }

        public RemediationLoop build() {
            return new RemediationLoop(this);
        }
    }
}
