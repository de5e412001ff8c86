package dev.autonoc.core.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A filter over the ledger, with paging by sequence. Empty filters match everything. */
public record AuditQuery(
        Optional<String> correlationId,
        Optional<String> element,
        Optional<String> actor,
        Optional<AuditEventType> type,
        Optional<Instant> from,
        Optional<Instant> to,
        long afterSequence,
        int limit) {

    public AuditQuery {
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be 1..10000, got " + limit);
        }
    }

    public static AuditQuery all() {
        return new AuditQuery(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                0,
                10_000);
    }

    public static AuditQuery forCase(String correlationId) {
        return new AuditQuery(
                Optional.of(correlationId),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                0,
                10_000);
    }
}
