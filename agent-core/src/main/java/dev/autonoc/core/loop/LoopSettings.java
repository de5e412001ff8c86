package dev.autonoc.core.loop;

import dev.autonoc.core.approval.Actors;
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
 * @param approvalTimeout how long an approval request waits for an answer before it expires and
 *     escalates to the role above (or, at the top, the case goes to a person); {@link
 *     Duration#ZERO} waits for ever
 */
public record LoopSettings(
        String agent,
        Duration reopenCooldown,
        int maxRetries,
        Duration retryBackoff,
        Duration approvalTimeout) {

    public LoopSettings {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(reopenCooldown, "reopenCooldown");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(approvalTimeout, "approvalTimeout");
        if (!Actors.isAgent(agent)) {
            throw new IllegalArgumentException(
                    "the loop's actor must be an agent name (agent:...), got " + agent);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, got " + maxRetries);
        }
        if (approvalTimeout.isNegative()) {
            throw new IllegalArgumentException(
                    "approvalTimeout must be >= 0 (0 waits for ever), got " + approvalTimeout);
        }
    }

    /** Approvals wait for ever by default: how long people may take is the operator's to set. */
    public static LoopSettings defaults() {
        return new LoopSettings(
                Actors.AGENT, Duration.ofDays(2), 3, Duration.ofMinutes(5), Duration.ZERO);
    }

    public LoopSettings withApprovalTimeout(Duration timeout) {
        return new LoopSettings(agent, reopenCooldown, maxRetries, retryBackoff, timeout);
    }
}
