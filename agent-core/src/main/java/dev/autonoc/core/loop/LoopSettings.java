package dev.autonoc.core.loop;

import dev.autonoc.core.approval.Actors;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the loop behaves (docs/agent.md).
 *
 * @param agent the actor name the loop proposes and calls tools as (starts with {@code agent:})
 * @param reopenCooldown after a case on an element closes, how long before a new one may open on it
 * @param retry how a TRANSIENT or UNCERTAIN call is tried again, unless {@code retryByTool} says
 *     otherwise for its tool
 * @param retryByTool retry policies of particular tools
 * @param circuit when a tool's far side counts as down, and for how long
 * @param approvalTimeout how long an approval request waits for an answer before it expires and
 *     escalates to the role above (at the top, the case replans without the step); {@link
 *     Duration#ZERO} waits for ever
 * @param maxReplans how many times a case may be planned again before it goes to a person
 * @param verifyEvery how often the OSS is asked whether a plan's order and booking still stand
 * @param verifyLead how long before a booked job its order and booking are checked once more
 * @param falseAlarmAfter how long an element must stay off the at-risk list before a watched case
 *     on it is closed as a false alarm (its effects undone)
 * @param denialPause after the policy denies a step, how long its tool is paused for the case's
 *     element (the denied call itself is excluded for good): a denial may hold only for now
 */
public record LoopSettings(
        String agent,
        Duration reopenCooldown,
        RetryPolicy retry,
        Map<String, RetryPolicy> retryByTool,
        CircuitBreaker.Settings circuit,
        Duration approvalTimeout,
        int maxReplans,
        Duration verifyEvery,
        Duration verifyLead,
        Duration falseAlarmAfter,
        Duration denialPause) {

    public LoopSettings {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(reopenCooldown, "reopenCooldown");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(circuit, "circuit");
        Objects.requireNonNull(approvalTimeout, "approvalTimeout");
        Objects.requireNonNull(verifyEvery, "verifyEvery");
        Objects.requireNonNull(verifyLead, "verifyLead");
        Objects.requireNonNull(falseAlarmAfter, "falseAlarmAfter");
        Objects.requireNonNull(denialPause, "denialPause");
        retryByTool = Map.copyOf(retryByTool);
        if (!Actors.isAgent(agent)) {
            throw new IllegalArgumentException(
                    "the loop's actor must be an agent name (agent:...), got " + agent);
        }
        if (approvalTimeout.isNegative()) {
            throw new IllegalArgumentException(
                    "approvalTimeout must be >= 0 (0 waits for ever), got " + approvalTimeout);
        }
        if (maxReplans < 0) {
            throw new IllegalArgumentException("maxReplans must be >= 0, got " + maxReplans);
        }
        if (verifyEvery.isNegative() || verifyEvery.isZero()) {
            throw new IllegalArgumentException("verifyEvery must be positive, got " + verifyEvery);
        }
    }

    /** Approvals wait for ever by default: how long people may take is the operator's to set. */
    public static LoopSettings defaults() {
        return new LoopSettings(
                Actors.AGENT,
                Duration.ofDays(2),
                RetryPolicy.defaults(),
                Map.of(),
                CircuitBreaker.Settings.defaults(),
                Duration.ZERO,
                12,
                Duration.ofHours(6),
                Duration.ofHours(3),
                Duration.ofHours(24),
                Duration.ofHours(1));
    }

    public LoopSettings withApprovalTimeout(Duration timeout) {
        return new LoopSettings(
                agent,
                reopenCooldown,
                retry,
                retryByTool,
                circuit,
                timeout,
                maxReplans,
                verifyEvery,
                verifyLead,
                falseAlarmAfter,
                denialPause);
    }

    public LoopSettings withRetry(RetryPolicy policy, Map<String, RetryPolicy> byTool) {
        return new LoopSettings(
                agent,
                reopenCooldown,
                policy,
                byTool,
                circuit,
                approvalTimeout,
                maxReplans,
                verifyEvery,
                verifyLead,
                falseAlarmAfter,
                denialPause);
    }

    public LoopSettings withCircuit(CircuitBreaker.Settings settings) {
        return new LoopSettings(
                agent,
                reopenCooldown,
                retry,
                retryByTool,
                settings,
                approvalTimeout,
                maxReplans,
                verifyEvery,
                verifyLead,
                falseAlarmAfter,
                denialPause);
    }

    /** The retry policy of {@code tool}. */
    public RetryPolicy retryOf(String tool) {
        return retryByTool.getOrDefault(tool, retry);
    }
}
