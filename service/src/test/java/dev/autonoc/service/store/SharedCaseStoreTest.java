package dev.autonoc.service.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.cases.CaseStoreContract;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Prediction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

/**
 * agent-core's case-store contract on the store several instances share, with every partition
 * owned, and what sharing adds: a claim takes over the open cases of its partitions' elements only,
 * and an instance that missed a claim (a zombie) writes nothing, neither over a case the new owner
 * works nor as a new case on one of its elements.
 */
class SharedCaseStoreTest extends CaseStoreContract {

    private static final AtomicInteger WORLDS = new AtomicInteger();
    private static final Instant T0 = Instant.parse("2026-12-06T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    // two partitions: elements whose name ends in "-a" in 0, the others in 1
    private static final ToIntFunction<ElementId> BY_NAME = e -> e.value().endsWith("-a") ? 0 : 1;
    private static final ElementId IN_0 = ElementId.of("rtr-a");
    private static final ElementId IN_1 = ElementId.of("rtr-b");

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

    private static String newWorld() {
        return "world-" + WORLDS.incrementAndGet();
    }

    @Override
    protected CaseStore newStore() {
        SharedCaseStore store = SharedCaseStore.open(db(), newWorld(), "node-1", CLOCK);
        store.claim(List.of(0), e -> 0);
        return store;
    }

    @Test
    void a_claim_takes_the_open_cases_of_its_partitions_elements_and_only_those() {
        String world = newWorld();
        SharedCaseStore a = SharedCaseStore.open(db(), world, "node-a", CLOCK);
        a.claim(List.of(0, 1), BY_NAME);
        CaseRecord on0 = opened("case-a-0001", IN_0);
        CaseRecord on1 = opened("case-a-0002", IN_1);
        a.save(on0);
        a.save(on1);
        a.save(opened("case-a-0003", ElementId.of("old-b")).closed(T0.plusSeconds(60), "done"));

        SharedCaseStore b = SharedCaseStore.open(db(), world, "node-b", CLOCK);
        b.claim(List.of(1), BY_NAME);
        a.drop(List.of(1));

        assertThat(b.open()).containsExactly(on1);
        assertThat(a.open()).containsExactly(on0);
        assertThat(b.owns(IN_1)).isTrue();
        assertThat(b.owns(IN_0)).isFalse();
        assertThat(a.partitions()).containsExactly(0);
        // every case of the network is readable from either
        assertThat(b.all()).extracting(CaseRecord::id).hasSize(3);
        assertThat(b.find(on0.id())).contains(on0);
        // ... but b's loop finds only the cases b works
        assertThat(b.worked().find(on0.id())).isEmpty();
        assertThat(b.worked().find(on1.id())).contains(on1);
        assertThat(b.worked().open()).containsExactly(on1);
    }

    @Test
    void a_zombie_that_missed_a_claim_writes_nothing_over_the_new_owners_work() {
        String world = newWorld();
        SharedCaseStore zombie = SharedCaseStore.open(db(), world, "node-a", CLOCK);
        zombie.claim(List.of(0, 1), BY_NAME);
        CaseRecord c = opened("case-a-0001", IN_1);
        zombie.save(c);
        SharedCaseStore owner = SharedCaseStore.open(db(), world, "node-b", CLOCK);
        owner.claim(List.of(1), BY_NAME); // the zombie was never told

        CaseRecord byOwner = c.withStatus(CaseStatus.ACTIVE);
        owner.save(byOwner);
        CaseRecord byZombie = c.closed(T0.plusSeconds(30), "the zombie's view");

        assertThatThrownBy(() -> zombie.save(byZombie))
                .isInstanceOf(FencedWriteException.class)
                .hasMessageContaining("case-a-0001")
                .hasMessageContaining("claimed by another instance");
        assertThat(owner.find(c.id())).contains(byOwner);
        assertThat(SharedCaseStore.open(db(), world, "reader", CLOCK).find(c.id()))
                .contains(byOwner);
        // the zombie dropped the partition's cases, and keeps the others
        assertThat(zombie.open()).isEmpty();
        assertThat(zombie.owns(IN_1)).isFalse();
        assertThat(zombie.owns(IN_0)).isTrue();
    }

    @Test
    void a_zombie_opens_no_case_on_an_element_of_a_partition_claimed_since() {
        String world = newWorld();
        SharedCaseStore zombie = SharedCaseStore.open(db(), world, "node-a", CLOCK);
        zombie.claim(List.of(1), BY_NAME);
        SharedCaseStore owner = SharedCaseStore.open(db(), world, "node-b", CLOCK);
        owner.claim(List.of(1), BY_NAME);

        assertThatThrownBy(() -> zombie.save(opened("case-a-0001", IN_1)))
                .isInstanceOf(FencedWriteException.class);

        assertThat(owner.all()).isEmpty();
        CaseRecord mine = opened("case-b-0001", IN_1);
        owner.save(mine);
        assertThat(owner.open()).containsExactly(mine);
    }

    @Test
    void a_case_whose_partition_is_not_owned_here_is_refused_naming_the_partition() {
        SharedCaseStore a = SharedCaseStore.open(db(), newWorld(), "node-a", CLOCK);
        a.claim(List.of(0), BY_NAME);

        assertThatThrownBy(() -> a.save(opened("case-a-0001", IN_1)))
                .isInstanceOf(FencedWriteException.class)
                .hasMessageContaining("partition 1")
                .hasMessageContaining("node-a")
                .hasMessageContaining("does not own");
        assertThat(a.all()).isEmpty();
    }

    @Test
    void each_claim_of_a_partition_raises_its_epoch_so_the_claims_before_it_are_fenced() {
        String world = newWorld();
        SharedCaseStore first = SharedCaseStore.open(db(), world, "node-a", CLOCK);
        SharedCaseStore second = SharedCaseStore.open(db(), world, "node-b", CLOCK);
        first.claim(List.of(0), BY_NAME);
        CaseRecord c = opened("case-a-0001", IN_0);
        first.save(c);
        second.claim(List.of(0), BY_NAME);
        first.claim(List.of(0), BY_NAME); // back to the first: the second is now the stale one

        first.save(c.withStatus(CaseStatus.ACTIVE));
        assertThatThrownBy(() -> second.save(c.withStatus(CaseStatus.NEEDS_PERSON)))
                .isInstanceOf(FencedWriteException.class);
        assertThat(first.find(c.id()).orElseThrow().status()).isEqualTo(CaseStatus.ACTIVE);
        assertThat(
                        db().jdbc()
                                .sql(
                                        "SELECT owner || ':' || owner_epoch FROM service_case"
                                                + " WHERE id = 'case-a-0001'")
                                .query(String.class)
                                .single())
                .isEqualTo("node-a:3");
    }

    @Test
    void saves_of_different_cases_from_several_threads_at_once_each_land_once() throws Exception {
        String world = newWorld();
        SharedCaseStore store = SharedCaseStore.open(db(), world, "node-a", CLOCK);
        store.claim(List.of(0, 1), BY_NAME);
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        try {
            for (int t = 0; t < 8; t++) {
                int n = t;
                done.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    for (int i = 0; i < 5; i++) {
                                        CaseRecord c =
                                                opened(
                                                        String.format("case-%d-%02d", n, i),
                                                        ElementId.of(
                                                                "rtr-"
                                                                        + n
                                                                        + "-"
                                                                        + i
                                                                        + (n % 2 == 0
                                                                                ? "-a"
                                                                                : "")));
                                        store.save(c); // a new case: inserted
                                        store.save(c.withStatus(CaseStatus.ACTIVE)); // updated
                                    }
                                    return null;
                                }));
            }
            start.countDown();
            for (var f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.open()).hasSize(40);
        assertThat(store.open())
                .allSatisfy(c -> assertThat(c.status()).isEqualTo(CaseStatus.ACTIVE));
        assertThat(SharedCaseStore.open(db(), world, "reader", CLOCK).all())
                .hasSize(40)
                .allSatisfy(c -> assertThat(c.status()).isEqualTo(CaseStatus.ACTIVE));
    }

    static CaseRecord opened(String id, ElementId element) {
        Prediction p =
                new Prediction(
                        element,
                        T0,
                        0.9,
                        FailureMode.FAN_WEAR,
                        Duration.ofHours(30),
                        List.of(),
                        "model-1");
        return CaseRecord.opened(
                new CaseId(id),
                new Element(element, ElementKind.ROUTER, "core", "north", "site-01"),
                p,
                T0);
    }
}
