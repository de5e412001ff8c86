package dev.autonoc.core.casefile;

/**
 * What an acting step left in the world that a change of plan may have to undo (Temporal's saga
 * style): the undo is registered before the step runs ({@link StepRecord#undo()}), so that it is
 * known even when the call's outcome is not.
 */
public enum Commitment {
    /** Nothing to undo: a read, a step with no undo, or a call that surely did not take effect. */
    NONE,
    /** The undo is registered and the call is about to run, or ran with an uncertain outcome. */
    REGISTERED,
    /** The call took effect and stands; its undo would take it back. */
    LIVE,
    /**
     * It stands and can no longer be taken back (its undo was refused as too late: the part was
     * delivered, the engineer left): every newer plan keeps it and plans around it.
     */
    FIXED,
    /** It stands for good and needs nothing more: the plan finished with it. */
    SETTLED,
    /** Its undo ran. */
    UNDONE;

    /** Whether a newer plan that does not keep it must undo it. */
    public boolean needsUndoUnlessKept() {
        return this == REGISTERED || this == LIVE || this == FIXED;
    }

    /** Whether a newer plan may undo it (else it must keep it). */
    public boolean undoable() {
        return this == REGISTERED || this == LIVE;
    }
}
