package dev.autonoc.audit;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link JdbcAuditLog#archive} moved: entries {@code firstSequence..lastSequence} are now in
 * {@code file} (verifiable alone, ending with {@code checkpoint}) and only their hashes are left in
 * the ledger.
 */
public record ArchiveResult(
        long firstSequence, long lastSequence, Path file, Checkpoint checkpoint) {

    public ArchiveResult {
        if (firstSequence < 1 || lastSequence < firstSequence) {
            throw new IllegalArgumentException(
                    "an archive holds entries first..last with 1 <= first <= last, got "
                            + firstSequence
                            + ".."
                            + lastSequence);
        }
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(checkpoint, "checkpoint");
    }

    public long entries() {
        return lastSequence - firstSequence + 1;
    }
}
