package dev.autonoc.audit;

import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditQuery;
import java.time.Instant;
import java.util.Optional;

/** Builds an {@link AuditQuery} one filter at a time, for readable tests. */
final class QueryBuilder {
    private Optional<String> correlationId = Optional.empty();
    private Optional<String> element = Optional.empty();
    private Optional<String> actor = Optional.empty();
    private Optional<AuditEventType> type = Optional.empty();
    private Optional<Instant> from = Optional.empty();
    private Optional<Instant> to = Optional.empty();
    private long afterSequence;
    private int limit = 10_000;

    QueryBuilder correlationId(String v) {
        correlationId = Optional.of(v);
        return this;
    }

    QueryBuilder element(String v) {
        element = Optional.of(v);
        return this;
    }

    QueryBuilder actor(String v) {
        actor = Optional.of(v);
        return this;
    }

    QueryBuilder type(AuditEventType v) {
        type = Optional.of(v);
        return this;
    }

    QueryBuilder from(Instant v) {
        from = Optional.of(v);
        return this;
    }

    QueryBuilder to(Instant v) {
        to = Optional.of(v);
        return this;
    }

    QueryBuilder afterSequence(long v) {
        afterSequence = v;
        return this;
    }

    QueryBuilder limit(int v) {
        limit = v;
        return this;
    }

    AuditQuery build() {
        return new AuditQuery(correlationId, element, actor, type, from, to, afterSequence, limit);
    }
}
