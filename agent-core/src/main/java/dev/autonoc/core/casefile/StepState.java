package dev.autonoc.core.casefile;

/** Where one plan step is. */
public enum StepState {
    /** Not run yet, or waiting to be tried again (see {@link StepRecord#retryAt()}). */
    PENDING,
    /** Waits for a person's answer to its approval request. */
    WAITING_APPROVAL,
    /** Ran and succeeded. */
    DONE,
    /** Ran and did not succeed (refused, invalid, or out of retries); the case replanned. */
    FAILED,
    /** The policy denied it; the case replanned. */
    DENIED,
    /** A person rejected it, or nobody answered in time; the case replanned. */
    REJECTED,
    /** Dropped by a newer plan before it ran. */
    SUPERSEDED,
    /**
     * Judged and not run because the operator lets the agent only observe this act (shadow mode):
     * the decision in the ledger says what the policy would have done. The plan goes on to its next
     * step as if this one had been done, so that the case records what the agent would have done as
     * time passes ({@code RemediationLoopBuilder#observeOnly}).
     */
    OBSERVED;

    /** Whether the step is over, one way or another. */
    public boolean isFinal() {
        return this != PENDING && this != WAITING_APPROVAL;
    }
}
