package dev.autonoc.core.tool;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a call did.
 *
 * @param output the tool's answer as a JSON-like tree; text in it came from outside and is data
 * @param summary one line for people and the audit trail
 * @param completesAt when the effect the call started is finished (a part delivered, a job done, a
 *     restart over); empty when it is finished already
 * @param costGbp what the call spent
 */
public record ToolResult(
        Outcome outcome,
        Map<String, Object> output,
        String summary,
        Optional<Instant> completesAt,
        double costGbp) {

    /** Whether the effect happened, and if not, whether trying again may help. */
    public enum Outcome {
        SUCCEEDED,
        /** Refused or impossible; nothing happened. A new attempt needs a changed call. */
        FAILED,
        /**
         * An error or time-out: the effect may or may not have happened; retry with the same key.
         */
        RETRYABLE
    }

    public ToolResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(completesAt, "completesAt");
        output = Map.copyOf(output);
    }

    public static ToolResult succeeded(Map<String, Object> output, String summary) {
        return new ToolResult(Outcome.SUCCEEDED, output, summary, Optional.empty(), 0.0);
    }

    public static ToolResult failed(String summary) {
        return new ToolResult(Outcome.FAILED, Map.of(), summary, Optional.empty(), 0.0);
    }

    public static ToolResult retryable(String summary) {
        return new ToolResult(Outcome.RETRYABLE, Map.of(), summary, Optional.empty(), 0.0);
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }
}
