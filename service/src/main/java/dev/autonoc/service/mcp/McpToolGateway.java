package dev.autonoc.service.mcp;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.approval.Actors;
import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.approval.Verdict;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.loop.Gated;
import dev.autonoc.core.loop.GatedToolCalls;
import dev.autonoc.core.loop.GatedToolCalls.Answered;
import dev.autonoc.core.loop.GatedToolCalls.Clearance;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.InvalidArgumentsException;
import dev.autonoc.core.tool.Tool;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.service.simulation.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The tool catalogue for other agents, behind the same gate, queue and ledger as the loop.
 *
 * <p>Each MCP call is its own correlation ({@code mcp-<start>-0001}, ...), proposed by the caller
 * as {@code agent:mcp/<user>}: an agent's identity, so it approves nothing and the four-eyes rule
 * holds against it. An act call is put before the policy gate; ALLOW runs it, DENY refuses with the
 * rule ids, REQUIRE_APPROVAL parks it in the approval queue, where people see it beside the loop's
 * own requests; once approved, the caller runs it with {@code run_approved}. Read calls run with no
 * gate. Every decision, request, answer, call and result is in the ledger.
 *
 * <p>The gating itself is agent-core's {@link GatedToolCalls}, the loop's own path: this class
 * holds no gate and runs no tool itself, it turns MCP calls into actions and the gate's answers
 * into MCP outcomes. Its ledger events are the loop's events, tagged {@code via=mcp}.
 *
 * <p>All work runs on the simulation's thread, as the loop's does, so MCP calls and ticks never
 * race on the network.
 */
public final class McpToolGateway {

    /** The prefix of an MCP caller's actor name; the rest is the signed-in user's name. */
    public static final String ACTOR_PREFIX = Actors.AGENT_PREFIX + "mcp/";

    /** The {@code via} tag of every ledger event an MCP call writes. */
    static final String VIA = "mcp";

    /** The tags of every ledger event an MCP call writes, answers to its approvals included. */
    public static final Map<String, Object> TAGS = Map.of("via", VIA);

    private final Simulation simulation;
    private final ToolCatalogue tools;
    private final ApprovalQueue approvals;
    private final CaseStore cases;
    private final AuditLog audit;
    // the gate, the queue and the ledger as the loop uses them, every event marked via=mcp
    private final GatedToolCalls gated;
    private final Duration approvalTimeout;
    private final String idPrefix;
    private final AtomicLong correlations = new AtomicLong();
    // approval id -> what running it came to, so that run_approved runs an approval once; after a
    // restart this is empty, and the ledger says whether the call ran (see ranBefore)
    private final Map<String, McpCallOutcome> ran = new ConcurrentHashMap<>();

    /**
     * @param idPrefix the correlation ids' prefix ({@code mcp-20261126-074210}), unique per run
     * @param approvalTimeout how long a parked MCP request waits; {@code 0} for ever
     */
    public McpToolGateway(
            Simulation simulation,
            ToolCatalogue tools,
            PolicyGate gate,
            ApprovalQueue approvals,
            AuditLog audit,
            CaseStore cases,
            RoleHierarchy roles,
            Duration approvalTimeout,
            String idPrefix) {
        this.simulation = simulation;
        this.tools = tools;
        this.approvals = approvals;
        this.cases = cases;
        this.audit = audit;
        this.gated = new GatedToolCalls(gate, approvals, tools, audit, roles, TAGS);
        this.approvalTimeout = approvalTimeout;
        this.idPrefix = idPrefix;
    }

    public static String actorOf(String user) {
        return ACTOR_PREFIX + user;
    }

    public List<Tool> tools() {
        return tools.tools();
    }

    /** Calls a catalogue tool on behalf of {@code actor}, under a correlation of its own. */
    public McpCallOutcome call(String actor, String toolName, Map<String, Object> arguments) {
        return call(actor, toolName, arguments, Optional.empty());
    }

    /**
     * Calls a catalogue tool on behalf of {@code actor}. With an idempotency key of the caller's,
     * the call's correlation is derived from the caller and the key, so a retry of a call whose
     * answer was lost finds it in the ledger and gets its outcome back instead of a second effect:
     * what it came to if it ran, the refusal, or where its approval stands (and then, approved, it
     * runs once, as {@code run_approved} would). The same key for another call is refused.
     *
     * <p>Arguments are checked against the tool's schema first: a malformed call writes nothing to
     * the ledger.
     */
    public McpCallOutcome call(
            String actor,
            String toolName,
            Map<String, Object> arguments,
            Optional<String> idempotencyKey) {
        Optional<Tool> found = tools.find(toolName);
        if (found.isEmpty()) {
            String name = toolName == null ? "" : toolName;
            return McpCallOutcome.invalid(
                    "unknown tool '"
                            + (name.length() > 60 ? name.substring(0, 60) + "..." : name)
                            + "'; known: "
                            + tools.tools().stream().map(Tool::name).toList());
        }
        Tool tool = found.get();
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        return simulation.exclusively(
                () -> {
                    try {
                        tool.estimate(args); // the schema's check, before anything is written
                    } catch (InvalidArgumentsException e) {
                        return McpCallOutcome.invalid(e.getMessage());
                    }
                    Optional<CaseId> keyed =
                            idempotencyKey.map(k -> LedgerOutcomes.keyedCorrelation(actor, k));
                    if (keyed.isPresent()) {
                        Optional<McpCallOutcome> before =
                                replay(actor, keyed.get(), tool, args, idempotencyKey.get());
                        if (before.isPresent()) {
                            return before.get();
                        }
                    }
                    return tool.descriptor().kind() == ToolKind.READ
                            ? read(actor, tool, args, keyed)
                            : act(actor, tool, args, keyed);
                });
    }

    /**
     * What a call under this keyed correlation came to, if the ledger holds it; empty if nothing of
     * it is there, or if it was allowed but never started (a stop between the decision and the
     * call), so that it is gated and run now under the same key.
     */
    private Optional<McpCallOutcome> replay(
            String actor, CaseId correlation, Tool tool, Map<String, Object> args, String key) {
        List<AuditEntry> trail = audit.query(AuditQuery.forCase(correlation.value()));
        if (trail.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> first = trail.get(0).event().payload();
        if (!tool.name().equals(first.get("tool"))
                || !SameArguments.equal(first.get("arguments"), args)) {
            return Optional.of(
                    McpCallOutcome.invalid(
                            "the idempotency key '"
                                    + key
                                    + "' was used for another call ("
                                    + first.get("tool")
                                    + "); a key names one call: give a new key for a new call"));
        }
        return LedgerOutcomes.of(
                        correlation, trail, approvalId -> runApprovedNow(actor, approvalId))
                .map(o -> o.with("replayed", true).with("idempotency_key", key));
    }

    /**
     * Runs a parked call once a person approved it; says where it stands otherwise. Only the caller
     * that proposed it may run it, and it runs once: a second call returns the first answer.
     */
    public McpCallOutcome runApproved(String actor, String approvalId) {
        if (approvalId == null || approvalId.isBlank()) {
            return McpCallOutcome.invalid(
                    "approval_id is required (the id a pending call returned)");
        }
        return simulation.exclusively(() -> runApprovedNow(actor, approvalId.strip()));
    }

    private McpCallOutcome runApprovedNow(String actor, String approvalId) {
        McpCallOutcome before = ran.get(approvalId);
        if (before != null) {
            return before;
        }
        Optional<ApprovalRequest> found = approvals.find(approvalId);
        if (found.isEmpty() || !found.get().action().proposer().equals(actor)) {
            return McpCallOutcome.invalid(
                    "no approval request '" + approvalId + "' of yours (" + actor + ")");
        }
        ApprovalRequest request = found.get();
        Optional<McpCallOutcome> already = ranBefore(request);
        if (already.isPresent()) {
            ran.put(approvalId, already.get());
            return already.get();
        }
        Instant now = simulation.now();
        Optional<Answered> answer = gated.answer(approvalId);
        if (answer.isEmpty()) {
            if (!approvalTimeout.isZero()
                    && !now.isBefore(request.requestedAt().plus(approvalTimeout))) {
                answer = Optional.of(gated.expire(approvalId, approvalTimeout, now));
            } else {
                return pending(
                        request, "waiting for a person with the role " + request.requiredRole());
            }
        }
        ApprovalAnswer a = answer.get().answer();
        McpCallOutcome outcome;
        if (a.verdict() != Verdict.APPROVED) {
            Map<String, Object> body = new LinkedHashMap<>();
            String status = a.verdict().name().toLowerCase(Locale.ROOT);
            body.put("status", status);
            body.put("approval_id", approvalId);
            body.put("by", a.by());
            body.put("comment", a.comment());
            outcome = new McpCallOutcome(status, true, body);
        } else {
            outcome = approved(answer.get(), now);
        }
        ran.put(approvalId, outcome);
        return outcome;
    }

    /**
     * What the call of this request's correlation came to, if the ledger holds it: an MCP call has
     * one attempt, so its correlation runs its tool at most once, whichever approval (the asked one
     * or one for an amendment) cleared it, and across restarts, when {@link #ran} is empty.
     */
    private Optional<McpCallOutcome> ranBefore(ApprovalRequest request) {
        CaseId correlation = request.action().caseId();
        List<AuditEntry> calls =
                audit.query(
                        forCorrelation(correlation.value(), Optional.of(AuditEventType.TOOL_CALL)));
        if (calls.isEmpty()) {
            return Optional.empty();
        }
        List<AuditEntry> results =
                audit.query(
                        forCorrelation(
                                correlation.value(), Optional.of(AuditEventType.TOOL_RESULT)));
        return Optional.of(
                LedgerOutcomes.done(
                        correlation,
                        calls.get(0),
                        results.isEmpty() ? null : results.get(0),
                        Optional.of(request.id())));
    }

    private static AuditQuery forCorrelation(String correlation, Optional<AuditEventType> type) {
        return new AuditQuery(
                Optional.of(correlation),
                Optional.empty(),
                Optional.empty(),
                type,
                Optional.empty(),
                Optional.empty(),
                0,
                1);
    }

    private McpCallOutcome approved(Answered answered, Instant now) {
        Optional<ToolCall> amended = answered.answer().amended();
        if (amended.isEmpty()) {
            return execute(gated.approved(answered, now), now);
        }
        // an amended action is a new action: it passes the gate again before it runs
        Tool tool = tools.require(amended.get().tool());
        Estimate estimate;
        try {
            estimate = tool.estimate(amended.get().arguments());
        } catch (IllegalArgumentException e) {
            return McpCallOutcome.invalid("the amended arguments are refused: " + e.getMessage());
        }
        ActionRequest again = answered.request().action().at(now).withCall(amended.get(), estimate);
        return followed(
                gated.amended(answered, again),
                role -> "the amended call needs a person with the role " + role,
                now);
    }

    private McpCallOutcome act(
            String actor, Tool tool, Map<String, Object> args, Optional<CaseId> keyed) {
        Optional<Element> element = elementOf(args);
        if (element.isEmpty()) {
            String id = elementId(args);
            return McpCallOutcome.invalid(
                    id.isEmpty()
                            ? "the gate decides on the element acted on: name it as element_id, or"
                                    + " name a case of the loop as case_id"
                            : "no element '" + id + "' in the network");
        }
        Instant now = simulation.now();
        ToolCall call = ToolCall.of(tool.name(), args);
        Estimate estimate;
        try {
            estimate = tool.estimate(args);
        } catch (IllegalArgumentException e) {
            return McpCallOutcome.invalid(e.getMessage());
        }
        ActionRequest request =
                new ActionRequest(
                        keyed.orElseGet(this::nextCorrelation),
                        0,
                        call,
                        estimate,
                        element.get(),
                        now,
                        actor,
                        Optional.empty());
        return followed(
                gated.propose(request),
                role -> "a person with the role " + role + " must approve it",
                now);
    }

    /** What the gate's answer comes to for the caller: the tool's result, a refusal, or a wait. */
    private McpCallOutcome followed(
            Gated decided, UnaryOperator<String> whoMustApprove, Instant now) {
        if (decided instanceof Gated.Allowed allowed) {
            return execute(allowed.clearance(), now);
        }
        if (decided instanceof Gated.Parked parked) {
            ApprovalRequest request = parked.approval();
            return pending(request, whoMustApprove.apply(request.requiredRole()));
        }
        Gated.Denied denied = (Gated.Denied) decided;
        return denied(denied.action(), denied.decision());
    }

    private McpCallOutcome read(
            String actor, Tool tool, Map<String, Object> args, Optional<CaseId> keyed) {
        CaseId correlation = keyed.orElseGet(this::nextCorrelation);
        ToolInvocation inv =
                new ToolInvocation(
                        ToolCall.of(tool.name(), args),
                        IdempotencyKey.of(correlation, 0, 1),
                        actor);
        ToolResult result =
                gated.read(correlation.value(), elementId(args), 0, inv, simulation.now());
        return done(result, Map.of("correlation_id", correlation.value()));
    }

    /** Runs a cleared call, once: an MCP call has one attempt. */
    private McpCallOutcome execute(Clearance clearance, Instant now) {
        ToolResult result = gated.execute(clearance, 1, now);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("correlation_id", clearance.action().caseId().value());
        clearance.approvalId().ifPresent(id -> extra.put("approval_id", id));
        return done(result, extra);
    }

    private static McpCallOutcome done(ToolResult result, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "done");
        body.put("outcome", result.outcome().name());
        body.put("summary", result.summary());
        body.put("output", result.output());
        body.put("cost_gbp", result.costGbp());
        result.completesAt().ifPresent(t -> body.put("completes_at", t.toString()));
        body.putAll(extra);
        return new McpCallOutcome("done", !result.succeeded(), body);
    }

    private static McpCallOutcome denied(ActionRequest request, Decision d) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "denied");
        body.put("correlation_id", request.caseId().value());
        body.put("decision_id", d.decisionId());
        body.put("rule_ids", d.ruleIds());
        body.put("reasons", d.reasons());
        body.put("policy_version", d.policyVersion());
        return new McpCallOutcome("denied", true, body);
    }

    private static McpCallOutcome pending(ApprovalRequest r, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "pending_approval");
        body.put("approval_id", r.id());
        body.put("correlation_id", r.action().caseId().value());
        body.put("required_role", r.requiredRole());
        body.put("decision_id", r.decision().decisionId());
        body.put("rule_ids", r.decision().ruleIds());
        body.put("reasons", r.decision().reasons());
        body.put("policy_version", r.decision().policyVersion());
        body.put("message", message + "; then call run_approved with this approval_id");
        return new McpCallOutcome("pending_approval", false, body);
    }

    /**
     * The next correlation id the ledger has not seen: the prefix is the start time to the second,
     * so a gateway started again within it skips the ids of the calls its predecessor made, which
     * would otherwise share their idempotency keys with new calls.
     */
    private CaseId nextCorrelation() {
        while (true) {
            long n = correlations.incrementAndGet();
            CaseId id = new CaseId(idPrefix + "-" + String.format(Locale.ROOT, "%04d", n));
            if (audit.query(forCorrelation(id.value(), Optional.empty())).isEmpty()) {
                return id;
            }
        }
    }

    private Optional<Element> elementOf(Map<String, Object> args) {
        String id = elementId(args);
        if (!id.isEmpty()) {
            return simulation.elements().stream()
                    .filter(e -> e.id().value().equals(id))
                    .findFirst();
        }
        if (args.get("case_id") instanceof String caseId && !caseId.isBlank()) {
            return cases.find(new CaseId(caseId)).map(c -> c.element());
        }
        return Optional.empty();
    }

    private static String elementId(Map<String, Object> args) {
        return args.get("element_id") instanceof String s ? s : "";
    }
}
