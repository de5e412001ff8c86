package dev.autonoc.service.store;

import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;

/** The same on PostgreSQL, when {@code AUTONOC_TEST_POSTGRES_URL} names a server (CI sets it). */
class PostgresPredictorStatesTest extends PredictorStatesTest {

    @BeforeEach
    void onlyWithPostgres() {
        TestDatabases.assumePostgres();
    }

    @Override
    DataSource database() {
        return TestDatabases.postgres();
    }
}
