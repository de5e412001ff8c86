package dev.autonoc.core.loop;

import java.time.Duration;
import java.util.Objects;

/**
 * How the loop behaves.
 *
 * @param agent the actor name the loop proposes and calls tools as (starts with {@code agent:})
 * @param reopenCooldown after a case on an element ends, how long before a new case may open on it
 * @param maxRetries how many times a RETRYABLE call is retried (same key) before the case goes to a
 *     person
 * @param retryBackoff how long to wait before a retry
 */
public record LoopSettings(
        String agent, Duration reopenCooldown, int maxRetries, Duration retryBackoff) {

    public LoopSettings {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(reopenCooldown, "reopenCooldown");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        if (!dev.autonoc.core.approval.Actors.isAgent(agent)) {
            throw new IllegalArgumentException(
                    "the loop's actor must be an agent name (agent:...), got " + agent);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, got " + maxRetries);
        }
    }

    public static LoopSettings defaults() {
        return new LoopSettings(
                dev.autonoc.core.approval.Actors.AGENT,
                Duration.ofDays(2),
                3,
                Duration.ofMinutes(5));
    }
}
