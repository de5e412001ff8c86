package dev.autonoc.service.store;

import dev.autonoc.audit.Databases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The service's tables in the service's database, migrated on open. They have their own Flyway
 * location ({@code db/service/common}) and history table ({@code service_schema_history}) beside
 * the audit ledger's: each side sees only its own versions. The schema already holds the ledger's
 * tables when this runs, so the first migration starts from a baseline of version 0. On PostgreSQL
 * {@code db/service/postgresql} adds {@code service_grant_app_role} (V2), the grants of a
 * restricted application role, re-created by V4 and V6 as tables arrive; versions are numbered
 * across both locations (V3 the API tokens, V5 the gate's memory), so the next common one is V7.
 */
public final class ServiceDatabase {

    private final DataSource dataSource;

    private ServiceDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Migrates the schema and returns the database. Open the audit ledger first: its own migration
     * refuses a schema that holds tables without its history table.
     *
     * @throws StoreException when the database cannot be reached or migrated
     */
    public static ServiceDatabase open(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        try {
            List<String> locations = new ArrayList<>(List.of("classpath:db/service/common"));
            if (isPostgres(dataSource)) {
                locations.add("classpath:db/service/postgresql");
            }
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations(locations.toArray(String[]::new))
                    .table("service_schema_history")
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new StoreException(
                    "cannot migrate the service's tables (db/service): " + e.getMessage(), e);
        }
        return new ServiceDatabase(dataSource);
    }

    private static boolean isPostgres(DataSource dataSource) {
        try {
            return Databases.isPostgres(dataSource);
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot connect to the service's database: " + e.getMessage(), e);
        }
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** Work on one connection in one transaction, committed if it returns. */
    <T> T transaction(String what, SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    /** Work on one connection, each statement committed on its own. */
    <T> T query(String what, SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    static void setInstant(PreparedStatement s, int index, Instant at) throws SQLException {
        s.setObject(index, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
