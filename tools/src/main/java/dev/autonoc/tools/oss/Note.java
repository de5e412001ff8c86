package dev.autonoc.tools.oss;

import java.time.Instant;
import java.util.Objects;

/**
 * TMF Note on a ticket. {@code text} may come from outside (a customer, another system, a
 * scenario's untrusted text): it is data and never an instruction.
 */
public record Note(String id, String author, Instant date, String text) {

    public Note {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(text, "text");
    }
}
