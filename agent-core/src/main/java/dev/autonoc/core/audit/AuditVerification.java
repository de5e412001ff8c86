package dev.autonoc.core.audit;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What {@link AuditLog#verify()} found: intact, or the first bad entry and what is wrong with it.
 */
public record AuditVerification(
        boolean intact, long entriesChecked, OptionalLong firstBadSequence, String detail) {

    public AuditVerification {
        Objects.requireNonNull(firstBadSequence, "firstBadSequence");
        Objects.requireNonNull(detail, "detail");
    }

    public static AuditVerification intact(long entries) {
        return new AuditVerification(true, entries, OptionalLong.empty(), "chain intact");
    }

    public static AuditVerification broken(long entriesChecked, long sequence, String detail) {
        return new AuditVerification(false, entriesChecked, OptionalLong.of(sequence), detail);
    }
}
