package dev.autonoc.core.casefile;

import dev.autonoc.core.tool.ToolCall;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How one step of a case went. Everything the loop needs to resume the step after a crash is here:
 * the attempt (and so the idempotency key), how often it was tried, when it may be tried again, the
 * approval it waits on or had, and the undo registered before it ran.
 *
 * @param index the step's number in its case, unique over every plan the case had
 * @param revision the plan revision the step belongs to (0 for the first plan)
 * @param call the call as it runs (an approver may have amended the planned one)
 * @param attempt the attempt whose key the call carries (1 for the first); it moves only after a
 *     call that surely had no effect
 * @param tries how many calls the step made, over all attempts
 * @param retryAt not before when the step may call again, after a TRANSIENT or UNCERTAIN outcome
 * @param approvalId the approval request the step waits on, or that a person approved it with
 * @param completesAt when the effect it started finishes
 * @param output what the call answered (an order id, an appointment's times), once it succeeded
 * @param undo the call that takes this step's effect back, registered before the step ran
 * @param undoes the index of the step whose effect this step takes back, when it is an undo
 * @param commitment where the step's effect stands, for a newer plan
 * @param note the latest word on the step, for people
 */
public record StepRecord(
        int index,
        int revision,
        ToolCall call,
        StepState state,
        int attempt,
        int tries,
        Optional<Instant> retryAt,
        Optional<String> approvalId,
        Optional<Instant> completesAt,
        Map<String, Object> output,
        Optional<ToolCall> undo,
        Optional<Integer> undoes,
        Commitment commitment,
        String note) {

    public StepRecord {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(retryAt, "retryAt");
        Objects.requireNonNull(approvalId, "approvalId");
        Objects.requireNonNull(completesAt, "completesAt");
        Objects.requireNonNull(undo, "undo");
        Objects.requireNonNull(undoes, "undoes");
        Objects.requireNonNull(commitment, "commitment");
        Objects.requireNonNull(note, "note");
        output = Map.copyOf(output);
        if (attempt < 1 || tries < 0) {
            throw new IllegalArgumentException(
                    "attempt must be >= 1 and tries >= 0, got " + attempt + " and " + tries);
        }
    }

    public static StepRecord pending(int index, ToolCall call) {
        return pending(index, 0, call, Optional.empty());
    }

    public static StepRecord pending(
            int index, int revision, ToolCall call, Optional<Integer> undoes) {
        return new StepRecord(
                index,
                revision,
                call,
                StepState.PENDING,
                1,
                0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                undoes,
                Commitment.NONE,
                "");
    }

    public StepRecord with(StepState newState, String newNote) {
        return new StepRecord(
                index,
                revision,
                call,
                newState,
                attempt,
                tries,
                retryAt,
                approvalId,
                completesAt,
                output,
                undo,
                undoes,
                commitment,
                newNote);
    }

    public StepRecord withCall(ToolCall newCall) {
        return new StepRecord(
                index,
                revision,
                newCall,
                state,
                attempt,
                tries,
                retryAt,
                approvalId,
                completesAt,
                output,
                undo,
                undoes,
                commitment,
                note);
    }

    public StepRecord withApproval(String id) {
        return new StepRecord(
                index,
                revision,
                call,
                StepState.WAITING_APPROVAL,
                attempt,
                tries,
                retryAt,
                Optional.of(id),
                completesAt,
                output,
                undo,
                undoes,
                commitment,
                note);
    }

    /** The approval a person gave stays on the step: a retry of it needs no second one. */
    public StepRecord approved(String note) {
        return new StepRecord(
                index,
                revision,
                call,
                StepState.PENDING,
                attempt,
                tries,
                retryAt,
                approvalId,
                completesAt,
                output,
                undo,
                undoes,
                commitment,
                note);
    }

    /** Forgets an approval that no longer covers the step (an amended call asks anew). */
    public StepRecord withoutApproval() {
        return new StepRecord(
                index,
                revision,
                call,
                state,
                attempt,
                tries,
                retryAt,
                Optional.empty(),
                completesAt,
                output,
                undo,
                undoes,
                commitment,
                note);
    }

    /** The undo registered before the call runs. */
    public StepRecord registering(ToolCall undoCall) {
        return new StepRecord(
                index,
                revision,
                call,
                state,
                attempt,
                tries,
                retryAt,
                approvalId,
                completesAt,
                output,
                Optional.of(undoCall),
                undoes,
                Commitment.REGISTERED,
                note);
    }

    public StepRecord done(
            Optional<Instant> completion, Map<String, Object> result, String summary) {
        Commitment c = undo.isPresent() ? Commitment.LIVE : Commitment.NONE;
        return new StepRecord(
                index,
                revision,
                call,
                StepState.DONE,
                attempt,
                tries + 1,
                Optional.empty(),
                approvalId,
                completion,
                result,
                undo,
                undoes,
                c,
                summary);
    }

    /**
     * To be called again at {@code at}: under the same key after an UNCERTAIN outcome ({@code
     * nextAttempt} false), or as the next attempt after a TRANSIENT one, which surely had no
     * effect.
     */
    public StepRecord retrying(boolean nextAttempt, Instant at, String why) {
        // an uncertain call may have taken effect: its undo stays registered
        Commitment c =
                nextAttempt && commitment == Commitment.REGISTERED ? Commitment.NONE : commitment;
        return new StepRecord(
                index,
                revision,
                call,
                StepState.PENDING,
                nextAttempt ? attempt + 1 : attempt,
                tries + 1,
                Optional.of(at),
                approvalId,
                completesAt,
                output,
                undo,
                undoes,
                c,
                why);
    }

    /**
     * The step ended without success. {@code mayHaveActed}: its last call's outcome was uncertain,
     * so its registered undo stays wanted unless a newer plan keeps it.
     */
    public StepRecord failed(StepState newState, boolean mayHaveActed, String why) {
        Commitment c =
                mayHaveActed && commitment == Commitment.REGISTERED
                        ? Commitment.REGISTERED
                        : commitment == Commitment.REGISTERED ? Commitment.NONE : commitment;
        return new StepRecord(
                index,
                revision,
                call,
                newState,
                attempt,
                tries + (newState == StepState.FAILED ? 1 : 0),
                Optional.empty(),
                approvalId,
                completesAt,
                output,
                undo,
                undoes,
                c,
                why);
    }

    public StepRecord withCommitment(Commitment c, String why) {
        return new StepRecord(
                index,
                revision,
                call,
                state,
                attempt,
                tries,
                retryAt,
                approvalId,
                completesAt,
                output,
                undo,
                undoes,
                c,
                why);
    }

    /** Waits until {@code at} without calling (a tool whose circuit is open). */
    public StepRecord waitingUntil(Instant at, String why) {
        return new StepRecord(
                index,
                revision,
                call,
                state,
                attempt,
                tries,
                Optional.of(at),
                approvalId,
                completesAt,
                output,
                undo,
                undoes,
                commitment,
                why);
    }
}
