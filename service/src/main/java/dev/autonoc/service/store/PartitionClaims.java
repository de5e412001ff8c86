package dev.autonoc.service.store;

import java.util.Map;
import java.util.Objects;

/**
 * The partitions an instance has claimed of a network's telemetry topic, each with the fencing
 * epoch of its claim ({@code service_partition_owner}): a write made on a partition's behalf is
 * kept only while the partition's row still names this owner at this epoch, so that an instance
 * which missed a rebalance (a zombie) writes nothing over its heir's.
 *
 * @param owner the instance's id
 * @param epochs partition → the epoch of this instance's claim
 */
public record PartitionClaims(String owner, Map<Integer, Long> epochs) {

    public PartitionClaims {
        Objects.requireNonNull(owner, "owner");
        epochs = Map.copyOf(epochs);
    }

    /** Whether the claim of {@code partition} is this instance's at {@code epoch}. */
    boolean holds(int partition, String rowOwner, long rowEpoch) {
        Long mine = epochs.get(partition);
        return mine != null && mine == rowEpoch && owner.equals(rowOwner);
    }
}
