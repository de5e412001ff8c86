package dev.autonoc.core.tool;

import dev.autonoc.core.CaseId;
import java.util.Objects;

/**
 * Names one intended effect. The same key sent twice has one effect: a retry after a timeout reuses
 * the key; only a new attempt after a definite failure (nothing happened) gets a new one.
 */
public record IdempotencyKey(String value) {

    public IdempotencyKey {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an idempotency key must not be blank");
        }
    }

    public static IdempotencyKey of(CaseId caseId, int step, int attempt) {
        return new IdempotencyKey(caseId.value() + "/" + step + "/" + attempt);
    }

    @Override
    public String toString() {
        return value;
    }
}
