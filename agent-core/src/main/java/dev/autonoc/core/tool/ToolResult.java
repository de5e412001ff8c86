package dev.autonoc.core.tool;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a call did.
 *
 * @param outcome what happened, grouped by what the caller should do next
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

    /**
     * What happened, grouped by what the caller should do next (docs/agent.md, "Outcome classes").
     * Only {@link #UNCERTAIN} leaves open whether the effect happened.
     */
    public enum Outcome {
        /** The effect happened. */
        SUCCEEDED,
        /**
         * The far side did not act, and may later: unavailable (503), throttled (429), connection
         * refused. Nothing happened: try again after a backoff, as a new attempt with a new key.
         */
        TRANSIENT,
        /**
         * No answer, or an error after the far side may have acted (a time-out, 504): the effect
         * may or may not have happened. Try again after a backoff under the same key, so that it
         * happens at most once.
         */
        UNCERTAIN,
        /**
         * The far side refused on the merits: no stock, no free slot, an engineer unavailable, no
         * capacity. Nothing happened, and the same call will not do better: plan around it.
         */
        REFUSED,
        /**
         * The call itself is wrong (arguments against the schema, an id that does not exist): a bug
         * in whoever planned it. Nothing happened; a person looks at it.
         */
        INVALID;

        /** Whether the effect surely did not happen. */
        public boolean nothingHappened() {
            return this == TRANSIENT || this == REFUSED || this == INVALID;
        }

        /** Whether trying the same call again later may succeed. */
        public boolean worthRetrying() {
            return this == TRANSIENT || this == UNCERTAIN;
        }
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

    /** The far side did not act and may later (unavailable, throttled). */
    public static ToolResult unavailable(String summary) {
        return of(Outcome.TRANSIENT, summary);
    }

    /** The effect may or may not have happened (a time-out). */
    public static ToolResult uncertain(String summary) {
        return of(Outcome.UNCERTAIN, summary);
    }

    /** Refused on the merits; nothing happened. */
    public static ToolResult refused(String summary) {
        return of(Outcome.REFUSED, summary);
    }

    /** The call is wrong; nothing happened. */
    public static ToolResult invalid(String summary) {
        return of(Outcome.INVALID, summary);
    }

    /** A result with no output of {@code outcome}, which must not be {@link Outcome#SUCCEEDED}. */
    public static ToolResult of(Outcome outcome, String summary) {
        if (outcome == Outcome.SUCCEEDED) {
            throw new IllegalArgumentException("a success carries an output: use succeeded(..)");
        }
        return new ToolResult(outcome, Map.of(), summary, Optional.empty(), 0.0);
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }
}
