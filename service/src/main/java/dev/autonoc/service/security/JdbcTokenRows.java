package dev.autonoc.service.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The tokens in the service's database ({@code service_api_token}, migrated with the service's
 * other tables). Each write is committed before it returns: a revoked token is revoked after a
 * restart.
 */
final class JdbcTokenRows implements TokenRows {

    private static final String COLUMNS =
            "id, user_name, label, audience, token_hash, hint, created_at, expires_at, revoked_at,"
                    + " revoked_by, last_used_at";

    private final DataSource dataSource;

    JdbcTokenRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<ApiToken> all() {
        List<ApiToken> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement(
                                "SELECT "
                                        + COLUMNS
                                        + " FROM service_api_token ORDER BY created_at, id");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(
                        new ApiToken(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                ApiToken.Audience.of(rs.getString(4))
                                        .orElseThrow(
                                                () ->
                                                        new IllegalStateException(
                                                                "token with an unknown audience in"
                                                                        + " service_api_token")),
                                rs.getString(5),
                                rs.getString(6),
                                instant(rs, 7),
                                instant(rs, 8),
                                Optional.ofNullable(instant(rs, 9)),
                                Optional.ofNullable(rs.getString(10)),
                                Optional.ofNullable(instant(rs, 11))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the API tokens: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public void insert(ApiToken t) {
        update(
                "keep token " + t.id(),
                "INSERT INTO service_api_token ("
                        + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)",
                s -> {
                    s.setString(1, t.id());
                    s.setString(2, t.user());
                    s.setString(3, t.label());
                    s.setString(4, t.audience().key());
                    s.setString(5, t.hash());
                    s.setString(6, t.hint());
                    s.setObject(7, utc(t.createdAt()));
                    s.setObject(8, utc(t.expiresAt()));
                });
    }

    @Override
    public boolean revoke(String id, String by, Instant at) {
        return update(
                        "revoke token " + id,
                        "UPDATE service_api_token SET revoked_at = ?, revoked_by = ? WHERE id = ? AND"
                                + " revoked_at IS NULL",
                        s -> {
                            s.setObject(1, utc(at));
                            s.setString(2, by);
                            s.setString(3, id);
                        })
                == 1;
    }

    @Override
    public void used(String id, Instant at) {
        update(
                "note the use of token " + id,
                "UPDATE service_api_token SET last_used_at = ? WHERE id = ?",
                s -> {
                    s.setObject(1, utc(at));
                    s.setString(2, id);
                });
    }

    private interface Binding {
        void bind(PreparedStatement s) throws SQLException;
    }

    private int update(String what, String sql, Binding binding) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            binding.bind(s);
            int n = s.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return n;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
