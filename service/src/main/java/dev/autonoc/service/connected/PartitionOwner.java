package dev.autonoc.service.connected;

import java.util.Collection;

/**
 * Told which partitions of the telemetry topic this instance's consumers own, as the consumer group
 * rebalances: the elements of those partitions, their samples and their cases are this instance's.
 * Called on a consumer's thread, between two batches, and returns once the change is made.
 */
interface PartitionOwner {

    /**
     * The partitions were assigned to one of this instance's consumers.
     *
     * @param partitionCount how many partitions the topic has now
     */
    void assigned(Collection<Integer> partitions, int partitionCount);

    /**
     * The partitions were taken from this instance: revoked in a rebalance (after the last batch's
     * effects, before its offsets are committed), or lost (the group went on without it).
     */
    void revoked(Collection<Integer> partitions);

    PartitionOwner NONE =
            new PartitionOwner() {
                @Override
                public void assigned(Collection<Integer> partitions, int partitionCount) {}

                @Override
                public void revoked(Collection<Integer> partitions) {}
            };
}
