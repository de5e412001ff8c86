package dev.autonoc.core.audit;

/** The kinds of event the loop (and the service around it) writes to the ledger. */
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
    /** The agent stopped and asked for a person (the case's status NEEDS_PERSON), with why. */
    CASE_HANDED_OVER,
    /** A person took a case over: the agent stops acting on its element. */
    CASE_TAKEN_OVER,
    /** A person gave a case back to the agent, which plans it again from where it is. */
    CASE_HANDED_BACK,
    /**
     * A policy version was uploaded or put in force (by a person, or at start from the configured
     * file): the actor, the old and new version, the file name.
     */
    POLICY_CHANGED,
    /**
     * Something the service's security did about a client, once per occurrence: a sign-in lockout,
     * a client over its rate limit, an API token made or revoked. The payload's {@code kind} says
     * which.
     */
    SECURITY,
    /**
     * A planner asked a language model (docs/llm-planner.md): why it asked, what the model
     * proposed, whether its plan was taken or why the playbook's was kept, and what it cost
     * (tokens, latency, invalid tool calls). Written before the case's PLAN event.
     */
    MODEL_CONSULTED
}
