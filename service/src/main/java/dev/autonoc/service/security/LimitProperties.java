package dev.autonoc.service.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code autonoc.security.limits.*}: what one client may ask of the service.
 *
 * @param signInFailures failed sign-ins in a row for one user before it is locked ({@code 5})
 * @param clientSignInFailures failed sign-ins from one client address, for any user names, before
 *     that address is locked ({@code 20})
 * @param lockout the first lockout ({@code 30s}); each further one doubles it
 * @param maxLockout the longest lockout ({@code 15m})
 * @param apiPerSecond requests per second one user may make to {@code /api}, sustained
 * @param apiBurst requests one user may make to {@code /api} at once, after a quiet while
 * @param mcpPerMinute MCP requests per minute one agent may make, sustained
 * @param mcpBurst MCP requests one agent may make at once
 * @param maxBody the largest request body ({@code 64KB}), but for a policy upload
 * @param maxPolicyBody the largest policy file uploaded ({@code 256KB})
 */
@ConfigurationProperties("autonoc.security.limits")
record LimitProperties(
        Integer signInFailures,
        Integer clientSignInFailures,
        Duration lockout,
        Duration maxLockout,
        Double apiPerSecond,
        Integer apiBurst,
        Double mcpPerMinute,
        Integer mcpBurst,
        DataSize maxBody,
        DataSize maxPolicyBody) {

    static final LimitProperties DEFAULTS =
            new LimitProperties(null, null, null, null, null, null, null, null, null, null);

    LimitProperties {
        signInFailures = positive("sign-in-failures", signInFailures, 5);
        clientSignInFailures = positive("client-sign-in-failures", clientSignInFailures, 20);
        lockout = lockout == null ? Duration.ofSeconds(30) : lockout;
        maxLockout = maxLockout == null ? Duration.ofMinutes(15) : maxLockout;
        if (lockout.isNegative() || lockout.isZero() || maxLockout.compareTo(lockout) < 0) {
            throw new IllegalArgumentException(
                    "autonoc.security.limits.lockout must be positive and at most max-lockout, got "
                            + lockout
                            + " and "
                            + maxLockout);
        }
        apiPerSecond = rate("api-per-second", apiPerSecond, 20);
        apiBurst = positive("api-burst", apiBurst, 100);
        mcpPerMinute = rate("mcp-per-minute", mcpPerMinute, 120);
        mcpBurst = positive("mcp-burst", mcpBurst, 30);
        maxBody = size("max-body", maxBody, DataSize.ofKilobytes(64));
        maxPolicyBody = size("max-policy-body", maxPolicyBody, DataSize.ofKilobytes(256));
    }

    private static int positive(String name, Integer value, int fallback) {
        int v = value == null ? fallback : value;
        if (v < 1) {
            throw new IllegalArgumentException(
                    "autonoc.security.limits." + name + " must be 1 or more, got " + v);
        }
        return v;
    }

    private static double rate(String name, Double value, double fallback) {
        double v = value == null ? fallback : value;
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(
                    "autonoc.security.limits." + name + " must be a positive number, got " + v);
        }
        return v;
    }

    private static DataSize size(String name, DataSize value, DataSize fallback) {
        DataSize v = value == null ? fallback : value;
        if (v.toBytes() < 1024) {
            throw new IllegalArgumentException(
                    "autonoc.security.limits." + name + " must be at least 1KB, got " + v);
        }
        return v;
    }
}
