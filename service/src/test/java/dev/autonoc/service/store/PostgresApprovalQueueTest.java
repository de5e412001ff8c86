package dev.autonoc.service.store;

import javax.sql.DataSource;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The same on PostgreSQL, when {@code AUTONOC_TEST_POSTGRES_URL} names a server (CI sets it). */
@EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_URL, matches = ".+")
@AddLifecycleHook(PostgresOnly.class)
class PostgresApprovalQueueTest extends JdbcApprovalQueueTest {

    @Override
    DataSource database() {
        return TestDatabases.postgres();
    }
}
