package dev.autonoc.core.approval;

/** A person's answer to an approval request. */
public enum Verdict {
    APPROVED,
    REJECTED
}
