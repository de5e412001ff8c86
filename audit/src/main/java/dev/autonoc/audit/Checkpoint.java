package dev.autonoc.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed statement that the ledger held {@code treeSize} entries whose Merkle root ({@link
 * MerkleTree}) was {@code rootHash}, at wall-clock {@code time}. Kept elsewhere (or published), it
 * shows later that no entry up to that size was changed, removed or cut off the end.
 *
 * <p>A <em>final</em> checkpoint ({@code last}) says more: the file it closes (an export, an eval
 * run's trail) ends at entry {@code treeSize}. It is signed over a different header, so an ordinary
 * checkpoint's signature can never pass for a final one: a file cut back to an earlier checkpoint
 * has no valid final checkpoint at its end, and {@link AuditVerifier} says it is not proven
 * complete.
 *
 * @param signature Ed25519 over {@link #signedText()}, base64
 * @param last whether this is the final checkpoint of the file it is written in
 */
public record Checkpoint(
        long treeSize, String rootHash, Instant time, String signature, boolean last) {

    static final String HEADER = "autonoc-audit-checkpoint/v1\n";
    static final String FINAL_HEADER = "autonoc-audit-final-checkpoint/v1\n";

    public Checkpoint {
        if (treeSize < (last ? 0 : 1)) {
            // a final checkpoint may close a file that holds no entry: it says so, signed
            throw new IllegalArgumentException(
                    "a checkpoint covers at least one entry"
                            + (last ? " (a final one may cover none)" : "")
                            + ", got "
                            + treeSize);
        }
        Objects.requireNonNull(rootHash, "rootHash");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(signature, "signature");
    }

    /** An ordinary checkpoint, one of many in a ledger. */
    public Checkpoint(long treeSize, String rootHash, Instant time, String signature) {
        this(treeSize, rootHash, time, signature, false);
    }

    /**
     * The exact text that is signed: a fixed header (another for a final checkpoint), then size,
     * root and time, one per line.
     */
    public String signedText() {
        return signedText(treeSize, rootHash, time, last);
    }

    static String signedText(long treeSize, String rootHash, Instant time, boolean last) {
        return (last ? FINAL_HEADER : HEADER) + treeSize + "\n" + rootHash + "\n" + time + "\n";
    }
}
