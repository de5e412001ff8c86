package dev.autonoc.core;

import java.util.Objects;

/** A case's id; also the correlation id of its audit events and the external id of its ticket. */
public record CaseId(String value) {

    public CaseId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a case id must not be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
