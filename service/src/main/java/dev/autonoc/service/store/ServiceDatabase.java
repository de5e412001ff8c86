package dev.autonoc.service.store;

import dev.autonoc.audit.Databases;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The service's tables in the service's database, migrated on open. They have their own Flyway
 * location ({@code db/service/common}) and history table ({@code service_schema_history}) beside
 * the audit ledger's: each side sees only its own versions. The schema already holds the ledger's
 * tables when this runs, so the first migration starts from a baseline of version 0. On PostgreSQL
 * {@code db/service/postgresql} adds {@code service_grant_app_role} (V2), the grants of a
 * restricted application role, re-created by V4, V6, V8, V10 and V12 as tables arrive; versions are
 * numbered across both locations (V3 the API tokens, V5 the gate's memory, V7 the partitions' and
 * cases' owners, V9 the predictors' shares, V11 their states handed over; V13 on PostgreSQL stores
 * those uncompressed), so the next one is V14.
 */
public final class ServiceDatabase {

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;
    private final TransactionTemplate transactions;
    private final boolean postgres;

    private ServiceDatabase(DataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.jdbc = JdbcClient.create(dataSource);
        this.batches = new NamedParameterJdbcTemplate(dataSource);
        // the template binds a connection of this data source to the thread; the client's
        // statements find it there (DataSourceUtils), so both must be built on the same object
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /**
     * Migrates the schema and returns the database. Open the audit ledger first: its own migration
     * refuses a schema that holds tables without its history table.
     *
     * @throws StoreException when the database cannot be reached or migrated
     */
    public static ServiceDatabase open(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        boolean postgres = isPostgres(dataSource);
        try {
            List<String> locations = new ArrayList<>(List.of("classpath:db/service/common"));
            if (postgres) {
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
        return new ServiceDatabase(dataSource, postgres);
    }

    /** Whether the database is PostgreSQL (several instances may share it), else H2. */
    boolean isPostgres() {
        return postgres;
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

    /** The statements' client; inside {@link #transaction} its statements join the transaction. */
    JdbcClient jdbc() {
        return jdbc;
    }

    /**
     * One statement run for each of {@code rows} in one batch (one round trip where the driver
     * allows); inside {@link #transaction} it joins the transaction.
     */
    void batch(String sql, List<? extends Map<String, ?>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        batches.batchUpdate(
                sql,
                rows.stream().map(MapSqlParameterSource::new).toArray(SqlParameterSource[]::new));
    }

    /**
     * Work in one transaction, committed if it returns and rolled back if it throws.
     *
     * @param what what the service was doing, for the {@link StoreException}'s message
     * @throws StoreException when the database fails
     */
    <T> T transaction(String what, Supplier<T> work) {
        return failingAs(what, () -> transactions.execute(status -> work.get()));
    }

    /**
     * Work whose statements are each committed on their own.
     *
     * @param what what the service was doing, for the {@link StoreException}'s message
     * @throws StoreException when the database fails
     */
    <T> T query(String what, Supplier<T> work) {
        return failingAs(what, work);
    }

    /** Whether {@code query} finds at least one row. */
    static boolean finds(JdbcClient.StatementSpec query) {
        return !query.query().singleColumn().isEmpty();
    }

    private static <T> T failingAs(String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException | TransactionException e) {
            // the driver's own words, as before Spring's translation wrapped them
            throw new StoreException(
                    "cannot " + what + ": " + e.getMostSpecificCause().getMessage(), e);
        }
    }

    /** The SQL value of an instant: a timestamp with time zone, written in UTC. */
    static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
