package dev.autonoc.core.loop;

import static dev.autonoc.core.loop.LoopWorld.ROUTER;
import static dev.autonoc.core.loop.LoopWorld.hours;
import static dev.autonoc.core.tool.ToolNames.GET_ELEMENT;
import static dev.autonoc.core.tool.ToolNames.GET_NEIGHBOUR_VIEW;
import static dev.autonoc.core.tool.ToolNames.GET_TELEMETRY;
import static dev.autonoc.core.tool.ToolNames.ORDER_PART;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.loop.Fakes.SagaPlanner;
import dev.autonoc.core.prediction.DataQuality;
import dev.autonoc.core.tool.ToolResult.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A case's first plan rests on checked facts (docs/data-quality.md): the inventory is asked, the
 * telemetry read again when the predictor's data are not fresh, the plan says what it relies on,
 * and an inventory that contradicts the network stops the case before anything is planned.
 */
class ConfirmationTest {

    final SagaPlanner planner = new SagaPlanner(LoopWorld::orderPlan);
    final LoopWorld w = new LoopWorld(planner);

    private void quality(DataQuality.State state, String reason) {
        Instant last = w.now().minus(hours(1));
        w.predictor.quality.put(
                ROUTER.id(), new DataQuality(ROUTER.id(), state, Optional.of(last), reason));
    }

    private void open() {
        w.predict(ROUTER, 0.9, hours(48));
        w.tick();
    }

    @Test
    void a_predictor_that_does_not_judge_its_inputs_plans_without_a_check() {
        open();

        assertThat(w.net.callsOf(GET_ELEMENT)).isEmpty();
        assertThat(w.only().status()).isEqualTo(CaseStatus.CLOSED);
    }

    @Test
    void on_fresh_data_the_inventory_is_asked_and_the_plan_states_what_it_relies_on() {
        w.predictor.quality.put(ROUTER.id(), DataQuality.fresh(ROUTER.id(), w.now()));
        open();

        assertThat(w.net.callsOf(GET_ELEMENT)).hasSize(1);
        assertThat(w.net.callsOf(GET_TELEMETRY)).isEmpty();
        String rationale = w.only().plan().orElseThrow().rationale();
        assertThat(rationale)
                .startsWith("Relies on: the predictor's data on " + ROUTER.id() + " are fresh")
                .contains("inventory at " + w.now() + ": " + ROUTER.id() + " listed UP");
        assertThat(w.events(AuditEventType.PLAN).get(0).payload().get("rationale"))
                .isEqualTo(rationale);
    }

    @Test
    void on_stuck_data_the_telemetry_is_read_again_and_the_plan_shows_how_old_each_fact_is() {
        quality(DataQuality.State.STUCK, "fan_rpm has read 6012.75 for 12 samples");
        open();

        assertThat(w.net.callsOf(GET_TELEMETRY)).hasSize(1);
        assertThat(w.only().plan().orElseThrow().rationale())
                .contains("are stuck (fan_rpm has read 6012.75 for 12 samples)")
                .contains("(60 min old)")
                .contains("telemetry read again at " + w.now() + ": no sample");
        // the acts carry the data quality to the gate as a fact
        assertThat(w.gate.evaluated)
                .filteredOn(r -> r.call().tool().equals(ORDER_PART))
                .isNotEmpty()
                .allSatisfy(
                        r ->
                                assertThat(r.estimate().facts())
                                        .containsEntry("data_quality", "stuck"));
    }

    @Test
    void on_degraded_data_the_neighbours_view_is_read_and_stated_among_the_facts() {
        quality(DataQuality.State.STUCK, "utilization has read 0.4312 for 40 samples");
        w.net.neighbourViews.put(
                ROUTER.id().value(),
                List.of(
                        Map.of(
                                "neighbour_id",
                                "core-rtr-01",
                                "link_id",
                                "link-x",
                                "adjacency",
                                "UP",
                                "at",
                                w.now().toString(),
                                "optical_rx_dbm",
                                -17.3456,
                                "pre_fec_ber",
                                0.00021)));
        open();

        assertThat(w.net.callsOf(GET_NEIGHBOUR_VIEW)).hasSize(1);
        String rationale = w.only().plan().orElseThrow().rationale();
        assertThat(rationale)
                .contains(
                        "neighbours' view at "
                                + w.now()
                                + ": core-rtr-01 over link-x sees the adjacency UP,"
                                + " optical_rx_dbm -17.35, pre_fec_ber 0.0002100");
        assertThat(w.events(AuditEventType.TOOL_CALL))
                .anyMatch(e -> GET_NEIGHBOUR_VIEW.equals(e.payload().get("tool")));
    }

    @Test
    void on_fresh_data_no_neighbour_is_asked() {
        w.predictor.quality.put(ROUTER.id(), DataQuality.fresh(ROUTER.id(), w.now()));
        open();

        assertThat(w.net.callsOf(GET_NEIGHBOUR_VIEW)).isEmpty();
        assertThat(w.only().plan().orElseThrow().rationale()).doesNotContain("neighbours' view");
    }

    @Test
    void an_inventory_that_does_not_know_the_element_stops_the_case_before_any_plan() {
        w.predictor.quality.put(ROUTER.id(), DataQuality.fresh(ROUTER.id(), w.now()));
        w.net.fail(GET_ELEMENT, Outcome.INVALID);
        open();

        CaseRecord c = w.only();
        assertThat(c.status()).isEqualTo(CaseStatus.NEEDS_PERSON);
        assertThat(c.reason())
                .startsWith("contradicted data, nothing planned: the inventory contradicts")
                .contains("the network reports on it");
        assertThat(c.plan()).isEmpty();
        assertThat(w.net.effectsOf(ORDER_PART)).isEmpty();
        assertThat(w.gate.evaluated).isEmpty();
    }

    @Test
    void an_inventory_listing_a_reporting_element_down_stops_the_case() {
        w.predictor.quality.put(ROUTER.id(), DataQuality.fresh(ROUTER.id(), w.now()));
        w.net.elementStatus.put(ROUTER.id().value(), "DOWN");
        open();

        assertThat(w.only().status()).isEqualTo(CaseStatus.NEEDS_PERSON);
        assertThat(w.only().reason()).contains("the inventory lists " + ROUTER.id() + " DOWN");
    }

    @Test
    void an_inventory_out_of_reach_is_stated_and_the_case_goes_on() {
        w.predictor.quality.put(ROUTER.id(), DataQuality.fresh(ROUTER.id(), w.now()));
        w.net.fail(GET_ELEMENT, Outcome.TRANSIENT);
        open();

        assertThat(w.only().status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(w.only().plan().orElseThrow().rationale())
                .contains("inventory not reached at " + w.now() + " (TRANSIENT)");
    }
}
