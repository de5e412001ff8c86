package dev.autonoc.audit;

import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditVerification;
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

    private long expectedSequence = 1;
    private String previousHash = AuditChain.GENESIS_HASH;
    private long checked;
    private AuditVerification failure;

    /** Checks the next entry; returns false once a problem has been found. */
    boolean accept(StoredEntry entry) {
        return accept(entry, NONE);
    }

    /** Checks the next entry, and with {@code extra} once the chain checks pass. */
    boolean accept(StoredEntry entry, ExtraCheck extra) {
        if (failure != null) {
            return false;
        }
        checked++;
        String problem = problem(entry, extra);
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

    private String problem(StoredEntry entry, ExtraCheck extra) {
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
        String computed =
                AuditChain.hash(entry.sequence(), entry.previousHash(), entry.eventJson());
        if (!computed.equals(entry.hash())) {
            return "hash mismatch: stored " + entry.hash() + ", computed " + computed;
        }
        return extra.problem(entry, event);
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
