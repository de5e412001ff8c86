package dev.autonoc.service.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tokens in the service's database ({@code service_api_token}, migrated with the service's
 * other tables). Each write runs in a transaction of its own, committed before it returns (whatever
 * the pool's auto-commit): a revoked token is revoked after a restart.
 */
final class JdbcTokenRows implements TokenRows {

    private static final String COLUMNS =
            "id, user_name, label, audience, token_hash, hint, created_at, expires_at, revoked_at,"
                    + " revoked_by, last_used_at";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    JdbcTokenRows(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Override
    public List<ApiToken> all() {
        return guarded(
                "read the API tokens",
                () ->
                        jdbc.sql(
                                        "SELECT "
                                                + COLUMNS
                                                + " FROM service_api_token ORDER BY created_at, id")
                                .query((rs, row) -> token(rs))
                                .list());
    }

    /** One indexed read: the hash is unique ({@code service_api_token_hash_uk}). */
    @Override
    public Optional<ApiToken> byHash(String hash) {
        return guarded(
                "read an API token",
                () ->
                        jdbc.sql(
                                        "SELECT "
                                                + COLUMNS
                                                + " FROM service_api_token WHERE token_hash = :hash")
                                .param("hash", hash)
                                .query((rs, row) -> token(rs))
                                .optional());
    }

    private static ApiToken token(ResultSet rs) throws SQLException {
        return new ApiToken(
                rs.getString("id"),
                rs.getString("user_name"),
                rs.getString("label"),
                ApiToken.Audience.of(rs.getString("audience"))
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "token with an unknown audience in"
                                                        + " service_api_token")),
                rs.getString("token_hash"),
                rs.getString("hint"),
                instant(rs, "created_at"),
                instant(rs, "expires_at"),
                Optional.ofNullable(instant(rs, "revoked_at")),
                Optional.ofNullable(rs.getString("revoked_by")),
                Optional.ofNullable(instant(rs, "last_used_at")));
    }

    @Override
    public void insert(ApiToken t) {
        update(
                "keep token " + t.id(),
                jdbc.sql(
                                "INSERT INTO service_api_token ("
                                        + COLUMNS
                                        + ") VALUES (:id, :user, :label, :audience, :hash, :hint,"
                                        + " :created, :expires, NULL, NULL, NULL)")
                        .param("id", t.id())
                        .param("user", t.user())
                        .param("label", t.label())
                        .param("audience", t.audience().key())
                        .param("hash", t.hash())
                        .param("hint", t.hint())
                        .param("created", utc(t.createdAt()))
                        .param("expires", utc(t.expiresAt())));
    }

    @Override
    public boolean revoke(String id, String by, Instant at) {
        return update(
                        "revoke token " + id,
                        jdbc.sql(
                                        "UPDATE service_api_token SET revoked_at = :at, revoked_by"
                                                + " = :by WHERE id = :id AND revoked_at IS NULL")
                                .param("at", utc(at))
                                .param("by", by)
                                .param("id", id))
                == 1;
    }

    @Override
    public void used(String id, Instant at) {
        update(
                "note the use of token " + id,
                jdbc.sql("UPDATE service_api_token SET last_used_at = :at WHERE id = :id")
                        .param("at", utc(at))
                        .param("id", id));
    }

    /** Runs one write in its own transaction; the rows it changed. */
    private int update(String what, JdbcClient.StatementSpec statement) {
        return guarded(
                what,
                () -> {
                    Integer n = transactions.execute(status -> statement.update());
                    return n == null ? 0 : n;
                });
    }

    /** A database failure as an error naming what could not be done. */
    private static <T> T guarded(String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
            throw new IllegalStateException(
                    "cannot " + what + ": " + e.getMostSpecificCause().getMessage(), e);
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
