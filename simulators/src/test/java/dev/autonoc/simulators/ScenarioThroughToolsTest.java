package dev.autonoc.simulators;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The example scenarios (evals/scenarios/examples) played by a scripted operator that knows the
 * fault (an oracle) through the tool catalogue, as the evals will: the twin must let a good run
 * pass.
 */
class ScenarioThroughToolsTest {

    private int step;

    private ToolResult call(OperatorTwin twin, String tool, Map<String, Object> args) {
        ToolResult r =
                twin.tools()
                        .require(tool)
                        .execute(
                                new ToolInvocation(
                                        ToolCall.of(tool, args),
                                        new IdempotencyKey("case-1/" + ++step + "/1"),
                                        "agent"));
        assertThat(r.outcome())
                .as(tool + " " + r.summary())
                .isEqualTo(ToolResult.Outcome.SUCCEEDED);
        return r;
    }

    private static Estimate estimate(OperatorTwin twin, String tool, Map<String, Object> args) {
        return twin.tools().require(tool).estimate(args);
    }

    @Test
    void fan_wear_core_router_a_good_run_prevents_the_failure_with_no_customer_impact() {
        OperatorTwin twin =
                Specs.metro(7)
                        .fault("core-rtr-02", FailureMode.FAN_WEAR, ofDays(1), ofDays(4))
                        .twin();
        twin.advanceTo(Specs.at(ofDays(3).plusHours(7)), TwinListener.NONE);
        String el = "core-rtr-02";
        Map<String, Object> element = call(twin, "get_element", Map.of("element_id", el)).output();
        String site = (String) element.get("site");
        String region = (String) element.get("region");
        assertThat(element.get("has_alternate_path")).isEqualTo(true);

        call(
                twin,
                "open_ticket",
                Map.of(
                        "case_id",
                        "case-1",
                        "element_id",
                        el,
                        "summary",
                        "fan wear",
                        "severity",
                        "major"));
        Map<String, Object> order =
                Map.of("part", "FAN-TRAY", "source", region, "site", site, "element_id", el);
        assertThat(estimate(twin, "order_part", order).costGbp()).isEqualTo(450.0);
        call(twin, "order_part", order);
        Estimate reroute = estimate(twin, "reroute_traffic", Map.of("element_id", el));
        assertThat((Double) reroute.facts().get("max_utilization_after")).isLessThanOrEqualTo(0.8);
        assertThat(reroute.facts())
                .containsEntry("sites_isolated", 0.0)
                .containsEntry("slices_breached", 0.0);
        call(twin, "reroute_traffic", Map.of("element_id", el));
        Map<String, Object> job =
                Map.of(
                        "engineer_id",
                        "eng-" + region + "-1",
                        "element_id",
                        el,
                        "site",
                        site,
                        "start",
                        Specs.at(ofDays(3).plusHours(13)).toString(),
                        "task",
                        "replace fan tray",
                        "part",
                        "FAN-TRAY");
        assertThat(estimate(twin, "dispatch_engineer", job).facts())
                .containsEntry("in_shift", true);
        call(twin, "dispatch_engineer", job);
        twin.advanceTo(Specs.at(ofDays(3).plusHours(15)), TwinListener.NONE);
        call(twin, "restore_traffic", Map.of("element_id", el));
        call(twin, "close_ticket", Map.of("case_id", "case-1", "resolution", "fan tray replaced"));
        twin.advanceTo(Specs.at(ofDays(8)), TwinListener.NONE);

        RunOutcome outcome = twin.outcome();
        assertThat(outcome.failures()).isEmpty();
        assertThat(outcome.customerImpactMinutes()).isZero();
        assertThat(outcome.falseDispatches()).isZero();
        assertThat(outcome.opsCostGbp()).isEqualTo(750.0);
        assertThat(twin.groundTruth().faults().get(0).repairedAt()).isPresent();
    }

    @Test
    void laser_aging_with_no_local_stock_is_mended_with_the_central_optic() {
        TwinSpec spec =
                Specs.of(Preset.REGIONAL, 3)
                        .stock(
                                new StockLevel(
                                        "north", dev.autonoc.core.prediction.Part.SFP_OPTIC, 0))
                        .stock(
                                new StockLevel(
                                        "south", dev.autonoc.core.prediction.Part.SFP_OPTIC, 0))
                        .stock(
                                new StockLevel(
                                        "east", dev.autonoc.core.prediction.Part.SFP_OPTIC, 0))
                        .stock(
                                new StockLevel(
                                        "west", dev.autonoc.core.prediction.Part.SFP_OPTIC, 0))
                        .stock(
                                new StockLevel(
                                        "central", dev.autonoc.core.prediction.Part.SFP_OPTIC, 1))
                        .fault(
                                new FaultSpec(
                                        new ElementSelector.ByMatch(
                                                Optional.of(ElementKind.LINK),
                                                Optional.empty(),
                                                Optional.empty()),
                                        FailureMode.LASER_AGING,
                                        ofDays(1),
                                        ofDays(5)))
                        .spec();
        OperatorTwin twin = OperatorTwin.create(spec);
        ElementId link = twin.groundTruth().faults().get(0).element();
        twin.advanceTo(Specs.at(ofDays(2).plusHours(8)), TwinListener.NONE);
        Map<String, Object> element =
                call(twin, "get_element", Map.of("element_id", link.value())).output();
        String site = (String) element.get("site");
        String region = (String) element.get("region");

        Map<String, Object> stock =
                call(twin, "check_stock", Map.of("part", "SFP-OPTIC", "site", site)).output();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> options = (List<Map<String, Object>>) stock.get("options");
        assertThat(options.get(0).get("available")).isIn(0, 0L, 0.0);
        Map<String, Object> order =
                Map.of(
                        "part",
                        "SFP-OPTIC",
                        "source",
                        "central",
                        "site",
                        site,
                        "element_id",
                        link.value());
        assertThat(estimate(twin, "order_part", order).costGbp()).isEqualTo(2_800.0);
        call(twin, "order_part", order);
        call(twin, "reroute_traffic", Map.of("element_id", link.value()));
        call(
                twin,
                "dispatch_engineer",
                Map.of(
                        "engineer_id",
                        "eng-" + region + "-1",
                        "element_id",
                        link.value(),
                        "site",
                        site,
                        "start",
                        Specs.at(ofDays(3).plusHours(10)).toString(),
                        "task",
                        "replace optic",
                        "part",
                        "SFP-OPTIC"));
        twin.advanceTo(Specs.at(ofDays(3).plusHours(12)), TwinListener.NONE);
        call(twin, "restore_traffic", Map.of("element_id", link.value()));
        twin.advanceTo(Specs.at(ofDays(9)), TwinListener.NONE);

        assertThat(twin.outcome().failures()).isEmpty();
        assertThat(twin.outcome().customerImpactMinutes()).isZero();
        assertThat(twin.outcome().falseDispatches()).isZero();
    }

    @Test
    void memory_leak_restart_in_a_quiet_hour_after_moving_the_traffic() {
        OperatorTwin twin =
                Specs.metro(5)
                        .fault(
                                new FaultSpec(
                                        new ElementSelector.ByMatch(
                                                Optional.of(ElementKind.ROUTER),
                                                Optional.of("core"),
                                                Optional.empty()),
                                        FailureMode.MEMORY_LEAK,
                                        ofHours(12),
                                        ofDays(3)))
                        .twin();
        String el = twin.groundTruth().faults().get(0).element().value();
        twin.advanceTo(Specs.at(ofDays(2).plusHours(2)), TwinListener.NONE);

        call(twin, "reroute_traffic", Map.of("element_id", el));
        Estimate restart = estimate(twin, "restart_element", Map.of("element_id", el));
        assertThat(restart.facts()).containsEntry("traffic_moved", true).containsEntry("hour", 2.0);
        call(twin, "restart_element", Map.of("element_id", el));
        twin.advanceTo(Specs.at(ofDays(2).plusHours(3)), TwinListener.NONE);
        call(twin, "restore_traffic", Map.of("element_id", el));
        twin.advanceTo(Specs.at(ofDays(5)), TwinListener.NONE);

        assertThat(twin.outcome().failures()).isEmpty();
        assertThat(twin.outcome().customerImpactMinutes()).isZero();
        assertThat(twin.outcome().opsCostGbp()).isZero();
    }

    @Test
    void a_quiet_network_in_a_heatwave_has_nothing_to_mend() {
        OperatorTwin twin =
                Specs.of(Preset.REGIONAL, 11)
                        .disturb(new Disturbance.Heatwave("north", ofDays(2), ofDays(4)))
                        .twin();

        twin.advanceTo(Specs.at(ofDays(6)), TwinListener.NONE);

        assertThat(twin.outcome().failures()).isEmpty();
        assertThat(twin.outcome().customerImpactMinutes()).isZero();
        assertThat(twin.outcome().opsCostGbp()).isZero();
    }
}
