package dev.autonoc.evals.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.Preset;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class OutageSliceTest {

    static final Instant T = OperatorTwin.EPOCH.plus(Duration.ofDays(2));

    @Test
    void
            the_routers_and_links_around_a_failed_core_router_are_beside_an_outage_until_a_day_after_it_is_back() {
        List<Element> metro = OperatorTwin.topology(Preset.METRO, OptionalInt.empty(), 7);
        OutageSlice slice = new OutageSlice(metro);
        ElementId failed = ElementId.of("core-rtr-02");
        ElementId neighbour = ElementId.of("core-rtr-01");
        ElementId ring = ElementId.of("link-core-rtr-01-core-rtr-02");
        ElementId farCell = ElementId.of("cell-01-1");
        assertThat(slice.nearOutage(neighbour, T)).isFalse();

        slice.observe(new Alarm(failed, T, Alarm.Kind.ELEMENT_DOWN, "thermal shutdown"));
        assertThat(slice.nearOutage(neighbour, T)).as("two hops: over the ring link").isTrue();
        assertThat(slice.nearOutage(ring, T)).as("one hop").isTrue();
        assertThat(slice.nearOutage(farCell, T)).as("a radio three hops away or more").isFalse();
        assertThat(slice.nearOutage(failed, T)).as("the failed element itself").isFalse();

        Instant up = T.plus(Duration.ofHours(5));
        slice.observe(new Alarm(failed, up, Alarm.Kind.ELEMENT_UP, "part replaced"));
        assertThat(slice.nearOutage(neighbour, up.plus(Duration.ofHours(23)))).isTrue();
        assertThat(slice.nearOutage(neighbour, up.plus(OutageSlice.AFTERMATH))).isFalse();
    }
}
