package dev.autonoc.service.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.approval.RoleHierarchy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The service's tables migrate beside the audit ledger's in one schema, as the application opens
 * them (the ledger first), on a new database and again on one already migrated.
 */
class ServiceDatabaseTest {

    @Test
    void the_service_tables_migrate_after_the_ledgers_on_h2_and_again_on_an_up_to_date_schema()
            throws SQLException {
        migratesBesideTheLedger(TestDatabases.h2(), "0", "1", "3", "5", "7", "9", "11");
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_URL, matches = ".+")
    void the_same_on_postgresql_with_the_grants_function() throws SQLException {
        migratesBesideTheLedger(
                TestDatabases.postgres(),
                "0",
                "1",
                "2",
                "3",
                "4",
                "5",
                "6",
                "7",
                "8",
                "9",
                "10",
                "11",
                "12",
                "13");
    }

    private static void migratesBesideTheLedger(DataSource ds, String... versions)
            throws SQLException {
        try (JdbcAuditLog ledger = JdbcAuditLog.open(ds, Clock.systemUTC())) {
            ServiceDatabase db = ServiceDatabase.open(ds);
            JdbcApprovalQueue.open(db, RoleHierarchy.operatorDefault());

            ServiceDatabase.open(ds);

            assertThat(versions(ds)).containsExactly(versions);
            assertThat(ledger.verify().intact()).isTrue();
        }
    }

    /**
     * The versions in the service's history table: the baseline over the ledger's tables, V1, V3
     * (the API tokens), V5 (the gate's memory), V7 (cases' owners for several instances), V9 (the
     * predictors' shares), V11 (their states handed over), and on PostgreSQL V2, V4, V6, V8, V10
     * and V12 (the grants function, then with each of the tables after it) and V13 (the states
     * stored uncompressed).
     */
    private static List<String> versions(DataSource ds) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT \"version\" FROM \"service_schema_history\" WHERE \"version\" IS NOT NULL AND"
                                        + " \"success\" ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
