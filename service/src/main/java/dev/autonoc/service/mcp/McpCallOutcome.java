package dev.autonoc.service.mcp;

import java.util.Map;

/**
 * What an MCP tool call came to, as the caller reads it.
 *
 * @param status {@code done} (the tool ran; see {@code outcome}), {@code pending_approval} (a
 *     person must approve: call {@code run_approved} with the approval id later), {@code denied}
 *     (the policy refused: rule ids and reasons), {@code rejected}, {@code expired}, or {@code
 *     invalid} (the call was malformed, nothing was gated or run)
 * @param error whether the caller should read it as a failure
 * @param body the structured answer: what the status needs, with stable keys
 */
record McpCallOutcome(String status, boolean error, Map<String, Object> body) {

    McpCallOutcome {
        body = Map.copyOf(body);
    }

    /** The same outcome with one more member in its body. */
    McpCallOutcome with(String key, Object value) {
        Map<String, Object> more = new java.util.LinkedHashMap<>(body);
        more.put(key, value);
        return new McpCallOutcome(status, error, more);
    }

    static McpCallOutcome invalid(String message) {
        return new McpCallOutcome("invalid", true, Map.of("status", "invalid", "message", message));
    }
}
