package dev.autonoc.simulators;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.simulators.http.TmfHttpFacade;
import dev.autonoc.tools.http.TmfHttpClients;
import dev.autonoc.tools.oss.NeighbourView;
import dev.autonoc.tools.oss.OssException;
import dev.autonoc.tools.oss.ResourceInventory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The resource inventory's neighbour views over the twin: how the ends of a link read it from their
 * own interfaces, past the link's own stuck sensor, and whether their adjacency is up.
 */
class NeighbourViewTest {

    private static final String LINK = "link-agg-rtr-03-core-rtr-03";
    private static final String OPTICAL = Metric.OPTICAL_RX_DBM.key();

    @Test
    void a_links_ends_read_its_true_receive_power_while_its_own_sensor_is_stuck() {
        OperatorTwin twin =
                Specs.metro(3)
                        .fault(LINK, FailureMode.LASER_AGING, ofDays(1), ofDays(3))
                        .disturb(
                                new Disturbance.StuckSensor(
                                        LINK, Metric.OPTICAL_RX_DBM, ofHours(30), ofDays(4)))
                        .twin();
        ResourceInventory inventory = twin.ossBss().resourceInventory();
        twin.advanceTo(Specs.at(ofHours(60)), TwinListener.NONE);

        List<TelemetrySample> own = inventory.telemetry(LINK, 12);
        double stuck = own.get(own.size() - 1).value(Metric.OPTICAL_RX_DBM);
        assertThat(own).allMatch(s -> s.value(Metric.OPTICAL_RX_DBM) == stuck);

        List<NeighbourView> views = inventory.neighbourViews(LINK);
        assertThat(views)
                .extracting(NeighbourView::neighbourId)
                .containsExactly("agg-rtr-03", "core-rtr-03");
        for (NeighbourView v : views) {
            assertThat(v.linkId()).isEqualTo(LINK);
            assertThat(v.adjacencyUp()).isTrue();
            assertThat(v.at()).isEqualTo(twin.now());
            // the laser has aged 36 h since the sensor stuck: the far end sees less light
            assertThat(v.readings().get(OPTICAL)).isLessThan(stuck);
            assertThat(v.readings()).containsKeys("pre_fec_ber", "utilization");
        }
    }

    @Test
    void
            a_router_is_seen_by_the_far_end_of_each_of_its_links_and_a_failed_link_drops_the_adjacency() {
        OperatorTwin twin =
                Specs.metro(3).fault(LINK, FailureMode.LASER_AGING, ofHours(1), ofHours(10)).twin();
        ResourceInventory inventory = twin.ossBss().resourceInventory();
        twin.advanceTo(Specs.at(ofHours(2)), TwinListener.NONE);
        List<NeighbourView> before = inventory.neighbourViews("agg-rtr-03");
        assertThat(before).isNotEmpty().allMatch(NeighbourView::adjacencyUp);
        assertThat(before).extracting(NeighbourView::linkId).contains(LINK);
        assertThat(before)
                .filteredOn(v -> v.linkId().equals(LINK))
                .extracting(NeighbourView::neighbourId)
                .containsExactly("core-rtr-03");

        twin.advanceTo(Specs.at(ofHours(12)), TwinListener.NONE);
        NeighbourView down =
                inventory.neighbourViews("agg-rtr-03").stream()
                        .filter(v -> v.linkId().equals(LINK))
                        .findFirst()
                        .orElseThrow();
        assertThat(down.adjacencyUp()).isFalse();
        assertThat(inventory.neighbourViews("cell-01-1")).isEmpty();
    }

    @Test
    void the_views_over_tmf_http_are_the_twins_and_an_unknown_element_is_invalid_there_too() {
        OperatorTwin twin =
                Specs.metro(3)
                        .fault(LINK, FailureMode.LASER_AGING, ofDays(1), ofDays(3))
                        .disturb(
                                new Disturbance.StuckSensor(
                                        LINK, Metric.OPTICAL_RX_DBM, ofHours(30), ofDays(4)))
                        .twin();
        twin.advanceTo(Specs.at(ofHours(60)), TwinListener.NONE);
        try (TmfHttpFacade facade = TmfHttpFacade.start(twin)) {
            ResourceInventory overHttp =
                    TmfHttpClients.ossBss(facade.baseUri()).resourceInventory();
            ResourceInventory inProcess = twin.ossBss().resourceInventory();
            for (String id : List.of(LINK, "agg-rtr-03", "core-rtr-03", "cell-01-1")) {
                assertThat(overHttp.neighbourViews(id))
                        .as(id)
                        .isEqualTo(inProcess.neighbourViews(id));
            }
            assertThat(overHttp.neighbourViews(LINK))
                    .hasSize(2)
                    .allSatisfy(v -> assertThat(v.readings()).containsKeys(OPTICAL, "pre_fec_ber"));
            assertThatThrownBy(() -> overHttp.neighbourViews("nope"))
                    .isInstanceOf(OssException.class)
                    .hasMessageContaining("unknown element 'nope'")
                    .satisfies(
                            e ->
                                    assertThat(((OssException) e).outcome())
                                            .isEqualTo(ToolResult.Outcome.INVALID));
        }
    }

    @Test
    void an_unknown_element_is_refused_as_invalid_naming_it() {
        ResourceInventory inventory = Specs.metro(3).twin().ossBss().resourceInventory();
        assertThatThrownBy(() -> inventory.neighbourViews("nope"))
                .isInstanceOf(OssException.class)
                .hasMessageContaining("unknown element 'nope'");
    }
}
