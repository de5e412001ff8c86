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
import java.util.function.LongSupplier;

/**
 * Personal API tokens: made by a person signed in to the console for a program that acts as them,
 * bound to one resource (the API or the MCP server), listed, revoked, and ending on a date. A
 * request presents the secret as {@code Authorization: Bearer anc_...}; checking it costs one
 * SHA-256 and a map lookup, not a password hash, so machines can call as often as the rate limits
 * let them and a wrong token costs the service nothing.
 *
 * <p>The secret is 256 random bits, shown once when the token is made; only its SHA-256 is kept.
 *
 * <p>The tokens table is the record, which every instance sharing the database reads (connected
 * mode's several instances): a change is written to {@link TokenRows} before it is answered, and
 * this instance keeps what it read in memory for {@code autonoc.security.tokens.refresh} (5 s): a
 * token made on another instance signs in here at once (a secret not in memory is looked up by its
 * hash, at most {@value #MISS_LOOKUPS_PER_SECOND} times a second, so that random secrets cannot
 * load the database), and one revoked on another instance stops signing in here within the refresh
 * time. Listing, finding and revoking read the table afresh.
 */
public final class ApiTokens {

    /** Every secret starts with this, so that a leaked one is recognisable (and scannable). */
    public static final String PREFIX = "anc_";

    /** The most tokens one user may have active at once. */
    static final int MAX_ACTIVE_PER_USER = 50;

    static final int MAX_LABEL = 100;

    /** Last use is written at most this often per token: a busy client does not write per call. */
    static final Duration NOTE_USE_EVERY = Duration.ofMinutes(1);

    /** Secrets not in memory looked up in the table, per second, at most (a burst of as many). */
    static final int MISS_LOOKUPS_PER_SECOND = 50;

    /** A new token: the record kept, and the secret, which is shown once and never again. */
    public record Created(ApiToken token, String secret) {}

    private final TokenRows rows;
    private final Clock clock;
    private final TokenProperties settings;
    private final SecureRandom random = new SecureRandom();
    private final LongSupplier nanoTime;
    private final RateLimiter misses;
    // what was read of each token, by its hash, and when (nanoTime): fresh for settings.refresh()
    private final Map<String, Read> byHash = new ConcurrentHashMap<>();

    /** A token as read from the table, and when it was read. */
    private record Read(ApiToken token, long at) {}

    ApiTokens(TokenRows rows, Clock clock, TokenProperties settings) {
        this(rows, clock, settings, System::nanoTime);
    }

    /**
     * @param nanoTime a monotonic clock in nanoseconds, for how long what was read stays fresh
     */
    ApiTokens(TokenRows rows, Clock clock, TokenProperties settings, LongSupplier nanoTime) {
        this.rows = rows;
        this.clock = clock;
        this.settings = settings;
        this.nanoTime = nanoTime;
        this.misses = new RateLimiter(nanoTime);
        long now = nanoTime.getAsLong();
        for (ApiToken t : rows.all()) {
            byHash.put(t.hash(), new Read(t, now));
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
                rows.all().stream().filter(t -> t.user().equals(user) && t.activeAt(now)).count();
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
        remember(token);
        return new Created(token, secret);
    }

    /** The user's tokens, active first, newest first. */
    public List<ApiToken> of(String user) {
        Instant now = clock.instant();
        return rows.all().stream()
                .filter(t -> t.user().equals(user))
                .sorted(
                        java.util.Comparator.comparing((ApiToken t) -> !t.activeAt(now))
                                .thenComparing(
                                        ApiToken::createdAt, java.util.Comparator.reverseOrder()))
                .toList();
    }

    public Optional<ApiToken> find(String id) {
        return rows.all().stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /**
     * Revokes a token; from then on it authenticates nothing, after a restart too.
     *
     * @return the token as revoked, or empty if it was revoked already
     */
    public synchronized Optional<ApiToken> revoke(String id, String by) {
        ApiToken t = find(id).orElse(null);
        if (t == null || t.revokedAt().isPresent()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!rows.revoke(id, by, now)) {
            return Optional.empty();
        }
        ApiToken revoked = t.revoked(by, now);
        remember(revoked);
        return Optional.of(revoked);
    }

    /** The active token whose secret this is, if any; notes its use now and then. */
    public Optional<ApiToken> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) {
            return Optional.empty();
        }
        ApiToken t = current(Sha256.hex(secret)).orElse(null);
        Instant now = clock.instant();
        if (t == null || !t.activeAt(now)) {
            return Optional.empty();
        }
        if (t.lastUsedAt().map(at -> at.plus(NOTE_USE_EVERY).isBefore(now)).orElse(true)) {
            ApiToken used = t.usedAt(now);
            byHash.computeIfPresent(t.hash(), (h, r) -> new Read(used, r.at()));
            try {
                rows.used(t.id(), now);
            } catch (RuntimeException e) {
                // the last use is a courtesy to the owner; it never stops a request
            }
        }
        return Optional.of(t);
    }

    /**
     * The token with this hash as the table has it, at most the refresh time ago: from memory while
     * fresh, else read again (one indexed query).
     */
    private Optional<ApiToken> current(String hash) {
        Read r = byHash.get(hash);
        long now = nanoTime.getAsLong();
        if (r != null && now - r.at() < settings.refresh().toNanos()) {
            return Optional.of(r.token());
        }
        if (r == null && misses.take("", MISS_LOOKUPS_PER_SECOND, MISS_LOOKUPS_PER_SECOND) > 0) {
            return Optional.empty();
        }
        Optional<ApiToken> read = rows.byHash(hash);
        if (read.isPresent()) {
            byHash.put(hash, new Read(read.get(), now));
        } else {
            byHash.remove(hash);
        }
        return read;
    }

    private void remember(ApiToken t) {
        byHash.put(t.hash(), new Read(t, nanoTime.getAsLong()));
    }
}
