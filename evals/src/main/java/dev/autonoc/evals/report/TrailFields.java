package dev.autonoc.evals.report;

import dev.autonoc.core.audit.AuditEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Reads the payload keys the loop writes (agent-core's {@code loop.AuditEvents}). Kept in one place
 * so that a renamed key is one edit here; numbers come back from the ledger as Long or Double, so
 * they are read through {@link Number}.
 */
final class TrailFields {

    static final String STEP = "step";
    static final String TOOL = "tool";
    static final String EFFECT = "effect";
    static final String REQUIRED_ROLE = "required_role";
    static final String PROPOSER = "proposer";
    static final String VERDICT = "verdict";
    static final String BY = "by";
    static final String ROLE = "role";

    private TrailFields() {}

    static Optional<String> text(AuditEvent event, String key) {
        Object value = event.payload().get(key);
        return value instanceof String s ? Optional.of(s) : Optional.empty();
    }

    static OptionalDouble decimal(AuditEvent event, String key) {
        Object value = event.payload().get(key);
        return value instanceof Number n
                ? OptionalDouble.of(n.doubleValue())
                : OptionalDouble.empty();
    }

    /** A map under the key, or an empty map. */
    static Map<String, Object> map(AuditEvent event, String key) {
        Object value = event.payload().get(key);
        if (!(value instanceof Map<?, ?> m)) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    static OptionalLong number(AuditEvent event, String key) {
        Object value = event.payload().get(key);
        if (value instanceof Number n) {
            return OptionalLong.of(n.longValue());
        }
        if (value instanceof String s) {
            try {
                return OptionalLong.of(Long.parseLong(s));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }
}
