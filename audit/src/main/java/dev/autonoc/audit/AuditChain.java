package dev.autonoc.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * How an entry's hash is made: SHA-256, lowercase hex, over the UTF-8 bytes of {@code sequence +
 * "\n" + previousHash + "\n" + canonicalEventJson}. The first entry's previous hash is {@link
 * #GENESIS_HASH}.
 *
 * <p>The wall-clock {@code recorded_at} is deliberately not hashed: DESIGN.md asks that the same
 * scenario and seed give the same audit trail byte for byte, except for wall-clock fields kept
 * apart. So two runs of the same scenario give the same chain of hashes, and a golden head hash can
 * be checked in; the recorded time is kept beside each entry for people to read. Neither the chain
 * nor the Merkle tree covers it: what is signed about time is each {@link Checkpoint}'s own time,
 * which bounds when the entries before it were recorded.
 */
public final class AuditChain {

    /** The previous hash of the first entry: 64 zeros. */
    public static final String GENESIS_HASH = "0".repeat(64);

    private AuditChain() {}

    public static String hash(long sequence, String previousHash, String canonicalEventJson) {
        return Hex.encode(digest(sequence, previousHash, canonicalEventJson));
    }

    /** {@link #hash} as its 32 bytes. */
    static byte[] digest(long sequence, String previousHash, String canonicalEventJson) {
        MessageDigest sha256 = Sha256.digest();
        sha256.update(Long.toString(sequence).getBytes(StandardCharsets.US_ASCII));
        sha256.update((byte) '\n');
        sha256.update(previousHash.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) '\n');
        return sha256.digest(canonicalEventJson.getBytes(StandardCharsets.UTF_8));
    }
}
