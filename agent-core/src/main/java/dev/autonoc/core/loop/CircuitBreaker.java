package dev.autonoc.core.loop;

import dev.autonoc.core.tool.ToolResult.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Stops the loop hammering a far side that is down (docs/agent.md, "Outcome classes"): per tool,
 * after {@code threshold} TRANSIENT or UNCERTAIN outcomes in a row the circuit opens, and no step
 * calls that tool until {@code openFor} has passed; then one call is let through, and a success
 * closes the circuit while a failure opens it again. A step held back by an open circuit keeps its
 * tries: it is the far side that is down, not the step that is wrong.
 *
 * <p>Kept in memory on purpose: after a restart every circuit starts closed, and the first calls
 * find out again how the far side is. Thread-safe: a loop that works cases at once shares it.
 */
public final class CircuitBreaker {

    /** When to open, and for how long. */
    public record Settings(int threshold, Duration openFor) {
        public Settings {
            Objects.requireNonNull(openFor, "openFor");
            if (threshold < 1) {
                throw new IllegalArgumentException("threshold must be >= 1, got " + threshold);
            }
            if (openFor.isNegative() || openFor.isZero()) {
                throw new IllegalArgumentException("openFor must be positive, got " + openFor);
            }
        }

        public static Settings defaults() {
            return new Settings(5, Duration.ofMinutes(30));
        }
    }

    private final Settings settings;
    private final Map<String, State> byTool = new HashMap<>();

    private static final class State {
        int failuresInARow;
        @Nullable Instant openUntil;
    }

    public CircuitBreaker(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** When the tool's circuit is open at {@code now}, until when. */
    public synchronized Optional<Instant> openUntil(String tool, Instant now) {
        State s = byTool.get(tool);
        if (s == null || s.openUntil == null || !now.isBefore(s.openUntil)) {
            return Optional.empty();
        }
        return Optional.of(s.openUntil);
    }

    /** Counts a call's outcome. */
    public synchronized void record(String tool, Outcome outcome, Instant now) {
        State s = byTool.computeIfAbsent(tool, t -> new State());
        if (outcome.worthRetrying()) {
            s.failuresInARow++;
            if (s.failuresInARow >= settings.threshold()) {
                s.openUntil = now.plus(settings.openFor());
                // half-open after openFor: one more failure opens it again
                s.failuresInARow = settings.threshold() - 1;
            }
        } else {
            s.failuresInARow = 0;
            s.openUntil = null;
        }
    }
}
