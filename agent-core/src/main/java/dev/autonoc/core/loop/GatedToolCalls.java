package dev.autonoc.core.loop;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.approval.Verdict;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.Effect;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.InvalidArgumentsException;
import dev.autonoc.core.tool.Tool;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one way from a proposed action to an acting tool, for the loop's own cases and for calls
 * other agents make (over MCP): the policy gate decides, the decision goes to the ledger, what
 * needs a person goes to the approval queue, and only what the gate allowed or a person approved
 * runs, with an idempotency key and its call and result in the ledger.
 *
 * <p>An acting tool runs only through {@link #execute}, which takes a {@link Clearance}; a
 * clearance is made here and nowhere else, by an ALLOW of the gate ({@link #propose}, {@link
 * #amended}) or by a person's approval read from the queue ({@link #approved}). So a step the gate
 * has not seen cannot reach a tool through this class. Read tools run without the gate ({@link
 * #read}), which refuses an acting tool. The gate judges the action's element; a call whose {@code
 * element_id} names another one is denied before the policy is asked ({@link #ELEMENT_MISMATCH}).
 *
 * <p>Not thread-safe by itself: callers serialize their work (the loop's tick, the simulation's
 * thread), as they must for the tools anyway.
 *
 * <p>Over 500 lines on purpose: the safety property above rests on {@link Clearance} being made in
 * this class only, so every path that ends in one (propose, amend, approve, execute, and the
 * ledger's record of each) lives here; split, the clearance's making would have to be opened to the
 * package. What is not a clearance's making is kept apart: the ledger's look-up of a call started
 * before a crash ({@link EarlierCalls}, which finds the decision, not the clearance) and the record
 * of answers ({@link AnswerLog}).
 */
public final class GatedToolCalls {

    /**
     * The argument by which a catalogue tool names the element it acts on. The gate's per-element
     * rules (never-touch, blast radius, daily rate) read the action's element, so a call whose
     * {@code element_id} names another element is refused here before the policy is asked: else a
     * planner (or text steering it) or an amendment could act on one element under another's rules.
     */
    public static final String ELEMENT_ARGUMENT = "element_id";

    /** The rule id of that refusal in the decision log. */
    public static final String ELEMENT_MISMATCH = "gate-element-mismatch";

    private final PolicyGate gate;
    private final ApprovalQueue approvals;
    private final ToolCatalogue tools;
    private final AuditLog audit;
    private final RoleHierarchy roles;
    private final AuditEvents events;
    private final AnswerLog answers;
    // runs a write before the unit's next one (StagedWrites#beforeNextWrite), or at once
    private final Consumer<Runnable> beforeNextWrite;
    // the calls the ledger already holds of the open cases, for a step resumed after a crash
    private final EarlierCalls earlier;

    /**
     * @param tags what every event written here carries besides its own payload, e.g. {@code
     *     via=mcp} for calls other agents make; JSON-like values, keys that no event uses itself
     */
    public GatedToolCalls(
            PolicyGate gate,
            ApprovalQueue approvals,
            ToolCatalogue tools,
            AuditLog audit,
            RoleHierarchy roles,
            Map<String, Object> tags) {
        this(gate, approvals, tools, audit, roles, new AuditEvents(Map.of(), tags), Runnable::run);
    }

    /**
     * @param beforeNextWrite how a write that must precede the caller's next ones but need not hold
     *     it up is run: the gate's record of an act, before the act's result is written ({@link
     *     StagedWrites#beforeNextWrite}; {@code Runnable::run} runs it at once)
     */
    GatedToolCalls(
            PolicyGate gate,
            ApprovalQueue approvals,
            ToolCatalogue tools,
            AuditLog audit,
            RoleHierarchy roles,
            AuditEvents events,
            Consumer<Runnable> beforeNextWrite) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.approvals = Objects.requireNonNull(approvals, "approvals");
        this.tools = Objects.requireNonNull(tools, "tools");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.roles = Objects.requireNonNull(roles, "roles");
        this.events = Objects.requireNonNull(events, "events");
        this.answers = new AnswerLog(audit, events);
        this.earlier = new EarlierCalls(audit);
        this.beforeNextWrite = Objects.requireNonNull(beforeNextWrite, "beforeNextWrite");
    }

    /**
     * Puts an action before the gate and logs the decision; an action that needs a person is
     * submitted to the approval queue (at the action's time) and that request logged too.
     */
    public Gated propose(ActionRequest action) {
        return propose(action, d -> Optional.empty());
    }

    /**
     * Puts an action before the gate, as {@link #propose(ActionRequest)}, except that an approval
     * the gate asks for is not put to a person who has already refused the same question: {@code
     * refusedBefore} finds that earlier refusal for the decision, if there is one (the loop's rule:
     * the same tool on the same element, refused for the same rules of the moment), and the action
     * comes back {@link Gated.Refused} with it. The decision is in the ledger either way.
     */
    public Gated propose(
            ActionRequest action, Function<Decision, Optional<Answered>> refusedBefore) {
        Decision decision = decide(action);
        return switch (decision.effect()) {
            case ALLOW -> new Gated.Allowed(new Clearance(action, decision, Optional.empty()));
            case DENY -> new Gated.Denied(action, decision);
            case REQUIRE_APPROVAL ->
                    refusedBefore
                            .apply(decision)
                            .<Gated>map(earlier -> new Gated.Refused(action, decision, earlier))
                            .orElseGet(() -> new Gated.Parked(park(action, decision)));
        };
    }

    /**
     * A person's answer to an approval request, if there is one yet. Whoever took the answer wrote
     * it to the ledger before reporting it done ({@link AnswerLog}); if it is not there (a queue
     * answered directly, or a stop between the queue and the ledger), it is written here, before
     * anything acts on it, so every answer acted on is in the ledger once.
     *
     * @throws IllegalArgumentException if the queue holds no request with that id
     */
    public Optional<Answered> answer(String approvalId) {
        ApprovalRequest request = requestOf(approvalId);
        Optional<ApprovalAnswer> answer = approvals.answer(approvalId);
        answer.ifPresent(a -> answers.record(request, a));
        return answer.map(a -> new Answered(request, a));
    }

    /** Closes a request nobody answered within {@code timeout}, logs it, and returns the answer. */
    public Answered expire(String approvalId, Duration timeout, Instant now) {
        return expire(
                approvalId,
                "nobody with the role '"
                        + requestOf(approvalId).requiredRole()
                        + "' answered within "
                        + timeout,
                now);
    }

    /** Expires a request that waits for an answer, saying {@code why}, in the ledger too. */
    public Answered expire(String approvalId, String why, Instant now) {
        ApprovalRequest request = requestOf(approvalId);
        audit.flush(); // what the unit staged, before the queue shows the expiry
        ApprovalAnswer expiry = approvals.expire(approvalId, why, now);
        audit.append(events.approvalAnswered(request, expiry));
        return new Answered(request, expiry);
    }

    /**
     * The action a person approved as it was asked, cleared to run at {@code now} under the
     * decision that asked for the approval.
     *
     * @throws IllegalStateException if the answer is not an approval, or amended the call (an
     *     amended call is a new action: see {@link #amended})
     */
    public Clearance approved(Answered answered, Instant now) {
        ApprovalAnswer a = answered.answer();
        if (a.verdict() != Verdict.APPROVED || a.amended().isPresent()) {
            throw new IllegalStateException(
                    "only an approval without amendment clears the asked action; approval "
                            + answered.request().id()
                            + " is "
                            + a.verdict()
                            + (a.amended().isPresent() ? " with an amended call" : ""));
        }
        ApprovalRequest request = answered.request();
        return new Clearance(
                request.action().at(now), request.decision(), Optional.of(request.id()));
    }

    /**
     * The clearance a person's earlier approval gives an action that is run again: a step tried
     * again after a TRANSIENT or UNCERTAIN outcome is the same action, which the person approved
     * once, and is not put before them twice. Empty unless the request for {@code approvalId} was
     * approved for this case's step with this very call (as asked, or as the person amended it).
     * Nothing is logged: the answer is in the ledger since it was first read.
     */
    public Optional<Clearance> approvedEarlier(String approvalId, ActionRequest action) {
        Optional<ApprovalRequest> asked = approvals.find(approvalId);
        Optional<ApprovalAnswer> answer = approvals.answer(approvalId);
        if (asked.isEmpty() || answer.isEmpty() || answer.get().verdict() != Verdict.APPROVED) {
            return Optional.empty();
        }
        ApprovalRequest request = asked.get();
        boolean sameStep =
                request.action().caseId().equals(action.caseId())
                        && request.action().step() == action.step();
        boolean sameCall =
                answer.get()
                        .amended()
                        .map(action.call()::equals)
                        .orElse(request.action().call().equals(action.call()));
        if (!sameStep || !sameCall) {
            return Optional.empty();
        }
        return Optional.of(new Clearance(action, request.decision(), Optional.of(approvalId)));
    }

    /**
     * The clearance of an act whose call was started under this step and attempt by a process that
     * stopped before it kept the outcome (a crash between the call and saving the case), under the
     * decision (and approval) that cleared it then. Run again under the same key the call has no
     * second effect; put before the gate again it would be judged on a world its own effect may
     * have changed (a restart that took the element's traffic with it, say), and could be parked or
     * denied although it ran. Empty unless the ledger holds this very call, and for a key this
     * instance looked up before: {@link EarlierCalls#find} says when a call in the ledger may have
     * run.
     */
    public Optional<Clearance> startedEarlier(ActionRequest action, int attempt) {
        return earlier.find(action, attempt)
                .map(
                        started ->
                                new Clearance(
                                        action, started.clearedBy(), started.approvalId(), true));
    }

    /**
     * Tells that this instance opened the case now, so no call of it was started by an earlier
     * process and {@link #startedEarlier} need not read the ledger for it ({@link
     * EarlierCalls#openedHere}).
     */
    void openedHere(CaseId id) {
        earlier.openedHere(id);
    }

    /**
     * Forgets what {@link #startedEarlier} knows of every case but {@code open}, the cases open in
     * this instance's loop ({@link EarlierCalls#retainOnly}).
     */
    void retainOnly(Set<String> open) {
        earlier.retainOnly(open);
    }

    /** How many cases {@link #startedEarlier} knows of (for tests). */
    int casesKnown() {
        return earlier.casesKnown();
    }

    /**
     * Puts an action a person amended before the gate again: ALLOW, or an approval that the
     * person's role covers, clears it; DENY refuses it; an approval above the person's role parks
     * it as a new request.
     *
     * @param again the amended action: the asked one with the person's call (and its estimate)
     * @throws IllegalArgumentException if {@code again} is not the asked action with the amended
     *     call
     * @throws IllegalStateException if the answer is not an approval with an amended call
     */
    public Gated amended(Answered answered, ActionRequest again) {
        ApprovalAnswer a = answered.answer();
        if (a.verdict() != Verdict.APPROVED || a.amended().isEmpty()) {
            throw new IllegalStateException(
                    "approval " + answered.request().id() + " has no amended call to gate");
        }
        ActionRequest asked = answered.request().action();
        if (!again.call().equals(a.amended().get())
                || !again.caseId().equals(asked.caseId())
                || again.step() != asked.step()) {
            throw new IllegalArgumentException(
                    "the amended action must be "
                            + asked.caseId()
                            + " step "
                            + asked.step()
                            + " with the call "
                            + a.amended().get()
                            + ", got "
                            + again.caseId()
                            + " step "
                            + again.step()
                            + " with "
                            + again.call());
        }
        Decision decision = decide(again);
        boolean coveredByAnswer =
                decision.effect() == Effect.REQUIRE_APPROVAL
                        && roles.satisfies(Set.of(a.role()), decision.requiredRole().orElseThrow());
        if (decision.effect() == Effect.ALLOW || coveredByAnswer) {
            return new Gated.Allowed(
                    new Clearance(again, decision, Optional.of(answered.request().id())));
        }
        if (decision.effect() == Effect.DENY) {
            return new Gated.Denied(again, decision);
        }
        return new Gated.Parked(park(again, decision));
    }

    /**
     * Whether the gate's denial rests only on the moment ({@link PolicyGate#deniedForTheMoment}).
     */
    public boolean deniedForTheMoment(Decision decision) {
        return gate.deniedForTheMoment(decision);
    }

    /** Whether the gate denies every call of {@code tool} ({@link PolicyGate#refusesAlways}). */
    public boolean refusesAlways(String tool) {
        return gate.refusesAlways(tool);
    }

    /** When the gate's denial of the moment is sure to be over ({@link PolicyGate#deniedUntil}). */
    public Optional<Instant> deniedUntil(Decision decision, Instant at) {
        return gate.deniedUntil(decision, at);
    }

    /**
     * Whether the gate asked for an approval only because of the moment ({@link
     * PolicyGate#askedForTheMoment}).
     */
    public boolean askedForTheMoment(Decision decision) {
        return gate.askedForTheMoment(decision);
    }

    /**
     * An expired request goes to the role above, as a new request with the same action (at {@code
     * now}) and the same policy decision; at the top of the hierarchy there is nobody to ask, and
     * the answer is empty. An expired request never reaches the tool.
     *
     * @throws IllegalStateException if the answer is not an expiry
     */
    public Optional<ApprovalRequest> escalate(Answered expired, Instant now) {
        ApprovalRequest request = expired.request();
        if (expired.answer().verdict() != Verdict.EXPIRED) {
            throw new IllegalStateException(
                    "only an expired request escalates; approval "
                            + request.id()
                            + " is "
                            + expired.answer().verdict());
        }
        Optional<String> above = roles.escalationOf(request.requiredRole());
        if (above.isEmpty()) {
            return Optional.empty();
        }
        Decision original = request.decision();
        List<String> reasons = new ArrayList<>(original.reasons());
        reasons.add("escalated to " + above.get() + ": " + expired.answer().comment());
        Decision escalated =
                Decision.requireApproval(
                        original.decisionId(),
                        above.get(),
                        original.ruleIds(),
                        reasons,
                        original.policyVersion());
        audit.flush(); // what the unit staged, before anyone can see the request
        ApprovalRequest next = approvals.submit(request.action().at(now), escalated, now);
        audit.append(events.approvalRequested(next));
        return Optional.of(next);
    }

    /**
     * Runs a cleared action with its call and result in the ledger, under the idempotency key of
     * its case, step and {@code attempt}; after a success the gate records the execution (for its
     * budgets and counters). A retry of an UNCERTAIN outcome runs the same clearance with the same
     * attempt: the first call may have taken effect.
     *
     * <p>Write-ahead is before the effect (docs/design.md, safety property 4): the call is durable
     * before the act runs; its result is staged ({@link AuditLog#stage}: written at once outside a
     * unit of work), and the gate's guards are told of a success at once while the gate's durable
     * record of it is written before the unit's next write, ahead of the result ({@link
     * PolicyGate#recordExecutionDeferred}). A crash after the act and before those writes leaves
     * the call without a result: the case resumes it under the same key ({@link #startedEarlier}),
     * and the run again is recorded then. So a caller that holds a lock around the decision and the
     * act holds it for one commit and the act's exchange, not for the result's and the record's
     * commits (docs/connected-mode.md, "The act lock").
     */
    public ToolResult execute(Clearance clearance, int attempt, Instant now) {
        ActionRequest action = clearance.action();
        ToolInvocation inv =
                new ToolInvocation(
                        action.call(),
                        IdempotencyKey.of(action.caseId(), action.step(), attempt),
                        action.proposer());
        // write-ahead: everything the unit staged (its reads, plan, this decision) and the act's
        // call, in one ledger transaction, then its case's row, all durable before the act runs;
        // a failure here fails the act before it runs
        ToolResult result =
                run(
                        action.caseId().value(),
                        action.element().id().value(),
                        action.step(),
                        tools.require(action.call().tool()),
                        inv,
                        now);
        if (result.succeeded()) {
            if (clearance.resumed) {
                // run again after a crash: the gate's memory knows whether it counted it already
                gate.recordExecution(action, result);
            } else {
                beforeNextWrite.accept(gate.recordExecutionDeferred(action, result));
            }
        }
        return result;
    }

    /**
     * Runs a read tool, with no gate, its call and result in the ledger.
     *
     * @throws IllegalArgumentException if the tool acts: an acting tool runs only with a clearance
     */
    public ToolResult read(
            String correlationId, String element, int step, ToolInvocation inv, Instant now) {
        Tool tool = readTool(inv);
        // a read has no effect to write ahead of: its call and result are staged, durable with the
        // unit's next write (AuditLog#stage)
        audit.stage(
                events.toolCall(
                        correlationId, element, step, inv, tool.descriptor().kind().name(), now));
        ToolResult result = call(tool, inv);
        audit.stage(events.toolResult(correlationId, element, step, inv, result, now));
        return result;
    }

    /**
     * Runs read tools that do not depend on each other's answers at once, with no gate: the first
     * on this thread, the others on {@code executor}. Their calls and results are written (staged)
     * once all have answered, in the order given, each call before its result: the same events in
     * the same order as {@link #read} one after another gives (a read has no effect to write ahead
     * of, so its call need not be written before it runs).
     *
     * @throws IllegalArgumentException if one of them acts, before any runs
     */
    public List<ToolResult> readTogether(
            String correlationId,
            String element,
            int step,
            List<ToolInvocation> invocations,
            Instant now,
            Executor executor) {
        List<Tool> reads = invocations.stream().map(this::readTool).toList();
        List<CompletableFuture<ToolResult>> others = new ArrayList<>();
        for (int i = 1; i < invocations.size(); i++) {
            Tool tool = reads.get(i);
            ToolInvocation inv = invocations.get(i);
            CompletableFuture<ToolResult> answer;
            try {
                answer = CompletableFuture.supplyAsync(() -> call(tool, inv), executor);
            } catch (RejectedExecutionException e) {
                answer = CompletableFuture.completedFuture(call(tool, inv)); // pool stopping
            }
            others.add(answer);
        }
        List<ToolResult> results = new ArrayList<>(invocations.size());
        if (!invocations.isEmpty()) {
            results.add(call(reads.get(0), invocations.get(0)));
        }
        others.forEach(answer -> results.add(answer.join()));
        for (int i = 0; i < invocations.size(); i++) {
            ToolInvocation inv = invocations.get(i);
            audit.stage(
                    events.toolCall(
                            correlationId,
                            element,
                            step,
                            inv,
                            reads.get(i).descriptor().kind().name(),
                            now));
            audit.stage(events.toolResult(correlationId, element, step, inv, results.get(i), now));
        }
        return results;
    }

    private Tool readTool(ToolInvocation inv) {
        Tool tool = tools.require(inv.call().tool());
        if (tool.descriptor().kind() != ToolKind.READ) {
            throw new IllegalArgumentException(
                    "'"
                            + tool.name()
                            + "' acts: it runs only once the gate allowed it or a person approved"
                            + " it");
        }
        return tool;
    }

    private Decision decide(ActionRequest action) {
        Decision decision = elementMismatch(action).orElseGet(() -> gate.evaluate(action));
        // no effect yet: durable before the act runs or the request is shown (execute, park)
        audit.stage(events.decision(action, decision));
        return decision;
    }

    /** A DENY when the call acts on another element than the one the gate would judge. */
    private Optional<Decision> elementMismatch(ActionRequest action) {
        Object named = action.call().arguments().get(ELEMENT_ARGUMENT);
        String judged = action.element().id().value();
        if (named == null || named.equals(judged)) {
            return Optional.empty();
        }
        return Optional.of(
                Decision.deny(
                        ELEMENT_MISMATCH + ":" + action.caseId().value() + "/" + action.step(),
                        List.of(ELEMENT_MISMATCH),
                        List.of(
                                action.call().tool()
                                        + " names "
                                        + ELEMENT_ARGUMENT
                                        + " '"
                                        + named
                                        + "' but the action is for element '"
                                        + judged
                                        + "': a call acts only on the element the policy judges"),
                        gate.version()));
    }

    private ApprovalRequest park(ActionRequest action, Decision decision) {
        audit.flush(); // the decision and what led to it, before anyone can see the request
        ApprovalRequest parked = approvals.submit(action, decision, action.at());
        audit.append(events.approvalRequested(parked));
        return parked;
    }

    private ApprovalRequest requestOf(String approvalId) {
        return approvals
                .find(approvalId)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "no approval request '" + approvalId + "' in the queue"));
    }

    /** Calls a tool with its events around it; a tool that throws is an UNCERTAIN outcome. */
    private ToolResult run(
            String correlationId,
            String element,
            int step,
            Tool tool,
            ToolInvocation inv,
            Instant now) {
        // the call joins what the unit staged and goes with it, then the unit's rows: one ledger
        // commit fewer on the way to the act than writing the call after the rows (outside a
        // unit, the call is written at once and the flush writes nothing)
        audit.stage(
                events.toolCall(
                        correlationId, element, step, inv, tool.descriptor().kind().name(), now));
        audit.flush();
        ToolResult result = call(tool, inv);
        // after the effect: nothing to write ahead of any more (see execute)
        audit.stage(events.toolResult(correlationId, element, step, inv, result, now));
        return result;
    }

    /** Calls a tool; a tool that throws is an UNCERTAIN outcome. */
    private static ToolResult call(Tool tool, ToolInvocation inv) {
        ToolResult result;
        try {
            result = tool.execute(inv);
        } catch (InvalidArgumentsException e) {
            result = ToolResult.invalid(String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            result =
                    ToolResult.uncertain(
                            tool.name()
                                    + " threw "
                                    + e.getClass().getSimpleName()
                                    + ": "
                                    + e.getMessage());
        }
        return result;
    }

    /**
     * Leave for an action to run: made only by the gate path of {@link GatedToolCalls}, never by a
     * caller, so holding one proves that the gate allowed the action or a person approved it.
     */
    public static final class Clearance {
        private final ActionRequest action;
        private final Decision decision;
        private final Optional<String> approvalId;
        // a call started before a crash (startedEarlier): the gate may have counted it already
        private final boolean resumed;

        private Clearance(ActionRequest action, Decision decision, Optional<String> approvalId) {
            this(action, decision, approvalId, false);
        }

        private Clearance(
                ActionRequest action,
                Decision decision,
                Optional<String> approvalId,
                boolean resumed) {
            this.action = action;
            this.decision = decision;
            this.approvalId = approvalId;
            this.resumed = resumed;
        }

        /** The action cleared, exactly as it runs. */
        public ActionRequest action() {
            return action;
        }

        /** The decision that allowed it, or that asked for the approval. */
        public Decision decision() {
            return decision;
        }

        /** The approval request a person answered, when the action needed one. */
        public Optional<String> approvalId() {
            return approvalId;
        }

        @Override
        public String toString() {
            return "Clearance["
                    + action.caseId()
                    + " step "
                    + action.step()
                    + " "
                    + action.call()
                    + ", decision "
                    + decision.decisionId()
                    + approvalId.map(id -> ", approval " + id).orElse("")
                    + "]";
        }
    }

    /**
     * A person's answer (or an expiry) with the request it answers, both as read from the queue:
     * made only by {@link #answer} and {@link #expire}.
     */
    public static final class Answered {
        private final ApprovalRequest request;
        private final ApprovalAnswer answer;

        private Answered(ApprovalRequest request, ApprovalAnswer answer) {
            this.request = request;
            this.answer = answer;
        }

        public ApprovalRequest request() {
            return request;
        }

        public ApprovalAnswer answer() {
            return answer;
        }
    }
}
