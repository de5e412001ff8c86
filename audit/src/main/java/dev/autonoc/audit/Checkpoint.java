package dev.autonoc.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed statement that the ledger held {@code treeSize} entries whose Merkle root ({@link
 * MerkleTree}) was {@code rootHash}, at wall-clock {@code time}. Kept elsewhere (or published), it
 * shows later that no entry up to that size was changed, removed or cut off the end.
 *
 * @param signature Ed25519 over {@link #signedText()}, base64
 */
public record Checkpoint(long treeSize, String rootHash, Instant time, String signature) {

    public Checkpoint {
        if (treeSize < 1) {
            throw new IllegalArgumentException(
                    "a checkpoint covers at least one entry, got " + treeSize);
        }
        Objects.requireNonNull(rootHash, "rootHash");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(signature, "signature");
    }

    /** The exact text that is signed: a fixed header, then size, root and time, one per line. */
    public String signedText() {
        return signedText(treeSize, rootHash, time);
    }

    static String signedText(long treeSize, String rootHash, Instant time) {
        return "autonoc-audit-checkpoint/v1\n" + treeSize + "\n" + rootHash + "\n" + time + "\n";
    }
}
