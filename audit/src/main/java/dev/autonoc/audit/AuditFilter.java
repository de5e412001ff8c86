package dev.autonoc.audit;

import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditQuery;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What an auditor asks of a ledger: agent-core's {@link AuditQuery} (case, element, actor, event
 * type, sim-time range, paging) plus the two payload fields an auditor most often looks for, the
 * {@code tool} of a plan step, decision, approval or tool call, and a policy decision's {@code
 * effect} ({@code ALLOW}, {@code REQUIRE_APPROVAL}, {@code DENY}). Empty filters match everything;
 * all given filters must hold. {@code from} is inclusive and {@code to} exclusive, on sim time.
 */
public record AuditFilter(AuditQuery query, Optional<String> tool, Optional<String> effect) {

    public AuditFilter {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(effect, "effect");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether the entry passes every filter but paging. */
    public boolean matches(AuditEntry entry) {
        AuditEvent e = entry.event();
        return query.correlationId().map(e.correlationId()::equals).orElse(true)
                && query.element().map(e.element()::equals).orElse(true)
                && query.actor().map(e.actor()::equals).orElse(true)
                && query.type().map(t -> t == e.type()).orElse(true)
                && query.from().map(f -> !e.simTime().isBefore(f)).orElse(true)
                && query.to().map(t -> e.simTime().isBefore(t)).orElse(true)
                && payloadMatches(e);
    }

    /** Whether the event's payload has the asked-for tool and effect. */
    boolean payloadMatches(AuditEvent e) {
        return tool.map(t -> t.equals(e.payload().get("tool"))).orElse(true)
                && effect.map(f -> f.equals(e.payload().get("effect"))).orElse(true);
    }

    boolean filtersPayload() {
        return tool.isPresent() || effect.isPresent();
    }

    /** Builds a filter; every setter is optional. */
    public static final class Builder {
        private Optional<String> correlationId = Optional.empty();
        private Optional<String> element = Optional.empty();
        private Optional<String> actor = Optional.empty();
        private Optional<AuditEventType> type = Optional.empty();
        private Optional<Instant> from = Optional.empty();
        private Optional<Instant> to = Optional.empty();
        private Optional<String> tool = Optional.empty();
        private Optional<String> effect = Optional.empty();
        private long afterSequence;
        private int limit = 10_000;

        private Builder() {}

        public Builder correlationId(String v) {
            correlationId = Optional.of(v);
            return this;
        }

        public Builder element(String v) {
            element = Optional.of(v);
            return this;
        }

        public Builder actor(String v) {
            actor = Optional.of(v);
            return this;
        }

        public Builder type(AuditEventType v) {
            type = Optional.of(v);
            return this;
        }

        public Builder from(Instant v) {
            from = Optional.of(v);
            return this;
        }

        public Builder to(Instant v) {
            to = Optional.of(v);
            return this;
        }

        public Builder tool(String v) {
            tool = Optional.of(v);
            return this;
        }

        public Builder effect(String v) {
            effect = Optional.of(v);
            return this;
        }

        /** Only entries with a greater sequence: the last sequence of the page before. */
        public Builder afterSequence(long v) {
            afterSequence = v;
            return this;
        }

        /** At most this many entries, 1..10000 (default 10000). */
        public Builder limit(int v) {
            limit = v;
            return this;
        }

        /**
         * @throws IllegalArgumentException if the limit is outside 1..10000 or {@code to} is not
         *     after {@code from}
         */
        public AuditFilter build() {
            if (from.isPresent() && to.isPresent() && !to.get().isAfter(from.get())) {
                throw new IllegalArgumentException(
                        "the time range is empty: 'to' "
                                + to.get()
                                + " is not after 'from' "
                                + from.get());
            }
            return new AuditFilter(
                    new AuditQuery(
                            correlationId, element, actor, type, from, to, afterSequence, limit),
                    tool,
                    effect);
        }
    }
}
