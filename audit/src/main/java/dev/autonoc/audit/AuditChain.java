package dev.autonoc.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

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
        return HexFormat.of().formatHex(digest(sequence, previousHash, canonicalEventJson));
    }

    /**
     * Whether {@code value} is a hash as the ledger writes one: 64 lowercase hex digits. Uppercase
     * is refused: the text of a hash is chained and signed, so only one spelling of it is the
     * ledger's.
     */
    static boolean isHash(Object value) {
        return value instanceof String s && s.length() == 64 && isLowercaseHex(s);
    }

    /**
     * The bytes of lowercase hex text, a hash or a Merkle root as the ledger writes them.
     *
     * @throws IllegalArgumentException if the text is not an even number of lowercase hex digits
     */
    static byte[] hexBytes(String hex) {
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException("hex text has an odd length: " + hex.length());
        }
        for (int i = 0; i < hex.length(); i++) {
            if (!isLowercaseHexDigit(hex.charAt(i))) {
                throw new IllegalArgumentException(
                        "not a lowercase hex digit at offset " + i + ": '" + hex.charAt(i) + "'");
            }
        }
        return HexFormat.of().parseHex(hex);
    }

    private static boolean isLowercaseHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isLowercaseHexDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowercaseHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
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
