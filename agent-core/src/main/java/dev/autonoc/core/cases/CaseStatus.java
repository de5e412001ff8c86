package dev.autonoc.core.cases;

/** Where a case is in its life. */
public enum CaseStatus {
    /** Planned and working through its steps. */
    ACTIVE,
    /** A step waits for a person with the required role. */
    WAITING_APPROVAL,
    /** Every step ran. */
    CLOSED,
    /** The agent stopped; a person owns the case now, and the record says why. */
    HANDED_OVER;

    public boolean isOpen() {
        return this == ACTIVE || this == WAITING_APPROVAL;
    }
}
