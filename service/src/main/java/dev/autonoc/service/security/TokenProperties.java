package dev.autonoc.service.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code autonoc.security.tokens.*}: how long personal API tokens live.
 *
 * @param defaultLifetime a new token's life unless its maker asks for another ({@code 90d})
 * @param maxLifetime the longest a maker may ask for ({@code 366d})
 * @param refresh how long an instance trusts what it read of a token before reading it again
 *     ({@code 5s}): the longest a token revoked on another instance sharing the database still
 *     signs in here
 */
@ConfigurationProperties("autonoc.security.tokens")
record TokenProperties(Duration defaultLifetime, Duration maxLifetime, Duration refresh) {

    static final TokenProperties DEFAULTS = new TokenProperties(null, null, null);

    TokenProperties {
        defaultLifetime = defaultLifetime == null ? Duration.ofDays(90) : defaultLifetime;
        maxLifetime = maxLifetime == null ? Duration.ofDays(366) : maxLifetime;
        refresh = refresh == null ? Duration.ofSeconds(5) : refresh;
        if (refresh.isNegative()) {
            throw new IllegalArgumentException(
                    "autonoc.security.tokens.refresh must be zero (read the table at each use) or"
                            + " positive, got "
                            + refresh);
        }
        if (defaultLifetime.isNegative()
                || defaultLifetime.isZero()
                || defaultLifetime.compareTo(maxLifetime) > 0) {
            throw new IllegalArgumentException(
                    "autonoc.security.tokens.default-lifetime must be positive and at most"
                            + " max-lifetime ("
                            + maxLifetime
                            + "), got "
                            + defaultLifetime);
        }
    }
}
