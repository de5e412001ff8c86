package dev.autonoc.core.cases;

/** Where one plan step is. */
public enum StepState {
    PENDING,
    WAITING_APPROVAL,
    DONE,
    FAILED,
    DENIED,
    REJECTED
}
