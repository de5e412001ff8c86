package dev.autonoc.service.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.ElementId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The predictor's states handed over between instances: kept per element, read back to the byte by
 * partition, for one model, no older than asked; a later state replaces an element's, an earlier
 * one does not; and only the instance that holds a partition's claim writes its states.
 */
class PredictorStatesTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    DataSource database() {
        return TestDatabases.h2();
    }

    private static int partitionOf(ElementId e) {
        return e.value().charAt(e.value().length() - 1) - '0';
    }

    /** Instance {@code owner}'s claims of the partitions, as Kafka's assignment would make them. */
    private static PartitionClaims claim(
            ServiceDatabase db, String world, String owner, List<Integer> partitions) {
        SharedCaseStore cases =
                SharedCaseStore.open(db, world, owner, Clock.fixed(T0, ZoneOffset.UTC));
        cases.claim(partitions, PredictorStatesTest::partitionOf);
        return cases.claims();
    }

    @Test
    void states_are_read_back_by_partition_model_and_age_and_replaced_by_a_later_one() {
        ServiceDatabase db = ServiceDatabase.open(database());
        PredictorStates live = new PredictorStates(db, "live");
        PartitionClaims a = claim(db, "live", "a", List.of(0, 1));
        Map<ElementId, byte[]> states = new LinkedHashMap<>();
        states.put(ElementId.of("rtr-0"), new byte[] {1, 2, 3});
        states.put(ElementId.of("rtr-1"), new byte[] {4, (byte) 0xff, 0});
        states.put(ElementId.of("link-1"), new byte[6000]);
        assertThat(live.save("m1", states, PredictorStatesTest::partitionOf, a, T0))
                .isEqualTo(new PredictorStates.Saved(3, 0, java.util.Set.of()));
        new PredictorStates(db, "lab")
                .save(
                        "m1",
                        Map.of(ElementId.of("rtr-9"), new byte[] {9}),
                        e -> 1,
                        claim(db, "lab", "a", List.of(1)),
                        T0);

        Map<ElementId, byte[]> one = live.load("m1", List.of(1), T0);
        assertThat(one.keySet()).containsExactly(ElementId.of("link-1"), ElementId.of("rtr-1"));
        assertThat(one.get(ElementId.of("rtr-1"))).containsExactly(4, (byte) 0xff, 0);
        assertThat(one.get(ElementId.of("link-1"))).hasSize(6000);
        assertThat(live.load("m1", List.of(0, 1), T0)).hasSize(3);
        assertThat(live.load("m2", List.of(0, 1), T0)).as("another model's").isEmpty();
        assertThat(live.load("m1", List.of(0, 1), T0.plusSeconds(1))).as("too old").isEmpty();
        assertThat(live.load("m1", List.of(), T0)).isEmpty();

        live.save(
                "m1", Map.of(ElementId.of("rtr-1"), new byte[] {7}), e -> 0, a, T0.plusSeconds(60));
        assertThat(live.load("m1", List.of(1), T0)).containsOnlyKeys(ElementId.of("link-1"));
        assertThat(live.load("m1", List.of(0), T0).get(ElementId.of("rtr-1"))).containsExactly(7);
    }

    @Test
    void a_state_taken_earlier_than_the_one_kept_is_not_written() {
        ServiceDatabase db = ServiceDatabase.open(database());
        PredictorStates live = new PredictorStates(db, "live");
        PartitionClaims a = claim(db, "live", "a", List.of(1));
        ElementId rtr = ElementId.of("rtr-1");
        ElementId link = ElementId.of("link-1");
        // the handover at T0 + 60 s, then a checkpoint taken at T0 written late
        live.save(
                "m1",
                Map.of(rtr, new byte[] {2}),
                PredictorStatesTest::partitionOf,
                a,
                T0.plusSeconds(60));
        Map<ElementId, byte[]> checkpoint = new LinkedHashMap<>();
        checkpoint.put(rtr, new byte[] {1});
        checkpoint.put(link, new byte[] {1});
        assertThat(live.save("m1", checkpoint, PredictorStatesTest::partitionOf, a, T0))
                .isEqualTo(new PredictorStates.Saved(1, 1, java.util.Set.of()));
        Map<ElementId, byte[]> kept = live.load("m1", List.of(1), T0);
        assertThat(kept.get(rtr)).as("the later state kept").containsExactly(2);
        assertThat(kept.get(link)).as("the element nothing was kept of").containsExactly(1);
        assertThat(live.load("m1", List.of(1), T0.plusSeconds(60))).containsOnlyKeys(rtr);
    }

    @Test
    void an_instance_whose_claim_was_taken_over_writes_nothing_of_that_partition() {
        ServiceDatabase db = ServiceDatabase.open(database());
        PredictorStates live = new PredictorStates(db, "live");
        PartitionClaims zombie = claim(db, "live", "a", List.of(0, 1));
        PartitionClaims heir = claim(db, "live", "b", List.of(1));
        ElementId rtr0 = ElementId.of("rtr-0");
        ElementId rtr1 = ElementId.of("rtr-1");
        ElementId rtr2 = ElementId.of("rtr-2");
        live.save("m1", Map.of(rtr1, new byte[] {1}), PredictorStatesTest::partitionOf, heir, T0);

        // the instance that missed the rebalance wakes and writes what it has, stamped later
        Map<ElementId, byte[]> stale = new LinkedHashMap<>();
        stale.put(rtr0, new byte[] {9});
        stale.put(rtr1, new byte[] {9});
        stale.put(rtr2, new byte[] {9});
        PredictorStates.Saved saved =
                live.save(
                        "m1", stale, PredictorStatesTest::partitionOf, zombie, T0.plusSeconds(60));
        assertThat(saved.written()).as("partition 0, still its own").isEqualTo(1);
        assertThat(saved.fenced())
                .as("partition 1 claimed by b since; partition 2 never claimed")
                .containsExactlyInAnyOrder(1, 2);
        Map<ElementId, byte[]> kept = live.load("m1", List.of(0, 1, 2), T0);
        assertThat(kept).containsOnlyKeys(rtr0, rtr1);
        assertThat(kept.get(rtr1)).as("the heir's state, not the zombie's").containsExactly(1);
        assertThat(kept.get(rtr0)).containsExactly(9);
    }
}
