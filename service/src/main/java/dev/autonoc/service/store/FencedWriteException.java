package dev.autonoc.service.store;

import dev.autonoc.core.CaseId;

/**
 * A write of a case this instance does not own (any longer): another instance claimed the case's
 * partition since (a rebalance this one missed), or the case was never this instance's. Nothing was
 * written; the store has dropped the case, and the instance goes on with its other cases.
 */
public final class FencedWriteException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient CaseId caseId;

    FencedWriteException(CaseId caseId, String message) {
        super(message);
        this.caseId = caseId;
    }

    /** The case that was not written. */
    public CaseId caseId() {
        return caseId;
    }
}
