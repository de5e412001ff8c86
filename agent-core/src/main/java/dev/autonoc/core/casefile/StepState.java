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
    SUPERSEDED;

    /** Whether the step is over, one way or another. */
    public boolean isFinal() {
        return this != PENDING && this != WAITING_APPROVAL;
    }
}
