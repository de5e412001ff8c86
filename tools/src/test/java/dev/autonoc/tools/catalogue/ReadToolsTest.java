package dev.autonoc.tools.catalogue;

import static dev.autonoc.tools.catalogue.ContractTrees.list;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadToolsTest {

    private final FakeOperatorFixture op = new FakeOperatorFixture();

    @Test
    void telemetry_gives_twelve_samples_by_default_with_only_the_metrics_the_kind_reports() {
        ToolResult router =
                op.run(ToolNames.GET_TELEMETRY, Map.of("element_id", "core-rtr-01"), "a");
        ToolResult link =
                op.run(
                        ToolNames.GET_TELEMETRY,
                        Map.of("element_id", "link-core-rtr-01-core-rtr-02"),
                        "b");

        List<Map<String, Object>> samples = list(router.output().get("samples"));
        assertThat(samples).hasSize(12);
        assertThat(samples.get(11)).containsEntry("at", "2025-01-06T10:00:00Z");
        assertThat(samples.get(0))
                .containsKeys("temperature_c", "fan_rpm")
                .doesNotContainKey("optical_rx_dbm");
        assertThat(list(link.output().get("samples")).get(0))
                .containsKeys("optical_rx_dbm", "pre_fec_ber", "utilization")
                .doesNotContainKey("fan_rpm");
    }

    @Test
    void telemetry_of_an_element_nobody_knows_fails() {
        assertThat(op.run(ToolNames.GET_TELEMETRY, Map.of("element_id", "nope"), "a").outcome())
                .isEqualTo(ToolResult.Outcome.INVALID);
    }

    @Test
    void an_aggregation_router_has_no_alternate_path_for_the_consumers_of_its_cells() {
        Map<String, Object> affected =
                op.run(ToolNames.GET_AFFECTED_CUSTOMERS, Map.of("element_id", "agg-rtr-01"), "a")
                        .output();
        assertThat(affected)
                .containsEntry("has_alternate_path", false)
                .containsEntry("consumers", 800L);
        assertThat(list(affected.get("enterprise_slices")))
                .containsExactly(
                        Map.of(
                                "slice_id",
                                "slice-1",
                                "customer_id",
                                "ent-1",
                                "monthly_fee_gbp",
                                10_000.0));
    }

    @Test
    void engineers_listed_without_a_site_carry_no_travel_time() {
        List<Map<String, Object>> engineers =
                list(
                        op.run(ToolNames.LIST_ENGINEERS, Map.of("region", "north"), "a")
                                .output()
                                .get("engineers"));
        assertThat(engineers)
                .extracting(e -> e.get("engineer_id"))
                .containsExactly("eng-north-1", "eng-north-2");
        assertThat(engineers.get(0))
                .doesNotContainKey("travel_minutes")
                .containsEntry("shift_start", "08:00")
                .containsEntry("shift_end", "18:00")
                .containsEntry(
                        "shift_days",
                        List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"));
    }

    @Test
    void stock_for_a_site_lists_its_region_warehouse_with_the_operator_lead_times() {
        Map<String, Object> stock =
                op.run(ToolNames.CHECK_STOCK, Map.of("part", "SFP-OPTIC", "site", "site-03"), "a")
                        .output();
        assertThat(stock).containsEntry("price_gbp", 2_800.0);
        assertThat(list(stock.get("options")))
                .containsExactly(
                        Map.of(
                                "source", "east",
                                "available", 2L,
                                "lead_time_minutes", 240L,
                                "expedited_lead_time_minutes", 120L,
                                "expedite_surcharge_pct", 50.0),
                        Map.of(
                                "source", "central",
                                "available", 5L,
                                "lead_time_minutes", 720L,
                                "expedited_lead_time_minutes", 360L,
                                "expedite_surcharge_pct", 50.0),
                        Map.of(
                                "source", "supplier",
                                "available", 1_000L,
                                "lead_time_minutes", 4_320L,
                                "expedited_lead_time_minutes", 2_160L,
                                "expedite_surcharge_pct", 50.0));
    }

    @Test
    void stock_for_a_site_nobody_knows_fails() {
        ToolResult result =
                op.run(ToolNames.CHECK_STOCK, Map.of("part", "PSU", "site", "site-77"), "a");
        assertThat(result.outcome()).isEqualTo(ToolResult.Outcome.INVALID);
        assertThat(result.summary()).contains("site-77");
    }
}
