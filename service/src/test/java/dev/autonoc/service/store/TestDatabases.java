package dev.autonoc.service.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Fresh databases for the stores' tests: H2 in memory, or a new schema on the PostgreSQL server
 * that {@code AUTONOC_TEST_POSTGRES_URL} names (.ci/run starts one on loopback).
 */
final class TestDatabases {

    static final String POSTGRES_URL = "AUTONOC_TEST_POSTGRES_URL";
    private static final AtomicInteger COUNT = new AtomicInteger();

    private TestDatabases() {}

    static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(
                "jdbc:h2:mem:service-store-"
                        + ProcessHandle.current().pid()
                        + "-"
                        + COUNT.incrementAndGet()
                        + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }

    /** Skips the calling test unless {@code AUTONOC_TEST_POSTGRES_URL} names a server. */
    static void assumePostgres() {
        String url = System.getenv(POSTGRES_URL);
        Assumptions.assumeTrue(url != null && !url.isBlank(), POSTGRES_URL + " is not set");
    }

    static DataSource postgres() {
        String url = System.getenv(POSTGRES_URL);
        String schema =
                "service_test_" + ProcessHandle.current().pid() + "_" + COUNT.incrementAndGet();
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setURL(url);
        execute(admin, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        execute(admin, "CREATE SCHEMA " + schema);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setCurrentSchema(schema);
        return ds;
    }

    static void execute(DataSource ds, String sql) {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
