package dev.autonoc.core.tool;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads typed values out of a tool call's arguments or a result's output, which are JSON-shaped
 * maps: a missing key, a value of another type and an unparseable text all read as absent, so that
 * a caller decides what absence means rather than catching.
 */
public final class ToolValues {

    private ToolValues() {}

    /** An ISO-8601 instant held as text ({@code "2026-03-02T08:00:00Z"}), else empty. */
    public static Optional<Instant> instant(@Nullable Object value) {
        if (!(value instanceof String text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
