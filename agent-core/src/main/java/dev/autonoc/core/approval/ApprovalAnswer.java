package dev.autonoc.core.approval;

import dev.autonoc.core.tool.ToolCall;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A person's answer.
 *
 * @param amended the arguments the approver changed, if any; the amended call passes the gate again
 *     before it runs
 */
public record ApprovalAnswer(
        String requestId,
        Verdict verdict,
        String by,
        String role,
        String comment,
        Instant at,
        Optional<ToolCall> amended) {

    public ApprovalAnswer {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(amended, "amended");
    }
}
