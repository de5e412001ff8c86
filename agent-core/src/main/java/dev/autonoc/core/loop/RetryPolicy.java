package dev.autonoc.core.loop;

import java.time.Duration;
import java.util.Objects;

/**
 * How a step whose call came back TRANSIENT or UNCERTAIN is tried again: exponential backoff from
 * {@code initialBackoff}, times {@code multiplier} per try, at most {@code maxBackoff}, spread by
 * up to {@code jitter} (a fraction) either way so that cases do not retry in step; after {@code
 * maxTries} calls the step is given up and the case replanned.
 *
 * <p>The jitter is drawn from the case, step and try, not from a random generator: the same run
 * retries at the same times, after a restart too.
 */
public record RetryPolicy(
        int maxTries,
        Duration initialBackoff,
        double multiplier,
        Duration maxBackoff,
        double jitter) {

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxTries < 1) {
            throw new IllegalArgumentException("maxTries must be >= 1, got " + maxTries);
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException(
                    "initialBackoff must be positive, got " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff ("
                            + maxBackoff
                            + ") must be >= initialBackoff ("
                            + initialBackoff
                            + ")");
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("multiplier must be >= 1, got " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter < 1.0)) {
            throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
        }
    }

    /** Six tries, 5 min doubling to at most 2 h, ±20 %: about six hours end to end. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(6, Duration.ofMinutes(5), 2.0, Duration.ofHours(2), 0.2);
    }

    /**
     * How long to wait after the {@code tries}-th call (from 1) of {@code step} of {@code caseId}.
     */
    public Duration backoff(String caseId, int step, int tries) {
        double base = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, tries - 1));
        base = Math.min(base, maxBackoff.toMillis());
        double spread = 1.0 + jitter * (2.0 * unit(caseId, step, tries) - 1.0);
        return Duration.ofMillis(Math.max(1L, Math.round(base * spread)));
    }

    /** A number in [0, 1) that depends only on its arguments. */
    private static double unit(String caseId, int step, int tries) {
        long h = caseId.hashCode() * 0x9E3779B97F4A7C15L + step * 0xC2B2AE3D27D4EB4FL + tries;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (h >>> 11) * 0x1.0p-53;
    }
}
