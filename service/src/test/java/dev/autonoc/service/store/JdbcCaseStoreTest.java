package dev.autonoc.service.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.cases.CaseStoreContract;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * agent-core's case-store contract on the JDBC store over H2 (each store a world of its own in one
 * database), and what only a database gives: a store opened again finds every case as last saved,
 * and worlds do not see each other's cases.
 */
class JdbcCaseStoreTest extends CaseStoreContract {

    private static final AtomicInteger WORLDS = new AtomicInteger();
    private ServiceDatabase db;

    javax.sql.DataSource database() {
        return TestDatabases.h2();
    }

    private ServiceDatabase db() {
        if (db == null) {
            db = ServiceDatabase.open(database());
        }
        return db;
    }

    @Override
    protected CaseStore newStore() {
        return JdbcCaseStore.open(db(), "world-" + WORLDS.incrementAndGet());
    }

    @Property(tries = 15)
    void a_store_opened_again_finds_every_case_as_last_saved_in_the_same_order(
            @ForAll("histories") @Size(min = 1, max = 10) List<CaseRecord> saves) {
        String world = "world-" + WORLDS.incrementAndGet();
        JdbcCaseStore first = JdbcCaseStore.open(db(), world);
        Map<Object, CaseRecord> expected = new LinkedHashMap<>();
        for (CaseRecord save : saves) {
            first.save(save);
            expected.put(save.id(), save);
        }

        JdbcCaseStore reopened = JdbcCaseStore.open(db(), world);

        assertThat(reopened.all()).containsExactlyElementsOf(expected.values());
        assertThat(reopened.open()).isEqualTo(first.open());
        assertThat(JdbcCaseStore.open(db(), world + "-other").all()).isEmpty();
    }
}
