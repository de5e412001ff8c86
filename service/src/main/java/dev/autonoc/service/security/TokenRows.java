package dev.autonoc.service.security;

import java.time.Instant;
import java.util.List;

/** Where the tokens are kept: the service's database, or memory (for web-layer tests). */
interface TokenRows {

    /** Every token kept, revoked and expired ones too, oldest first. */
    List<ApiToken> all();

    /** The token whose secret has this SHA-256, if any. */
    default java.util.Optional<ApiToken> byHash(String hash) {
        return all().stream().filter(t -> t.hash().equals(hash)).findFirst();
    }

    void insert(ApiToken token);

    /** Marks a token revoked; false if it was revoked already (or is unknown). */
    boolean revoke(String id, String by, Instant at);

    void used(String id, Instant at);

    /** Memory only. */
    static TokenRows inMemory() {
        return new TokenRows() {
            private final java.util.Map<String, ApiToken> rows =
                    java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());

            @Override
            public List<ApiToken> all() {
                synchronized (rows) {
                    return List.copyOf(rows.values());
                }
            }

            @Override
            public void insert(ApiToken token) {
                rows.put(token.id(), token);
            }

            @Override
            public boolean revoke(String id, String by, Instant at) {
                synchronized (rows) {
                    ApiToken t = rows.get(id);
                    if (t == null || t.revokedAt().isPresent()) {
                        return false;
                    }
                    rows.put(id, t.revoked(by, at));
                    return true;
                }
            }

            @Override
            public void used(String id, Instant at) {
                rows.computeIfPresent(id, (k, t) -> t.usedAt(at));
            }
        };
    }
}
