package dev.autonoc.audit;

import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Queries of the ledger by its indexed columns ({@link AuditQuery}) and by the payload's tool and
 * decision effect ({@link AuditFilter}), each on a connection of its own.
 */
final class LedgerQuery {

    private final DataSource dataSource;

    LedgerQuery(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** See {@link JdbcAuditLog#query}. */
    List<AuditEntry> query(AuditQuery query) {
        return select(query, List.of(), List.of());
    }

    /** See {@link JdbcAuditLog#find}. */
    List<AuditEntry> find(AuditFilter filter) {
        AuditQuery q = filter.query();
        if (!filter.filtersPayload()) {
            return select(q, List.of(), List.of());
        }
        List<String> clauses = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        filter.tool().ifPresent(t -> likeMember(clauses, args, "tool", t));
        filter.effect().ifPresent(t -> likeMember(clauses, args, "effect", t));
        List<AuditEntry> found = new ArrayList<>();
        long after = q.afterSequence();
        while (found.size() < q.limit()) {
            AuditQuery page =
                    new AuditQuery(
                            q.correlationId(),
                            q.element(),
                            q.actor(),
                            q.type(),
                            q.from(),
                            q.to(),
                            after,
                            q.limit());
            List<AuditEntry> candidates = select(page, clauses, args);
            for (AuditEntry e : candidates) {
                if (filter.payloadMatches(e.event()) && found.size() < q.limit()) {
                    found.add(e);
                }
            }
            if (candidates.size() < q.limit()) {
                break;
            }
            after = candidates.get(candidates.size() - 1).sequence();
        }
        return found;
    }

    /** A LIKE on the canonical text {@code "key":"value"}; the exact check follows on the parse. */
    private static void likeMember(List<String> clauses, List<Object> args, String key, String v) {
        String text = CanonicalJson.canonicalise(key) + ":" + CanonicalJson.canonicalise(v);
        String escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        clauses.add("event_json LIKE ? ESCAPE '\\'");
        args.add("%" + escaped + "%");
    }

    private List<AuditEntry> select(AuditQuery query, List<String> clauses, List<Object> more) {
        StringBuilder sql =
                new StringBuilder("SELECT ")
                        .append(LedgerRow.COLUMNS)
                        .append(" FROM audit_entry WHERE sequence > ?");
        List<Object> args = new ArrayList<>();
        args.add(query.afterSequence());
        query.correlationId().ifPresent(v -> filter(sql, args, "correlation_id = ?", v));
        query.element().ifPresent(v -> filter(sql, args, "element = ?", v));
        query.actor().ifPresent(v -> filter(sql, args, "actor = ?", v));
        query.type().ifPresent(v -> filter(sql, args, "type = ?", v.name()));
        query.from().ifPresent(v -> filter(sql, args, "sim_time >= ?", LedgerRow.utc(v)));
        query.to().ifPresent(v -> filter(sql, args, "sim_time < ?", LedgerRow.utc(v)));
        for (int i = 0; i < clauses.size(); i++) {
            filter(sql, args, clauses.get(i), more.get(i));
        }
        sql.append(" ORDER BY sequence LIMIT ?");
        args.add(query.limit());
        List<AuditEntry> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.add(LedgerRow.of(rs).entry());
                }
            }
        } catch (SQLException e) {
            throw new AuditStoreException("audit query failed: " + e.getMessage(), e);
        }
        return result;
    }

    private static void filter(StringBuilder sql, List<Object> args, String clause, Object value) {
        sql.append(" AND ").append(clause);
        args.add(value);
    }
}
