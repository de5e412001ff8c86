package dev.autonoc.service.security;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A personal API token as kept: who it is for, which resource it is bound to, when it ends. The
 * secret is not kept, only its SHA-256 ({@code hash}): a copy of the database holds no usable
 * token.
 *
 * @param id the token's public name ({@code tok-...}), for listing and revoking
 * @param user the person (or agent account) it acts as; it gets that user's roles when used
 * @param label what its owner called it ("grafana", "claude desktop")
 * @param audience the resource it is bound to: {@link Audience#API} or {@link Audience#MCP}
 * @param hint the secret's first characters, so an owner can tell their tokens apart
 */
public record ApiToken(
        String id,
        String user,
        String label,
        Audience audience,
        String hash,
        String hint,
        Instant createdAt,
        Instant expiresAt,
        Optional<Instant> revokedAt,
        Optional<String> revokedBy,
        Optional<Instant> lastUsedAt) {

    /** The resource a token is bound to (its audience): a token for one is refused by the other. */
    public enum Audience {
        /** The JSON API under {@code /api}. */
        API("api", "/api"),
        /** The MCP server at {@code /mcp}. */
        MCP("mcp", "/mcp");

        private final String key;
        private final String path;

        Audience(String key, String path) {
            this.key = key;
            this.path = path;
        }

        public String key() {
            return key;
        }

        /** The resource's path, which with the service's address is its identifier. */
        public String path() {
            return path;
        }

        static Optional<Audience> of(String key) {
            for (Audience a : values()) {
                if (a.key.equals(key)) {
                    return Optional.of(a);
                }
            }
            return Optional.empty();
        }
    }

    public ApiToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(hint, "hint");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(revokedBy, "revokedBy");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    }

    /** Whether it may be used at {@code now}: not revoked, not expired. */
    public boolean activeAt(Instant now) {
        return revokedAt.isEmpty() && now.isBefore(expiresAt);
    }

    ApiToken revoked(String by, Instant at) {
        return new ApiToken(
                id,
                user,
                label,
                audience,
                hash,
                hint,
                createdAt,
                expiresAt,
                Optional.of(at),
                Optional.of(by),
                lastUsedAt);
    }

    ApiToken usedAt(Instant at) {
        return new ApiToken(
                id,
                user,
                label,
                audience,
                hash,
                hint,
                createdAt,
                expiresAt,
                revokedAt,
                revokedBy,
                Optional.of(at));
    }
}
