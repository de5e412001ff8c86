package dev.autonoc.core.approval;

/** The approval-queue contract on the in-memory queue. */
class InMemoryApprovalQueueContractTest extends ApprovalQueueContract {

    @Override
    protected ApprovalQueue newQueue(RoleHierarchy roles) {
        return new InMemoryApprovalQueue(roles);
    }
}
