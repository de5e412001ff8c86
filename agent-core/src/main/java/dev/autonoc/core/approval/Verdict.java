package dev.autonoc.core.approval;

/** A person's answer to an approval request. */
public enum Verdict {
    APPROVED,
    REJECTED,
    /** Nobody with the role answered in time; the request is closed and may be escalated. */
    EXPIRED
}
