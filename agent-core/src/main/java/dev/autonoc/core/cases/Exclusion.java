package dev.autonoc.core.cases;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something a case learnt not to try again: a call the far side refused, the policy denied or a
 * person rejected. A planner skips any call of {@code tool} whose arguments contain every entry of
 * {@code match} (an empty match excludes the tool for the case).
 *
 * @param reason why, in the words of whoever refused
 * @param at when it was learnt
 */
public record Exclusion(String tool, Map<String, Object> match, String reason, Instant at) {

    public Exclusion {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        match = Map.copyOf(match);
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

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return Objects.equals(a, b);
    }
}
