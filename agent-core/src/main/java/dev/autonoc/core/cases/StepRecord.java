package dev.autonoc.core.cases;

import dev.autonoc.core.tool.ToolCall;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How one step of a case's plan went.
 *
 * @param call the call as it ran (an approver may have amended the planned one)
 * @param attempt the attempt whose key the call carries (1 for the first)
 * @param approvalId the approval request the step waits on, if any
 * @param completesAt when the effect it started finishes
 */
public record StepRecord(
        int index,
        ToolCall call,
        StepState state,
        int attempt,
        Optional<String> approvalId,
        Optional<Instant> completesAt,
        String note) {

    public StepRecord {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(approvalId, "approvalId");
        Objects.requireNonNull(completesAt, "completesAt");
        Objects.requireNonNull(note, "note");
    }

    public static StepRecord pending(int index, ToolCall call) {
        return new StepRecord(
                index, call, StepState.PENDING, 1, Optional.empty(), Optional.empty(), "");
    }

    public StepRecord with(StepState newState, String newNote) {
        return new StepRecord(index, call, newState, attempt, approvalId, completesAt, newNote);
    }

    public StepRecord withCall(ToolCall newCall) {
        return new StepRecord(index, newCall, state, attempt, approvalId, completesAt, note);
    }

    public StepRecord withApproval(String id) {
        return new StepRecord(
                index,
                call,
                StepState.WAITING_APPROVAL,
                attempt,
                Optional.of(id),
                completesAt,
                note);
    }

    public StepRecord done(Optional<Instant> completion, String summary) {
        return new StepRecord(
                index, call, StepState.DONE, attempt, approvalId, completion, summary);
    }

    public StepRecord nextAttempt() {
        return new StepRecord(
                index, call, StepState.PENDING, attempt + 1, Optional.empty(), completesAt, note);
    }
}
