package dev.autonoc.service.security;

import dev.autonoc.service.security.ApiToken.Audience;
import dev.autonoc.service.store.Sha256;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Personal API tokens: made by a person signed in to the console for a program that acts as them,
 * bound to one resource (the API or the MCP server), listed, revoked, and ending on a date. A
 * request presents the secret as {@code Authorization: Bearer anc_...}; checking it costs one
 * SHA-256 and a map lookup, not a password hash, so machines can call as often as the rate limits
 * let them and a wrong token costs the service nothing.
 *
 * <p>The secret is 256 random bits, shown once when the token is made; only its SHA-256 is kept.
 * The service keeps the tokens in memory for lookups (one instance per database) and writes every
 * change through to {@link TokenRows} before answering.
 */
public final class ApiTokens {

    /** Every secret starts with this, so that a leaked one is recognisable (and scannable). */
    public static final String PREFIX = "anc_";

    /** The most tokens one user may have active at once. */
    static final int MAX_ACTIVE_PER_USER = 50;

    static final int MAX_LABEL = 100;

    /** Last use is written at most this often per token: a busy client does not write per call. */
    static final Duration NOTE_USE_EVERY = Duration.ofMinutes(1);

    /** A new token: the record kept, and the secret, which is shown once and never again. */
    public record Created(ApiToken token, String secret) {}

    private final TokenRows rows;
    private final Clock clock;
    private final TokenProperties settings;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ApiToken> byHash = new ConcurrentHashMap<>();
    private final Map<String, ApiToken> byId = new ConcurrentHashMap<>();

    ApiTokens(TokenRows rows, Clock clock, TokenProperties settings) {
        this.rows = rows;
        this.clock = clock;
        this.settings = settings;
        for (ApiToken t : rows.all()) {
            byId.put(t.id(), t);
            byHash.put(t.hash(), t);
        }
    }

    /** A token store in memory only, for tests of the web layer. */
    public static ApiTokens inMemory(Clock clock) {
        return new ApiTokens(TokenRows.inMemory(), clock, TokenProperties.DEFAULTS);
    }

    /**
     * Makes a token for {@code user}, bound to {@code audience}, ending after {@code lifetime} (the
     * configured default if empty).
     *
     * @throws IllegalArgumentException naming what is wrong with the label or the lifetime, or if
     *     the user has too many active tokens
     */
    public synchronized Created create(
            String user, String label, Audience audience, Optional<Duration> lifetime) {
        String name = label == null ? "" : label.strip();
        if (name.isEmpty()
                || name.length() > MAX_LABEL
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(
                    "label: say what the token is for, 1 to "
                            + MAX_LABEL
                            + " characters without control characters");
        }
        Duration life = lifetime.orElse(settings.defaultLifetime());
        if (life.isNegative() || life.isZero() || life.compareTo(settings.maxLifetime()) > 0) {
            throw new IllegalArgumentException(
                    "lifetime: from PT1M to "
                            + settings.maxLifetime()
                            + " (autonoc.security.tokens.max-lifetime), got "
                            + life);
        }
        Instant now = clock.instant();
        long active =
                byId.values().stream()
                        .filter(t -> t.user().equals(user) && t.activeAt(now))
                        .count();
        if (active >= MAX_ACTIVE_PER_USER) {
            throw new IllegalArgumentException(
                    "'"
                            + user
                            + "' has "
                            + active
                            + " active tokens, the most allowed; revoke one first");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byte[] idBytes = new byte[8];
        random.nextBytes(idBytes);
        ApiToken token =
                new ApiToken(
                        "tok-" + HexFormat.of().formatHex(idBytes),
                        user,
                        name,
                        audience,
                        Sha256.hex(secret),
                        secret.substring(0, PREFIX.length() + 4),
                        now,
                        now.plus(life),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty());
        rows.insert(token);
        byId.put(token.id(), token);
        byHash.put(token.hash(), token);
        return new Created(token, secret);
    }

    /** The user's tokens, active first, newest first. */
    public List<ApiToken> of(String user) {
        Instant now = clock.instant();
        return byId.values().stream()
                .filter(t -> t.user().equals(user))
                .sorted(
                        java.util.Comparator.comparing((ApiToken t) -> !t.activeAt(now))
                                .thenComparing(
                                        ApiToken::createdAt, java.util.Comparator.reverseOrder()))
                .toList();
    }

    public Optional<ApiToken> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * Revokes a token; from then on it authenticates nothing, after a restart too.
     *
     * @return the token as revoked, or empty if it was revoked already
     */
    public synchronized Optional<ApiToken> revoke(String id, String by) {
        ApiToken t = byId.get(id);
        if (t == null || t.revokedAt().isPresent()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!rows.revoke(id, by, now)) {
            return Optional.empty();
        }
        ApiToken revoked = t.revoked(by, now);
        byId.put(id, revoked);
        byHash.put(revoked.hash(), revoked);
        return Optional.of(revoked);
    }

    /** The active token whose secret this is, if any; notes its use now and then. */
    public Optional<ApiToken> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) {
            return Optional.empty();
        }
        ApiToken t = byHash.get(Sha256.hex(secret));
        Instant now = clock.instant();
        if (t == null || !t.activeAt(now)) {
            return Optional.empty();
        }
        if (t.lastUsedAt().map(at -> at.plus(NOTE_USE_EVERY).isBefore(now)).orElse(true)) {
            ApiToken used = t.usedAt(now);
            byId.put(t.id(), used);
            byHash.put(t.hash(), used);
            try {
                rows.used(t.id(), now);
            } catch (RuntimeException e) {
                // the last use is a courtesy to the owner; it never stops a request
            }
        }
        return Optional.of(t);
    }
}
