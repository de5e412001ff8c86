package dev.autonoc.service.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.ElementId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The predictor's states handed over between instances: kept per element, read back to the byte by
 * partition, for one model, no older than asked; a later handover replaces an element's state.
 */
class PredictorStatesTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    DataSource database() {
        return TestDatabases.h2();
    }

    private static int partitionOf(ElementId e) {
        return e.value().charAt(e.value().length() - 1) - '0';
    }

    @Test
    void states_are_read_back_by_partition_model_and_age_and_replaced_by_a_later_handover() {
        ServiceDatabase db = ServiceDatabase.open(database());
        PredictorStates live = new PredictorStates(db, "live");
        Map<ElementId, byte[]> states = new LinkedHashMap<>();
        states.put(ElementId.of("rtr-0"), new byte[] {1, 2, 3});
        states.put(ElementId.of("rtr-1"), new byte[] {4, (byte) 0xff, 0});
        states.put(ElementId.of("link-1"), new byte[6000]);
        live.save("m1", states, PredictorStatesTest::partitionOf, T0);
        new PredictorStates(db, "lab")
                .save("m1", Map.of(ElementId.of("rtr-9"), new byte[] {9}), e -> 1, T0);

        Map<ElementId, byte[]> one = live.load("m1", List.of(1), T0);
        assertThat(one.keySet()).containsExactly(ElementId.of("link-1"), ElementId.of("rtr-1"));
        assertThat(one.get(ElementId.of("rtr-1"))).containsExactly(4, (byte) 0xff, 0);
        assertThat(one.get(ElementId.of("link-1"))).hasSize(6000);
        assertThat(live.load("m1", List.of(0, 1), T0)).hasSize(3);
        assertThat(live.load("m2", List.of(0, 1), T0)).as("another model's").isEmpty();
        assertThat(live.load("m1", List.of(0, 1), T0.plusSeconds(1))).as("too old").isEmpty();
        assertThat(live.load("m1", List.of(), T0)).isEmpty();

        live.save("m1", Map.of(ElementId.of("rtr-1"), new byte[] {7}), e -> 0, T0.plusSeconds(60));
        assertThat(live.load("m1", List.of(1), T0)).containsOnlyKeys(ElementId.of("link-1"));
        assertThat(live.load("m1", List.of(0), T0).get(ElementId.of("rtr-1"))).containsExactly(7);
    }
}
