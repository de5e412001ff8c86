package dev.autonoc.core.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * An event as stored: its place in the ledger, when it was recorded (wall clock), and its hash
 * chained to the entry before.
 */
public record AuditEntry(
        long sequence, AuditEvent event, Instant recordedAt, String previousHash, String hash) {

    public AuditEntry {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }
}
