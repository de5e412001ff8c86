package dev.autonoc.core.approval;

/** An approval queue in memory only; thread-safe, ids in submission order ({@code apr-1}, ...). */
public final class InMemoryApprovalQueue extends AbstractApprovalQueue {

    public InMemoryApprovalQueue(RoleHierarchy roles) {
        super(roles);
    }

    /** Nothing to write: the queue's own memory is all there is. */
    @Override
    protected void writeRequest(long seq, ApprovalRequest request) {}

    /** Nothing to write, and no other queue shares the memory to answer first. */
    @Override
    protected void writeAnswer(ApprovalAnswer answer) {}
}
