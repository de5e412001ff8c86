package dev.autonoc.service.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolInvocation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The world store and the policy versions keep what they are given, times to the microsecond and
 * absent values as absent; a transaction that fails part-way leaves nothing behind.
 */
class WorldAndPolicyStoresTest {

    private static final Instant SIM = Instant.parse("2025-01-07T06:00:00.123456Z");
    private static final Instant WALL = Instant.parse("2026-12-06T03:00:00Z");
    private static final String HASH_1 = "1".repeat(64);
    private static final String HASH_2 = "2".repeat(64);

    DataSource database() {
        return TestDatabases.h2();
    }

    @Test
    void keeps_worlds_their_simulated_time_and_journal_and_hands_out_fresh_ids() {
        WorldStore worlds = new WorldStore(ServiceDatabase.open(database()));
        assertThat(worlds.current()).isEmpty();
        assertThat(worlds.freshId("metro")).isEqualTo("metro");

        worlds.begin("metro", HASH_1, "metro, seed 7", SIM, WALL);
        assertThat(worlds.freshId("metro")).isEqualTo("metro-2");
        worlds.begin("metro-2", HASH_2, "metro, seed 8", SIM, WALL);
        assertThat(worlds.freshId("metro")).isEqualTo("metro-3");

        worlds.reached("metro-2", SIM.plusSeconds(900));
        worlds.reached("metro-2", SIM.plusSeconds(60)); // never backwards
        assertThat(worlds.current())
                .contains(
                        new WorldStore.World(
                                "metro-2", HASH_2, "metro, seed 8", SIM.plusSeconds(900)));

        ToolInvocation call =
                new ToolInvocation(
                        ToolCall.of("restart_element", Map.of("element_id", "core-rtr-02")),
                        new IdempotencyKey("case-metro-2-0001/1"),
                        "agent:autonoc");
        worlds.journal("metro-2", SIM.plusSeconds(300), call);
        worlds.journal("metro", SIM, call);
        List<WorldStore.JournalEntry> journal = worlds.journal("metro-2");
        assertThat(journal).hasSize(1);
        WorldStore.JournalEntry entry = journal.get(0);
        assertThat(entry.simTime()).isEqualTo(SIM.plusSeconds(300));
        assertThat(entry.tool()).isEqualTo("restart_element");
        assertThat(entry.arguments()).isEqualTo(Map.of("element_id", "core-rtr-02"));
        assertThat(entry.idempotencyKey()).isEqualTo("case-metro-2-0001/1");
        assertThat(entry.actor()).isEqualTo("agent:autonoc");
    }

    @Test
    void keeps_a_policy_version_once_and_every_activation_in_order() {
        PolicyVersions versions = new PolicyVersions(ServiceDatabase.open(database()));
        PolicyVersions.Kept first =
                new PolicyVersions.Kept("sha256:aa", "default.yaml", "rules: []", "system", SIM);
        assertThat(versions.keep(first)).isTrue();
        assertThat(versions.keep(first)).isFalse();
        assertThat(versions.kept()).containsExactly(first);

        PolicyVersions.Activation start =
                new PolicyVersions.Activation(
                        "sha256:aa", Optional.empty(), "start", "system", SIM);
        PolicyVersions.Activation upload =
                new PolicyVersions.Activation(
                        "sha256:bb", Optional.of("sha256:aa"), "upload", "alice", WALL);
        versions.activated(start);
        versions.activated(upload);
        assertThat(versions.activations()).containsExactly(start, upload);
        assertThat(versions.inForce()).contains(upload);
    }

    /** Instances starting together on one database each keep the configured policy version. */
    @Test
    void instances_keeping_one_version_at_once_keep_it_once_and_none_fails() throws Exception {
        DataSource shared = database();
        int instances = 4;
        List<PolicyVersions> stores =
                IntStream.range(0, instances)
                        .mapToObj(i -> new PolicyVersions(ServiceDatabase.open(shared)))
                        .toList();
        for (int round = 0; round < 10; round++) {
            PolicyVersions.Kept v =
                    new PolicyVersions.Kept(
                            "sha256:" + round, "default.yaml", "rules: []", "system", SIM);
            CyclicBarrier together = new CyclicBarrier(instances);
            ExecutorService pool = Executors.newFixedThreadPool(instances);
            try {
                List<Future<Boolean>> kept = new ArrayList<>();
                for (PolicyVersions store : stores) {
                    kept.add(
                            pool.submit(
                                    () -> {
                                        together.await();
                                        return store.keep(v);
                                    }));
                }
                int news = 0;
                for (Future<Boolean> f : kept) {
                    news += f.get() ? 1 : 0;
                }
                assertThat(news).as("instances that kept " + v.version() + " as new").isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(stores.get(0).kept()).hasSize(10);
    }

    @Test
    void a_transaction_that_fails_part_way_keeps_nothing_and_names_what_it_was_doing() {
        ServiceDatabase db = ServiceDatabase.open(database());
        WorldStore worlds = new WorldStore(db);
        worlds.begin("metro", HASH_1, "metro, seed 7", SIM, WALL);

        // the second insert of the same id breaks the primary key after the first statement of
        // begin (metro is current no more) has run: the transaction must undo that too
        assertThatThrownBy(() -> worlds.begin("metro", HASH_1, "metro, seed 7", SIM, WALL))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot begin simulated world metro: ");
        assertThat(worlds.current()).map(WorldStore.World::id).contains("metro");

        assertThatThrownBy(
                        () ->
                                db.transaction(
                                        "fail on purpose",
                                        () -> {
                                            db.jdbc()
                                                    .sql(
                                                            "UPDATE service_world SET is_current = FALSE")
                                                    .update();
                                            throw new IllegalStateException("not a store failure");
                                        }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(worlds.current()).map(WorldStore.World::id).contains("metro");
    }
}
