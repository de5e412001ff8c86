package dev.autonoc.service.mcp;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.service.store.Sha256;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What an MCP call came to, read back from its correlation's entries in the ledger: for a retry
 * under the caller's own idempotency key, and for {@code run_approved} after a restart. The ledger
 * is the memory here, so that the answer survives the process.
 */
final class LedgerOutcomes {

    private LedgerOutcomes() {}

    /** The correlation of a call under a caller's own idempotency key: one per caller and key. */
    static CaseId keyedCorrelation(String actor, String key) {
        // the first 16 bytes of the digest: 32 hex digits
        return new CaseId("mcp-k-" + Sha256.hex(actor + "\n" + key).substring(0, 32));
    }

    /**
     * Where a call stands by its entries: what it came to if it ran, its refusal if denied, where
     * its approval stands if it waited ({@code approvalState}, given the approval id); empty if it
     * was allowed and never started (a stop between the decision and the call).
     */
    static Optional<McpCallOutcome> of(
            CaseId correlation,
            List<AuditEntry> trail,
            Function<String, McpCallOutcome> approvalState) {
        AuditEntry result = last(trail, AuditEventType.TOOL_RESULT);
        AuditEntry call = last(trail, AuditEventType.TOOL_CALL);
        AuditEntry parked = last(trail, AuditEventType.APPROVAL_REQUESTED);
        AuditEntry decision = last(trail, AuditEventType.POLICY_DECISION);
        Optional<String> approvalId =
                Optional.ofNullable(parked)
                        .map(p -> (String) p.event().payload().get("approval_id"));
        if (approvalId.isPresent() && call == null) {
            return Optional.of(approvalState.apply(approvalId.get()));
        }
        if (call != null) {
            return Optional.of(done(correlation, call, result, approvalId));
        }
        if (decision != null && "DENY".equals(decision.event().payload().get("effect"))) {
            Map<String, Object> d = decision.event().payload();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "denied");
            body.put("correlation_id", correlation.value());
            body.put("decision_id", d.get("decision_id"));
            body.put("rule_ids", d.get("rule_ids"));
            body.put("reasons", d.get("reasons"));
            body.put("policy_version", d.get("policy_version"));
            body.values().removeIf(Objects::isNull);
            return Optional.of(new McpCallOutcome("denied", true, body));
        }
        return Optional.empty();
    }

    /**
     * A call that ran, by its entries: its result, or, with no result written (a crash in between),
     * an uncertain outcome that says it is not run again.
     */
    static McpCallOutcome done(
            CaseId correlation, AuditEntry call, AuditEntry result, Optional<String> approvalId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "done");
        boolean failed = true;
        if (result == null) {
            body.put("outcome", ToolResult.Outcome.UNCERTAIN.name());
            body.put(
                    "summary",
                    "the call ran (ledger entry "
                            + call.sequence()
                            + ") and its result is not in the ledger; it is not run again");
        } else {
            Map<String, Object> r = result.event().payload();
            body.put("outcome", r.get("outcome"));
            body.put("summary", r.get("summary"));
            body.put("output", r.get("output"));
            body.put("cost_gbp", r.get("cost_gbp"));
            failed = !ToolResult.Outcome.SUCCEEDED.name().equals(r.get("outcome"));
        }
        body.put("correlation_id", correlation.value());
        approvalId.ifPresent(id -> body.put("approval_id", id));
        body.values().removeIf(Objects::isNull);
        return new McpCallOutcome("done", failed, body);
    }

    /** The last entry of a type, or null. */
    static AuditEntry last(List<AuditEntry> trail, AuditEventType type) {
        AuditEntry found = null;
        for (AuditEntry e : trail) {
            if (e.event().type() == type) {
                found = e;
            }
        }
        return found;
    }
}
