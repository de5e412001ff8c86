package dev.autonoc.service.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.casefile.Exclusion;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The stores' JSON reads what earlier versions of the records wrote. */
class StateJsonTest {

    @Test
    void
            an_exclusion_stored_before_pauses_could_wait_for_trusted_data_reads_as_one_that_does_not() {
        String stored =
                "{\"tool\":\"order_part\",\"match\":{\"element_id\":\"agg-rtr-03\"},"
                        + "\"reason\":\"rejected by ann: not on stuck data\","
                        + "\"at\":\"2025-01-09T21:10:00Z\",\"until\":\"2025-01-09T22:10:00Z\"}";

        Exclusion read = StateJson.read(stored, Exclusion.class);

        assertThat(read)
                .isEqualTo(
                        new Exclusion(
                                "order_part",
                                Map.of("element_id", "agg-rtr-03"),
                                "rejected by ann: not on stuck data",
                                Instant.parse("2025-01-09T21:10:00Z"),
                                Optional.of(Instant.parse("2025-01-09T22:10:00Z"))));
        assertThat(read.untilDataTrusted()).isFalse();
    }

    @Test
    void an_exclusion_that_waits_for_trusted_data_keeps_it_through_the_store() {
        Exclusion pause =
                new Exclusion(
                        "order_part",
                        Map.of("element_id", "agg-rtr-03"),
                        "rejected by ann: not on stuck data",
                        Instant.parse("2025-01-09T21:10:00Z"),
                        Optional.of(Instant.parse("2025-01-09T22:10:00Z")),
                        true);

        assertThat(StateJson.read(StateJson.write(pause), Exclusion.class)).isEqualTo(pause);
    }
}
