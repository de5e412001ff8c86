package dev.autonoc.audit;

import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditVerification;
import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * Checks entries one at a time, in order, so that a chain of any length is verified in constant
 * memory. The first problem found is kept; later entries are not looked at.
 */
final class ChainChecker {

    /** A check a store adds on top of the chain, e.g. that its index columns match the event. */
    interface ExtraCheck {
        /** The problem with this entry, or null if there is none. */
        String problem(StoredEntry entry, FastEventCheck.Header event);
    }

    private static final ExtraCheck NONE = (entry, event) -> null;

    private long expectedSequence;
    private String previousHash;

    /** The last accepted entry's Merkle leaf, made from the hash bytes the check decoded. */
    private byte[] lastLeaf;

    private long checked;
    private AuditVerification failure;

    /** A checker for a chain from its first entry. */
    ChainChecker() {
        this(0, AuditChain.GENESIS_HASH);
    }

    /**
     * A checker for a chain whose first {@code archived} entries were archived, the last of them
     * with hash {@code archivedHead}: it expects entry {@code archived + 1} next.
     */
    ChainChecker(long archived, String archivedHead) {
        this.expectedSequence = archived + 1;
        this.previousHash = archivedHead;
    }

    /** Checks the next entry; returns false once a problem has been found. */
    boolean accept(StoredEntry entry) {
        return accept(entry, NONE);
    }

    /** Checks the next entry, and with {@code extra} once the chain checks pass. */
    boolean accept(StoredEntry entry, ExtraCheck extra) {
        return accept(entry, extra, null);
    }

    /**
     * What can be checked of an entry on its own, before its place in the chain is known: that its
     * event is plainly canonical and its stored hash is the one its sequence, previous hash and
     * event give. Entries can be prechecked in parallel; {@link #accept(StoredEntry, ExtraCheck,
     * Precheck)} then only links them.
     *
     * @param header the event's header, or null if the full check must decide
     * @param leaf the entry's Merkle leaf, when {@code header} is not null
     */
    record Precheck(FastEventCheck.Header header, byte[] leaf) {

        private static final Precheck NOT_SURE = new Precheck(null, null);

        static Precheck of(StoredEntry entry) {
            FastEventCheck.Header header = FastEventCheck.check(entry.eventJson());
            if (header == null) {
                return NOT_SURE;
            }
            byte[] stored = decodeOrNull(entry.hash());
            byte[] computed =
                    AuditChain.digest(entry.sequence(), entry.previousHash(), entry.eventJson());
            if (stored == null || !java.security.MessageDigest.isEqual(computed, stored)) {
                return NOT_SURE; // the full check words the mismatch
            }
            return new Precheck(header, MerkleTree.leafHash(stored));
        }
    }

    /**
     * {@link #accept(StoredEntry, ExtraCheck)} with what {@link Precheck#of} found of this entry
     * (or null): only a sure precheck is taken, anything else gets the full check.
     */
    boolean accept(StoredEntry entry, ExtraCheck extra, Precheck pre) {
        if (failure != null) {
            return false;
        }
        checked++;
        String problem = problem(entry, extra, pre);
        if (problem != null) {
            failure =
                    AuditVerification.broken(
                            checked,
                            entry.sequence(),
                            "entry " + entry.sequence() + ": " + problem);
            return false;
        }
        expectedSequence = entry.sequence() + 1;
        previousHash = entry.hash();
        return true;
    }

    /**
     * Records a problem that is not about a readable entry, e.g. an export line that is not JSON.
     */
    void fail(String detail) {
        if (failure == null) {
            checked++;
            failure = AuditVerification.broken(checked, expectedSequence, detail);
        }
    }

    /** Records a problem about entry {@code sequence}, found after the entries were accepted. */
    void fail(long sequence, String detail) {
        if (failure == null) {
            failure = AuditVerification.broken(checked, sequence, detail);
        }
    }

    long expectedSequence() {
        return expectedSequence;
    }

    AuditVerification result() {
        if (failure != null) {
            return failure;
        }
        String head = checked == 0 ? "empty ledger" : "head hash " + previousHash;
        return new AuditVerification(
                true,
                checked,
                OptionalLong.empty(),
                "chain intact: " + checked + " entries, " + head);
    }

    private String problem(StoredEntry entry, ExtraCheck extra, Precheck pre) {
        if (entry.sequence() != expectedSequence) {
            return entry.sequence() > expectedSequence
                    ? "sequence gap: expected " + expectedSequence + ", found " + entry.sequence()
                    : "sequence out of order: expected "
                            + expectedSequence
                            + ", found "
                            + entry.sequence();
        }
        if (!entry.previousHash().equals(previousHash)) {
            return expectedSequence == 1
                    ? "previous hash of the first entry is not " + AuditChain.GENESIS_HASH
                    : "previous hash does not match entry " + (expectedSequence - 1);
        }
        if (pre != null && pre.header() != null) {
            lastLeaf = pre.leaf();
            return extra.problem(entry, pre.header());
        }
        FastEventCheck.Header event = FastEventCheck.check(entry.eventJson());
        if (event == null) {
            // Not plainly canonical: parse it and compare its canonical form, which names the
            // problem if there is one (or finds none: the fast check is only sure of plain text).
            AuditEvent parsed;
            try {
                parsed = CanonicalJson.parseEvent(entry.eventJson());
            } catch (CanonicalJsonException e) {
                return "event JSON is not a readable event: " + e.getMessage();
            }
            String canonical;
            try {
                canonical = CanonicalJson.event(parsed);
            } catch (CanonicalJsonException e) {
                return "event has no canonical form: " + e.getMessage();
            }
            if (!canonical.equals(entry.eventJson())) {
                return "event JSON is not in canonical form: stored "
                        + abbreviate(entry.eventJson())
                        + ", canonical "
                        + abbreviate(canonical);
            }
            event = FastEventCheck.Header.of(parsed);
        }
        byte[] computed =
                AuditChain.digest(entry.sequence(), entry.previousHash(), entry.eventJson());
        byte[] stored = decodeOrNull(entry.hash());
        if (stored == null || !java.security.MessageDigest.isEqual(computed, stored)) {
            return "hash mismatch: stored "
                    + entry.hash()
                    + ", computed "
                    + HexFormat.of().formatHex(computed);
        }
        lastLeaf = MerkleTree.leafHash(stored);
        return extra.problem(entry, event);
    }

    /** The Merkle leaf of the entry accepted last. */
    byte[] lastLeaf() {
        return lastLeaf;
    }

    /** The bytes of a stored hash, or null if it is not 64 lowercase hex digits. */
    private static byte[] decodeOrNull(String hash) {
        return AuditChain.isHash(hash) ? HexFormat.of().parseHex(hash) : null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
