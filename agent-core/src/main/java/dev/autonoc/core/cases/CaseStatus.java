package dev.autonoc.core.cases;

import com.fasterxml.jackson.annotation.JsonAlias;

/** Where a case is in its life, and who is working it. */
public enum CaseStatus {
    /** The agent works it: planned and going through its steps. */
    ACTIVE,
    /** The agent works it; a step waits for a person with the required role. */
    WAITING_APPROVAL,
    /**
     * The agent stopped and a person must look: no alternative could protect the customers, or a
     * step was wrong. The record says why, and what mitigation is done. The agent does not act on
     * the case (nor open another on its element) until a person hands it back or closes it.
     */
    @JsonAlias("HANDED_OVER")
    NEEDS_PERSON,
    /**
     * A person took the case over: the agent does not act on its element until it is handed back.
     */
    TAKEN_OVER,
    /** Over: every step ran, the alarm proved false, or a person closed it. */
    CLOSED;

    /** Whether the case is still someone's work: the agent's or a person's. */
    public boolean isOpen() {
        return this != CLOSED;
    }

    /** Whether the agent acts on the case. */
    public boolean isAgentWorking() {
        return this == ACTIVE || this == WAITING_APPROVAL;
    }

    /** Whether a person owns the case now (asked to, or took it). */
    public boolean isWithPerson() {
        return this == NEEDS_PERSON || this == TAKEN_OVER;
    }
}
