package dev.autonoc.service.store;

import javax.sql.DataSource;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.junit.jupiter.api.BeforeEach;

/** The same on PostgreSQL, when {@code AUTONOC_TEST_POSTGRES_URL} names a server (CI sets it). */
@AddLifecycleHook(PostgresOnly.class)
class PostgresSharedCaseStoreTest extends SharedCaseStoreTest {

    // jqwik reads no JUnit conditions (PostgresOnly skips its properties); this skips the @Tests
    @BeforeEach
    void onlyWithPostgres() {
        TestDatabases.assumePostgres();
    }

    @Override
    DataSource database() {
        return TestDatabases.postgres();
    }
}
