package dev.autonoc.service.audit;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code autonoc.audit.*}: when the service signs a checkpoint of the ledger, and with which key.
 *
 * @param keyFile the Ed25519 key pair (created on first start, readable by its owner only); empty
 *     means {@code audit-checkpoint.key} in the data folder
 * @param checkpointInterval wall time after which new entries get a checkpoint; {@code 0} turns the
 *     timed checkpoints off
 * @param checkpointEvery a checkpoint as soon as this many entries were added since the last one;
 *     {@code 0} turns it off
 * @param checkInterval how often the scheduler looks
 */
@ConfigurationProperties("autonoc.audit")
public record CheckpointProperties(
        Path keyFile,
        @DefaultValue("5m") Duration checkpointInterval,
        @DefaultValue("10000") long checkpointEvery,
        @DefaultValue("5s") Duration checkInterval) {

    public CheckpointProperties {
        if (checkpointInterval.isNegative()) {
            throw new IllegalArgumentException(
                    "autonoc.audit.checkpoint-interval must be 0 (off) or a positive duration (e.g."
                            + " 5m), got "
                            + checkpointInterval);
        }
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException(
                    "autonoc.audit.checkpoint-every must be 0 (off) or a number of entries, got "
                            + checkpointEvery);
        }
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException(
                    "autonoc.audit.check-interval must be a positive duration (e.g. 5s), got "
                            + checkInterval);
        }
    }

    /** The key file: the configured one, or {@code audit-checkpoint.key} in {@code dataDir}. */
    Path keyFileIn(Path dataDir) {
        return keyFile != null ? keyFile : dataDir.resolve("audit-checkpoint.key");
    }

    /**
     * Whether a checkpoint is due now.
     *
     * @param size the ledger's size now
     * @param checkpointed the tree size of the last checkpoint (0 if none)
     * @param sinceLast wall time since the last checkpoint (or since start, when there is none)
     */
    boolean due(long size, long checkpointed, Duration sinceLast) {
        long added = size - checkpointed;
        if (added <= 0) {
            return false;
        }
        if (checkpointEvery > 0 && added >= checkpointEvery) {
            return true;
        }
        return !checkpointInterval.isZero() && sinceLast.compareTo(checkpointInterval) >= 0;
    }
}
