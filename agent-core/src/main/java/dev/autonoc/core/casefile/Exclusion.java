package dev.autonoc.core.casefile;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Something a case learnt not to try again: a call the far side refused, the policy denied or a
 * person rejected. A planner skips any call of {@code tool} whose arguments contain every entry of
 * {@code match} (an empty match excludes the tool for the case).
 *
 * @param reason why, in the words of whoever refused
 * @param at when it was learnt
 * @param until when it lapses; empty for good. A policy's denial may hold only for now (another
 *     element under work, a day's budget spent), so the tool is paused, not barred
 * @param untilDataTrusted a pause that answered a question asked because the element's data were
 *     not trusted (a sensor stuck, a gap): it lapses sooner, as soon as they are trusted again,
 *     since the question it answered is then no longer asked
 */
public record Exclusion(
        String tool,
        Map<String, Object> match,
        String reason,
        Instant at,
        Optional<Instant> until,
        boolean untilDataTrusted) {

    public Exclusion {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(until, "until");
        match = Map.copyOf(match);
    }

    /** An exclusion for good. */
    public Exclusion(String tool, Map<String, Object> match, String reason, Instant at) {
        this(tool, match, reason, at, Optional.empty());
    }

    /** A pause until {@code until} (empty: an exclusion for good), whatever the data. */
    public Exclusion(
            String tool,
            Map<String, Object> match,
            String reason,
            Instant at,
            Optional<Instant> until) {
        this(tool, match, reason, at, until, false);
    }

    /**
     * Whether it is a pause that lapses once the element's data are trusted, standing at {@code
     * now}.
     */
    public boolean waitsForTrustedData(Instant now) {
        return untilDataTrusted && until.isPresent() && holdsAt(now);
    }

    /** This pause lapsed at {@code now}. */
    public Exclusion lapsedAt(Instant now) {
        return new Exclusion(tool, match, reason, at, Optional.of(now), untilDataTrusted);
    }

    /** Whether it still holds at {@code now}. */
    public boolean holdsAt(Instant now) {
        return until.isEmpty() || now.isBefore(until.get());
    }

    /** Whether a call of {@code tool} with {@code arguments} is excluded by this. */
    public boolean excludes(String callTool, Map<String, Object> arguments) {
        if (!tool.equals(callTool)) {
            return false;
        }
        for (Map.Entry<String, Object> e : match.entrySet()) {
            if (!sameValue(e.getValue(), arguments.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameValue(Object a, @Nullable Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return Objects.equals(a, b);
    }
}
