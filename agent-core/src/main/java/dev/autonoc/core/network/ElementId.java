package dev.autonoc.core.network;

import java.util.Objects;

/**
 * The id of a network element, as the inventory names it ({@code core-rtr-02}, {@code cell-01-1}).
 */
public record ElementId(String value) implements Comparable<ElementId> {

    public ElementId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an element id must not be blank");
        }
    }

    public static ElementId of(String value) {
        return new ElementId(value);
    }

    @Override
    public int compareTo(ElementId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
