package dev.autonoc.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.audit.AuditEventType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The contract on a real PostgreSQL server, one fresh schema per test. Runs when {@code
 * AUTONOC_TEST_POSTGRES_URL} names a server, e.g. {@code
 * jdbc:postgresql://127.0.0.1:54329/postgres?user=postgres}; .ci/run starts one on loopback.
 */
@EnabledIfEnvironmentVariable(named = "AUTONOC_TEST_POSTGRES_URL", matches = ".+")
class PostgresAuditLogTest extends AuditLogContractTest {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private PGSimpleDataSource dataSource;

    @Override
    JdbcAuditLog newLog(Clock clock) {
        String schema =
                "audit_test_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setURL(System.getenv("AUTONOC_TEST_POSTGRES_URL"));
        execute(admin, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        execute(admin, "CREATE SCHEMA " + schema);
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(System.getenv("AUTONOC_TEST_POSTGRES_URL"));
        dataSource.setCurrentSchema(schema);
        return JdbcAuditLog.open(dataSource, clock);
    }

    @Override
    JdbcAuditLog reopen() {
        return JdbcAuditLog.open(dataSource, Events.fixedClock());
    }

    @Test
    void postgres_refuses_to_update_delete_or_truncate_an_entry() {
        log.append(Events.event(AuditEventType.TOOL_CALL, "c", "e", "a", 0));

        assertThatThrownBy(() -> execute(dataSource, "UPDATE audit_entry SET actor = 'mallory'"))
                .hasMessageContaining("audit_entry is append-only: UPDATE refused");
        assertThatThrownBy(() -> execute(dataSource, "DELETE FROM audit_entry"))
                .hasMessageContaining("audit_entry is append-only: DELETE refused");
        assertThatThrownBy(() -> execute(dataSource, "TRUNCATE audit_entry"))
                .hasMessageContaining("audit_entry is append-only: TRUNCATE refused");
        assertThat(log.verify().intact()).isTrue();
    }

    private static void execute(PGSimpleDataSource ds, String sql) {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
