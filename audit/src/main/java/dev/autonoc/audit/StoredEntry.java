package dev.autonoc.audit;

import dev.autonoc.core.audit.AuditEntry;
import java.time.Instant;
import java.util.Objects;

/**
 * An entry as it is stored, in a database row or an export line: the event still as its canonical
 * JSON text, which is what the hash covers. {@link AuditVerifier} checks these, so that it checks
 * the stored bytes and not a value re-made from them.
 */
public record StoredEntry(
        long sequence, Instant recordedAt, String previousHash, String hash, String eventJson) {

    public StoredEntry {
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(eventJson, "eventJson");
    }

    /**
     * The entry with its event parsed.
     *
     * @throws CanonicalJsonException if the stored JSON is not an event
     */
    public AuditEntry toEntry() {
        return new AuditEntry(
                sequence, CanonicalJson.parseEvent(eventJson), recordedAt, previousHash, hash);
    }
}
