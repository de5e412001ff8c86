package dev.autonoc.core.loop;

import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The undo of each acting tool whose effect can be taken back (STYLE.md: register the undo before
 * acting; undo with the same request id). The undo names the call it takes back by that call's
 * idempotency key, so it is right whether or not the call took effect: a far side that never saw
 * the key has nothing to cancel and says so.
 */
final class Compensations {

    private Compensations() {}

    /** The tools an undo calls, each the undo of one acting tool. */
    static final List<String> UNDO_TOOLS =
            List.of(
                    ToolNames.CANCEL_ORDER,
                    ToolNames.CANCEL_APPOINTMENT,
                    ToolNames.RESTORE_TRAFFIC,
                    ToolNames.CLOSE_TICKET);

    /**
     * The call that takes back {@code call} made under {@code key} for case {@code caseId}; empty
     * for calls that cannot be taken back (a restart, a message sent) or need none (reads).
     */
    static Optional<ToolCall> undoFor(String caseId, ToolCall call, IdempotencyKey key) {
        String reason = "undo of " + call.tool() + " " + key.value() + " for " + caseId;
        Map<String, Object> args = new LinkedHashMap<>();
        // the undo acts on the element the call acted on, so that the gate judges the same one
        Object element = call.arguments().get("element_id");
        if (element != null) {
            args.put("element_id", element);
        }
        String tool;
        switch (call.tool()) {
            case ToolNames.ORDER_PART -> {
                tool = ToolNames.CANCEL_ORDER;
                args.put("order_key", key.value());
                args.put("reason", reason);
            }
            case ToolNames.DISPATCH_ENGINEER -> {
                tool = ToolNames.CANCEL_APPOINTMENT;
                args.put("appointment_key", key.value());
                args.put("reason", reason);
            }
            case ToolNames.REROUTE_TRAFFIC -> tool = ToolNames.RESTORE_TRAFFIC;
            case ToolNames.OPEN_TICKET -> {
                tool = ToolNames.CLOSE_TICKET;
                args.clear();
                args.put("case_id", caseId);
                args.put("resolution", "closed without work: " + reason);
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(ToolCall.of(tool, args));
    }
}
