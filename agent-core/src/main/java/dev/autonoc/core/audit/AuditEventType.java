package dev.autonoc.core.audit;

/** The kinds of event the loop writes to the ledger. */
public enum AuditEventType {
    PREDICTION,
    CASE_OPENED,
    PLAN,
    POLICY_DECISION,
    APPROVAL_REQUESTED,
    APPROVAL_ANSWERED,
    TOOL_CALL,
    TOOL_RESULT,
    CASE_CLOSED,
    CASE_HANDED_OVER
}
