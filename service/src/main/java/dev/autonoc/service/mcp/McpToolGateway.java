package dev.autonoc.service.mcp;

import dev.autonoc.core.approval.Actors;
import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.approval.Verdict;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.cases.CaseId;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.Effect;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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
 * <p>All work runs on the simulation's thread, as the loop's does, so MCP calls and ticks never
 * race on the network.
 */
public final class McpToolGateway {

    /** The prefix of an MCP caller's actor name; the rest is the signed-in user's name. */
    public static final String ACTOR_PREFIX = Actors.AGENT_PREFIX + "mcp/";

    private final Simulation simulation;
    private final ToolCatalogue tools;
    private final PolicyGate gate;
    private final ApprovalQueue approvals;
    private final AuditLog audit;
    private final CaseStore cases;
    private final RoleHierarchy roles;
    private final Duration approvalTimeout;
    private final String idPrefix;
    private final AtomicLong calls = new AtomicLong();
    // approval id -> what running it came to, so that run_approved runs an approval once
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
        this.gate = gate;
        this.approvals = approvals;
        this.audit = audit;
        this.cases = cases;
        this.roles = roles;
        this.approvalTimeout = approvalTimeout;
        this.idPrefix = idPrefix;
    }

    public static String actorOf(String user) {
        return ACTOR_PREFIX + user;
    }

    public List<Tool> tools() {
        return tools.tools();
    }

    /** Calls a catalogue tool on behalf of {@code actor}. */
    public McpCallOutcome call(String actor, String toolName, Map<String, Object> arguments) {
        Optional<Tool> found = tools.find(toolName);
        if (found.isEmpty()) {
            return McpCallOutcome.invalid(
                    "unknown tool '"
                            + toolName
                            + "'; known: "
                            + tools.tools().stream().map(Tool::name).toList());
        }
        Tool tool = found.get();
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        return simulation.exclusively(
                () ->
                        tool.descriptor().kind() == ToolKind.READ
                                ? read(actor, tool, args)
                                : act(actor, tool, args));
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
        Instant now = simulation.now();
        Optional<ApprovalAnswer> answer = approvals.answer(approvalId);
        if (answer.isEmpty()) {
            if (!approvalTimeout.isZero()
                    && !now.isBefore(request.requestedAt().plus(approvalTimeout))) {
                answer =
                        Optional.of(
                                approvals.expire(
                                        approvalId,
                                        "nobody with the role '"
                                                + request.requiredRole()
                                                + "' answered within "
                                                + approvalTimeout,
                                        now));
            } else {
                return pending(
                        request, "waiting for a person with the role " + request.requiredRole());
            }
        }
        ApprovalAnswer a = answer.get();
        audit.append(McpAuditEvents.approvalAnswered(request, a));
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
            outcome = approved(request, a, now);
        }
        ran.put(approvalId, outcome);
        return outcome;
    }

    private McpCallOutcome approved(ApprovalRequest request, ApprovalAnswer a, Instant now) {
        Tool tool = tools.require(request.action().call().tool());
        ActionRequest action = request.action().at(now);
        if (a.amended().isPresent()) {
            // an amended action is a new action: it passes the gate again before it runs
            ToolCall amended = a.amended().get();
            Estimate estimate;
            try {
                estimate = tool.estimate(amended.arguments());
            } catch (IllegalArgumentException e) {
                return McpCallOutcome.invalid(
                        "the amended arguments are refused: " + e.getMessage());
            }
            action = action.withCall(amended, estimate);
            Decision again = gate.evaluate(action);
            audit.append(McpAuditEvents.decision(action, again));
            boolean covered =
                    again.effect() == Effect.REQUIRE_APPROVAL
                            && roles.satisfies(
                                    Set.of(a.role()), again.requiredRole().orElseThrow());
            if (again.effect() == Effect.DENY) {
                return denied(action, again);
            }
            if (again.effect() != Effect.ALLOW && !covered) {
                ApprovalRequest next = approvals.submit(action, again, now);
                audit.append(McpAuditEvents.approvalRequested(next));
                return pending(
                        next,
                        "the amended call needs a person with the role " + next.requiredRole());
            }
        }
        return execute(action, tool, now, Optional.of(request.id()));
    }

    private McpCallOutcome act(String actor, Tool tool, Map<String, Object> args) {
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
                        nextCorrelation(),
                        0,
                        call,
                        estimate,
                        element.get(),
                        now,
                        actor,
                        Optional.empty());
        Decision d = gate.evaluate(request);
        audit.append(McpAuditEvents.decision(request, d));
        return switch (d.effect()) {
            case ALLOW -> execute(request, tool, now, Optional.empty());
            case DENY -> denied(request, d);
            case REQUIRE_APPROVAL -> {
                ApprovalRequest parked = approvals.submit(request, d, now);
                audit.append(McpAuditEvents.approvalRequested(parked));
                yield pending(
                        parked,
                        "a person with the role " + parked.requiredRole() + " must approve it");
            }
        };
    }

    private McpCallOutcome read(String actor, Tool tool, Map<String, Object> args) {
        CaseId correlation = nextCorrelation();
        ToolInvocation inv =
                new ToolInvocation(
                        ToolCall.of(tool.name(), args),
                        IdempotencyKey.of(correlation, 0, 1),
                        actor);
        ToolResult result = run(correlation.value(), elementId(args), tool, inv, simulation.now());
        return done(result, Map.of());
    }

    private McpCallOutcome execute(
            ActionRequest request, Tool tool, Instant now, Optional<String> approvalId) {
        ToolInvocation inv =
                new ToolInvocation(
                        request.call(),
                        IdempotencyKey.of(request.caseId(), request.step(), 1),
                        request.proposer());
        ToolResult result =
                run(request.caseId().value(), request.element().id().value(), tool, inv, now);
        if (result.succeeded()) {
            gate.recordExecution(request, result);
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("correlation_id", request.caseId().value());
        approvalId.ifPresent(id -> extra.put("approval_id", id));
        return done(result, extra);
    }

    /** A tool call with its events around it; a tool that throws is a RETRYABLE outcome. */
    private ToolResult run(
            String correlation, String element, Tool tool, ToolInvocation inv, Instant now) {
        audit.append(
                McpAuditEvents.toolCall(
                        correlation, element, inv, tool.descriptor().kind().name(), now));
        ToolResult result;
        try {
            result = tool.execute(inv);
        } catch (InvalidArgumentsException e) {
            result = ToolResult.failed(e.getMessage());
        } catch (RuntimeException e) {
            result =
                    ToolResult.retryable(
                            tool.name()
                                    + " threw "
                                    + e.getClass().getSimpleName()
                                    + ": "
                                    + e.getMessage());
        }
        audit.append(McpAuditEvents.toolResult(correlation, element, inv, result, now));
        return result;
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

    private CaseId nextCorrelation() {
        long n = calls.incrementAndGet();
        return new CaseId(idPrefix + "-" + String.format(Locale.ROOT, "%04d", n));
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
