package dev.autonoc.tools.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.InvalidArgumentsException;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.Tool;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.tools.oss.ProductOrdering;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EstimatesTest {

    private final FakeOperatorFixture op = new FakeOperatorFixture();

    private Estimate estimate(String tool, Map<String, Object> args) {
        return op.catalogue.require(tool).estimate(args);
    }

    /** A valid call of each acting tool on the fake operator. */
    private static Map<String, Map<String, Object>> actingCalls() {
        Map<String, Map<String, Object>> calls = new LinkedHashMap<>();
        calls.put(
                ToolNames.OPEN_TICKET,
                Map.of(
                        "case_id",
                        "c",
                        "element_id",
                        "core-rtr-01",
                        "summary",
                        "s",
                        "severity",
                        "minor"));
        calls.put(ToolNames.UPDATE_TICKET, Map.of("case_id", "c", "note", "n"));
        calls.put(ToolNames.CLOSE_TICKET, Map.of("case_id", "c", "resolution", "r"));
        calls.put(
                ToolNames.ORDER_PART,
                Map.of(
                        "part",
                        "PSU",
                        "source",
                        "central",
                        "site",
                        "site-01",
                        "element_id",
                        "core-rtr-01"));
        calls.put(
                ToolNames.DISPATCH_ENGINEER,
                Map.of(
                        "engineer_id", "eng-north-1",
                        "element_id", "core-rtr-01",
                        "site", "site-01",
                        "start", "2025-01-07T10:00:00Z",
                        "task", "t"));
        calls.put(ToolNames.REROUTE_TRAFFIC, Map.of("element_id", "core-rtr-01"));
        calls.put(ToolNames.RESTORE_TRAFFIC, Map.of("element_id", "core-rtr-01"));
        calls.put(ToolNames.RESTART_ELEMENT, Map.of("element_id", "core-rtr-01"));
        calls.put(ToolNames.NOTIFY_CUSTOMERS, Map.of("element_id", "cell-01-1", "message", "m"));
        calls.put(
                ToolNames.APPLY_SLA_CREDIT,
                Map.of("customer_id", "ent-1", "amount_gbp", 25, "reason", "r"));
        return calls;
    }

    @Test
    void every_acting_tool_has_an_estimate_whose_numbers_are_doubles_and_that_acts_on_nothing() {
        for (Map.Entry<String, Map<String, Object>> call : actingCalls().entrySet()) {
            Estimate estimate = estimate(call.getKey(), call.getValue());
            for (Object value : estimate.facts().values()) {
                if (value instanceof Number) {
                    assertThat(value).as(call.getKey()).isInstanceOf(Double.class);
                }
            }
        }
        assertThat(op.fake.orders()).isEmpty();
        assertThat(op.fake.appointments()).isEmpty();
        assertThat(op.fake.tickets()).isEmpty();
        assertThat(op.fake.activations()).isEmpty();
        assertThat(op.fake.messages()).isEmpty();
        assertThat(op.fake.credits()).isEmpty();
        assertThat(op.fake.calls(ProductOrdering.API)).isZero();
    }

    @Test
    void every_acting_tool_on_an_element_names_it_and_its_region_in_the_facts() {
        for (Map.Entry<String, Map<String, Object>> call : actingCalls().entrySet()) {
            Object element = call.getValue().get("element_id");
            if (element == null) {
                continue;
            }
            assertThat(estimate(call.getKey(), call.getValue()).facts())
                    .as(call.getKey())
                    .containsEntry("element_id", element)
                    .containsKey("region");
        }
    }

    @Test
    void every_read_tool_is_free_and_low_risk() {
        assertThat(estimate(ToolNames.GET_TOPOLOGY, Map.of())).isEqualTo(Estimate.free(Risk.LOW));
        assertThat(estimate(ToolNames.CHECK_STOCK, Map.of("part", "PSU", "site", "site-01")))
                .isEqualTo(Estimate.free(Risk.LOW));
    }

    @Test
    void an_estimate_on_an_element_the_inventory_does_not_know_is_a_bad_argument() {
        for (Map.Entry<String, Map<String, Object>> call : actingCalls().entrySet()) {
            if (!call.getValue().containsKey("element_id")) {
                continue;
            }
            Map<String, Object> args = new LinkedHashMap<>(call.getValue());
            args.put("element_id", "core-rtr-99");
            assertThatThrownBy(() -> estimate(call.getKey(), args))
                    .as(call.getKey())
                    .isInstanceOf(InvalidArgumentsException.class)
                    .hasMessageContaining("element_id")
                    .hasMessageContaining("core-rtr-99");
        }
    }

    @Test
    void a_line_card_order_is_medium_risk_and_a_fan_tray_low() {
        Estimate lineCard =
                estimate(
                        ToolNames.ORDER_PART,
                        Map.of(
                                "part",
                                "LINE-CARD",
                                "source",
                                "central",
                                "site",
                                "site-01",
                                "element_id",
                                "core-rtr-01"));
        Estimate fanTray =
                estimate(
                        ToolNames.ORDER_PART,
                        Map.of(
                                "part",
                                "FAN-TRAY",
                                "source",
                                "north",
                                "site",
                                "site-01",
                                "element_id",
                                "core-rtr-01"));
        assertThat(lineCard.costGbp()).isEqualTo(12_000.0);
        assertThat(lineCard.risk()).isEqualTo(Risk.MEDIUM);
        assertThat(lineCard.facts()).containsEntry("lead_time_minutes", 720.0);
        assertThat(fanTray.costGbp()).isEqualTo(450.0);
        assertThat(fanTray.risk()).isEqualTo(Risk.LOW);
        assertThat(fanTray.facts())
                .containsEntry("lead_time_minutes", 240.0)
                .containsEntry("region", "north");
    }

    @Test
    void an_engineer_without_fibre_skill_sent_to_a_link_is_flagged_and_high_risk() {
        Estimate estimate =
                estimate(
                        ToolNames.DISPATCH_ENGINEER,
                        Map.of(
                                "engineer_id", "eng-north-2",
                                "element_id", "link-agg-rtr-01-core-rtr-01",
                                "site", "site-01",
                                "start", "2025-01-07T10:00:00Z",
                                "task", "replace optic"));
        assertThat(estimate.facts())
                .containsEntry("engineer_has_skill", false)
                .containsEntry("in_shift", true)
                .containsEntry("engineer_id", "eng-north-2");
        assertThat(estimate.risk()).isEqualTo(Risk.HIGH);
    }

    @Test
    void a_job_running_past_the_end_of_the_shift_is_out_of_shift() {
        Map<String, Object> late =
                Map.of(
                        "engineer_id", "eng-north-1",
                        "element_id", "core-rtr-01",
                        "site", "site-01",
                        "start", "2025-01-07T17:30:00Z",
                        "task", "t");
        Map<String, Object> last = new LinkedHashMap<>(late);
        last.put("start", "2025-01-07T17:00:00Z");
        assertThat(estimate(ToolNames.DISPATCH_ENGINEER, late).facts())
                .containsEntry("in_shift", false);
        assertThat(estimate(ToolNames.DISPATCH_ENGINEER, late).costGbp()).isEqualTo(600.0);
        assertThat(estimate(ToolNames.DISPATCH_ENGINEER, last).facts())
                .containsEntry("in_shift", true);
    }

    @Test
    void dispatching_an_engineer_nobody_knows_is_a_bad_argument() {
        assertThatThrownBy(
                        () ->
                                estimate(
                                        ToolNames.DISPATCH_ENGINEER,
                                        Map.of(
                                                "engineer_id", "eng-mars-1",
                                                "element_id", "core-rtr-01",
                                                "site", "site-01",
                                                "start", "2025-01-07T10:00:00Z",
                                                "task", "t")))
                .isInstanceOf(InvalidArgumentsException.class)
                .hasMessageContaining("engineer_id")
                .hasMessageContaining("eng-mars-1");
    }

    @Test
    void rerouting_a_cell_would_isolate_its_site_and_is_high_risk() {
        Estimate estimate = estimate(ToolNames.REROUTE_TRAFFIC, Map.of("element_id", "cell-01-1"));
        assertThat(estimate.facts())
                .containsEntry("sites_isolated", 1.0)
                .containsEntry("has_alternate_path", false);
        assertThat(estimate.risk()).isEqualTo(Risk.HIGH);
    }

    @Test
    void rerouting_a_busy_core_router_would_congest_and_breach_its_slice() {
        Estimate estimate =
                estimate(ToolNames.REROUTE_TRAFFIC, Map.of("element_id", "core-rtr-01"));
        assertThat(estimate.facts())
                .containsEntry("max_utilization_after", 0.9)
                .containsEntry("slices_breached", 1.0)
                .containsEntry("sites_isolated", 0.0)
                .containsEntry("has_alternate_path", true);
        assertThat(estimate.risk()).isEqualTo(Risk.MEDIUM);
    }

    @Test
    void a_restart_at_three_in_the_morning_after_a_reroute_is_in_a_quiet_hour_with_traffic_moved() {
        FakeOperatorFixture night = new FakeOperatorFixture(Instant.parse("2025-01-07T03:20:00Z"));
        night.run(ToolNames.REROUTE_TRAFFIC, Map.of("element_id", "core-rtr-02"), "drain");
        Estimate estimate =
                night.catalogue
                        .require(ToolNames.RESTART_ELEMENT)
                        .estimate(Map.of("element_id", "core-rtr-02"));
        assertThat(estimate.facts())
                .containsEntry("traffic_moved", true)
                .containsEntry("hour", 3.0)
                .containsEntry("region", "south");
        assertThat(estimate.risk()).isEqualTo(Risk.MEDIUM);
    }

    @Test
    void a_notice_is_estimated_at_the_element_s_customers() {
        assertThat(
                        estimate(
                                        ToolNames.NOTIFY_CUSTOMERS,
                                        Map.of("element_id", "cell-01-1", "message", "m"))
                                .facts())
                .containsEntry("customers", 401.0);
    }

    @Test
    void a_credit_costs_its_amount_and_grows_riskier_with_it() {
        Tool credit = op.catalogue.require(ToolNames.APPLY_SLA_CREDIT);
        Estimate small =
                credit.estimate(Map.of("customer_id", "ent-1", "amount_gbp", 50, "reason", "r"));
        Estimate large =
                credit.estimate(Map.of("customer_id", "ent-1", "amount_gbp", 5000, "reason", "r"));
        assertThat(small.costGbp()).isEqualTo(50.0);
        assertThat(small.facts()).isEqualTo(Map.of("credit_per_customer", 50.0));
        assertThat(small.risk()).isEqualTo(Risk.LOW);
        assertThat(large.risk()).isEqualTo(Risk.HIGH);
    }
}
