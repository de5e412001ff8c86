package dev.autonoc.service.mcp;

import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ledger events of an MCP call, with the same payload keys as the loop's own (agent-core's
 * {@code AuditEvents}), so that an auditor reads both the same way; the actor is the MCP caller,
 * and {@code via} says the call came over MCP.
 */
final class McpAuditEvents {

    static final String VIA = "mcp";

    private McpAuditEvents() {}

    static AuditEvent decision(ActionRequest request, Decision d) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("decision_id", d.decisionId());
        payload.put("step", (long) request.step());
        payload.put("tool", request.call().tool());
        payload.put("arguments", request.call().arguments());
        payload.put("estimate", estimate(request.estimate()));
        payload.put("effect", d.effect().name());
        d.requiredRole().ifPresent(r -> payload.put("required_role", r));
        payload.put("rule_ids", d.ruleIds());
        payload.put("reasons", d.reasons());
        payload.put("policy_version", d.policyVersion());
        payload.put("proposer", request.proposer());
        payload.put("via", VIA);
        return new AuditEvent(
                AuditEventType.POLICY_DECISION,
                request.caseId().value(),
                request.element().id().value(),
                request.proposer(),
                request.at(),
                payload);
    }

    static AuditEvent approvalRequested(ApprovalRequest r) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("approval_id", r.id());
        payload.put("step", (long) r.action().step());
        payload.put("tool", r.action().call().tool());
        payload.put("arguments", r.action().call().arguments());
        payload.put("required_role", r.requiredRole());
        payload.put("decision_id", r.decision().decisionId());
        payload.put("rule_ids", r.decision().ruleIds());
        payload.put("policy_version", r.decision().policyVersion());
        payload.put("proposer", r.action().proposer());
        payload.put("via", VIA);
        return new AuditEvent(
                AuditEventType.APPROVAL_REQUESTED,
                r.action().caseId().value(),
                r.action().element().id().value(),
                r.action().proposer(),
                r.requestedAt(),
                payload);
    }

    static AuditEvent approvalAnswered(ApprovalRequest r, ApprovalAnswer a) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("approval_id", r.id());
        payload.put("step", (long) r.action().step());
        payload.put("tool", r.action().call().tool());
        payload.put("verdict", a.verdict().name());
        payload.put("by", a.by());
        payload.put("role", a.role());
        payload.put("comment", a.comment());
        payload.put("required_role", r.requiredRole());
        a.amended().ifPresent(call -> payload.put("amended_arguments", call.arguments()));
        payload.put("via", VIA);
        return new AuditEvent(
                AuditEventType.APPROVAL_ANSWERED,
                r.action().caseId().value(),
                r.action().element().id().value(),
                a.by(),
                a.at(),
                payload);
    }

    static AuditEvent toolCall(
            String correlationId, String element, ToolInvocation inv, String kind, Instant at) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("step", 0L);
        payload.put("tool", inv.call().tool());
        payload.put("tool_kind", kind);
        payload.put("arguments", inv.call().arguments());
        payload.put("idempotency_key", inv.key().value());
        payload.put("via", VIA);
        return new AuditEvent(
                AuditEventType.TOOL_CALL, correlationId, element, inv.actor(), at, payload);
    }

    static AuditEvent toolResult(
            String correlationId, String element, ToolInvocation inv, ToolResult r, Instant at) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("step", 0L);
        payload.put("tool", inv.call().tool());
        payload.put("idempotency_key", inv.key().value());
        payload.put("outcome", r.outcome().name());
        payload.put("summary", r.summary());
        payload.put("output", r.output());
        payload.put("cost_gbp", Double.isFinite(r.costGbp()) ? r.costGbp() : 0.0);
        r.completesAt().ifPresent(t -> payload.put("completes_at", t.toString()));
        payload.put("via", VIA);
        return new AuditEvent(
                AuditEventType.TOOL_RESULT, correlationId, element, inv.actor(), at, payload);
    }

    private static Map<String, Object> estimate(Estimate e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cost_gbp", Double.isFinite(e.costGbp()) ? e.costGbp() : 0.0);
        m.put("risk", e.risk().name());
        m.put("facts", e.facts());
        return m;
    }
}
