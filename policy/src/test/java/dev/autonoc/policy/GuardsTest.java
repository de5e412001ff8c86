package dev.autonoc.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.Effect;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The "any act tool" rows of the default policy, counting through recordExecution. */
class GuardsTest {

    private final CelPolicyGate gate = CelPolicyGate.defaultPolicy();
    private final Instant morning = Requests.MONDAY.plus(Duration.ofHours(9));

    private void ran(Requests request, ToolResult result) {
        gate.recordExecution(request.build(), result);
    }

    private Decision ticket(String element, Instant at) {
        return gate.evaluate(
                Requests.of(ToolNames.OPEN_TICKET).element(element, "north").at(at).build());
    }

    // --- spend

    @Test
    void after_the_days_spend_passes_50000_every_act_call_needs_a_supervisor() {
        ran(Requests.of(ToolNames.ORDER_PART).cost(30_000).at(morning), Requests.succeeded(30_000));
        ran(Requests.of(ToolNames.ORDER_PART).cost(20_000).at(morning), Requests.succeeded(20_000));
        // exactly 50,000 has not passed 50,000
        assertThat(ticket("core-rtr-01", morning.plusSeconds(60)).effect()).isEqualTo(Effect.ALLOW);

        ran(Requests.of(ToolNames.DISPATCH_ENGINEER).at(morning), Requests.succeeded(300));
        Decision d = ticket("core-rtr-02", morning.plusSeconds(120));

        assertThat(d.effect()).isEqualTo(Effect.REQUIRE_APPROVAL);
        assertThat(d.requiredRole()).contains("noc_supervisor");
        assertThat(d.ruleIds()).containsExactly("any-approve-daily-spend");
        assertThat(d.reasons().get(0)).contains("today's spend is 50300 GBP");
    }

    @Test
    void the_spend_guard_starts_again_on_the_next_utc_day() {
        ran(Requests.of(ToolNames.ORDER_PART).at(morning), Requests.succeeded(60_000));
        assertThat(ticket("core-rtr-01", morning.plusSeconds(60)).effect())
                .isEqualTo(Effect.REQUIRE_APPROVAL);
        Instant nextMidnight = Requests.MONDAY.plus(Duration.ofDays(1));
        assertThat(ticket("core-rtr-01", nextMidnight.minusSeconds(1)).effect())
                .isEqualTo(Effect.REQUIRE_APPROVAL);
        assertThat(ticket("core-rtr-01", nextMidnight).effect()).isEqualTo(Effect.ALLOW);
    }

    @Test
    void counters_of_days_long_past_are_forgotten() {
        ran(Requests.of(ToolNames.ORDER_PART).at(morning), Requests.succeeded(60_000));
        ran(
                Requests.of(ToolNames.ORDER_PART).at(morning.plus(Duration.ofDays(7))),
                Requests.succeeded(1));
        assertThat(ticket("core-rtr-01", morning).effect())
                .as("kept for 7 days")
                .isEqualTo(Effect.REQUIRE_APPROVAL);

        ran(
                Requests.of(ToolNames.ORDER_PART).at(morning.plus(Duration.ofDays(8))),
                Requests.succeeded(1));
        assertThat(ticket("core-rtr-01", morning).effect()).isEqualTo(Effect.ALLOW);
    }

    @Test
    void failed_and_retryable_calls_spend_nothing() {
        ToolResult failed =
                new ToolResult(
                        ToolResult.Outcome.REFUSED,
                        java.util.Map.of(),
                        "no",
                        java.util.Optional.empty(),
                        60_000);
        ToolResult retry =
                new ToolResult(
                        ToolResult.Outcome.UNCERTAIN,
                        java.util.Map.of(),
                        "?",
                        java.util.Optional.empty(),
                        60_000);
        ran(Requests.of(ToolNames.ORDER_PART).at(morning), failed);
        ran(Requests.of(ToolNames.ORDER_PART).at(morning), retry);
        assertThat(ticket("core-rtr-01", morning.plusSeconds(60)).effect()).isEqualTo(Effect.ALLOW);
    }

    @Test
    void the_spend_guard_joins_the_tools_own_approval_at_the_higher_role() {
        ran(Requests.of(ToolNames.ORDER_PART).at(morning), Requests.succeeded(50_001));
        Decision d =
                gate.evaluate(
                        Requests.of(ToolNames.ORDER_PART)
                                .cost(2_000)
                                .at(morning.plusSeconds(60))
                                .build());
        assertThat(d.requiredRole()).contains("noc_supervisor");
        assertThat(d.ruleIds())
                .containsExactly("order-part-approve-operator", "any-approve-daily-spend");
    }

    // --- rate per element

    @Test
    void the_eleventh_act_call_on_one_element_in_a_day_is_denied() {
        for (int i = 0; i < 9; i++) {
            ran(
                    Requests.of(ToolNames.UPDATE_TICKET).at(morning.plusSeconds(i)),
                    Requests.succeeded(0));
        }
        assertThat(ticket("core-rtr-01", morning.plusSeconds(60)).effect())
                .as("the tenth call")
                .isEqualTo(Effect.ALLOW);
        ran(
                Requests.of(ToolNames.UPDATE_TICKET).at(morning.plusSeconds(61)),
                Requests.succeeded(0));

        Decision eleventh = ticket("core-rtr-01", morning.plusSeconds(120));
        assertThat(eleventh.effect()).isEqualTo(Effect.DENY);
        assertThat(eleventh.ruleIds()).containsExactly("any-deny-element-rate");
        assertThat(eleventh.reasons())
                .containsExactly(
                        "core-rtr-01 has had 10 act calls today; at most 10 a day per element");
        assertThat(ticket("core-rtr-02", morning.plusSeconds(120)).effect())
                .as("another element")
                .isEqualTo(Effect.ALLOW);
        assertThat(ticket("core-rtr-01", Requests.MONDAY.plus(Duration.ofDays(1))).effect())
                .as("the next day")
                .isEqualTo(Effect.ALLOW);
    }

    @Test
    void
            a_denial_of_the_days_act_calls_is_over_at_the_next_utc_midnight_and_others_have_no_known_end() {
        for (int i = 0; i < 10; i++) {
            ran(
                    Requests.of(ToolNames.UPDATE_TICKET).at(morning.plusSeconds(i)),
                    Requests.succeeded(0));
        }
        Instant evening = morning.plus(Duration.ofHours(14)); // 23:00 the same UTC day
        Decision eleventh = ticket("core-rtr-01", evening);
        assertThat(eleventh.ruleIds()).containsExactly("any-deny-element-rate");
        assertThat(gate.deniedUntil(eleventh, evening))
                .as("the guards count by UTC day: the same call is not denied by them again")
                .contains(Requests.MONDAY.plus(Duration.ofDays(1)));
        assertThat(ticket("core-rtr-01", Requests.MONDAY.plus(Duration.ofDays(1))).effect())
                .as("and at that midnight it is allowed")
                .isEqualTo(Effect.ALLOW);

        ran(reroute("agg-rtr-01", "north", morning), Requests.succeeded(0));
        ran(reroute("agg-rtr-05", "north", morning), Requests.succeeded(0));
        Decision blastRadius =
                gate.evaluate(reroute("agg-rtr-09", "north", morning.plusSeconds(60)).build());
        assertThat(gate.deniedForTheMoment(blastRadius)).isTrue();
        assertThat(gate.deniedUntil(blastRadius, morning))
                .as("other work in the region ends when it ends: no known time")
                .isEmpty();
        Decision tooLarge =
                gate.evaluate(Requests.of(ToolNames.ORDER_PART).cost(60_000).at(morning).build());
        assertThat(gate.deniedUntil(tooLarge, morning)).as("a denial for good").isEmpty();
    }

    @Test
    void a_tool_no_rule_allows_or_asks_a_person_for_is_refused_always() {
        assertThat(gate.refusesAlways(ToolNames.CANCEL_APPOINTMENT))
                .as("the default policy allows every undo")
                .isFalse();
        assertThat(gate.refusesAlways(ToolNames.DISPATCH_ENGINEER)).isFalse();
        assertThat(gate.refusesAlways(ToolNames.RESTART_ELEMENT))
                .as("asked of a supervisor outside the quiet hour, allowed in it")
                .isFalse();

        CelPolicyGate noUndo =
                CelPolicyGate.fromText(
                        "no-undo.yaml",
                        """
                        apiVersion: autonoc.dev/v1
                        kind: Policy
                        rules:
                          - id: dispatch-allow
                            match: {tools: [dispatch_engineer]}
                            effect: ALLOW
                            message: "allowed"
                          - id: any-approve-daily-spend
                            match: {tools: ["*"]}
                            condition: "history.spend_today > 50000.0"
                            effect: REQUIRE_APPROVAL
                            role: noc_supervisor
                            message: "the day's spend"
                          - id: cancel-deny
                            match: {tools: [cancel_order]}
                            effect: DENY
                            message: "never"
                        """);
        assertThat(noUndo.refusesAlways(ToolNames.CANCEL_APPOINTMENT))
                .as("only a guard for every tool asks a person for it: not a permission")
                .isTrue();
        assertThat(noUndo.refusesAlways(ToolNames.CANCEL_ORDER)).as("denied by name").isTrue();
        assertThat(noUndo.refusesAlways(ToolNames.DISPATCH_ENGINEER)).isFalse();
        assertThat(
                        noUndo.evaluate(
                                        Requests.of(ToolNames.CANCEL_APPOINTMENT)
                                                .at(morning)
                                                .build())
                                .effect())
                .as("what the gate then says")
                .isEqualTo(Effect.DENY);
    }

    @Test
    void read_tools_and_failed_calls_do_not_count_towards_the_rate() {
        for (int i = 0; i < 12; i++) {
            ran(Requests.of(ToolNames.GET_TELEMETRY).at(morning), Requests.succeeded(0));
            ran(Requests.of(ToolNames.UPDATE_TICKET).at(morning), ToolResult.refused("no"));
        }
        assertThat(ticket("core-rtr-01", morning.plusSeconds(60)).effect()).isEqualTo(Effect.ALLOW);
    }

    // --- blast radius

    private Requests reroute(String element, String region, Instant at) {
        return Requests.of(ToolNames.REROUTE_TRAFFIC)
                .element(element, region)
                .at(at)
                .fact("max_utilization_after", 0.5)
                .fact("slices_breached", 0)
                .fact("sites_isolated", 0);
    }

    private Requests dispatch(String element, String region, Instant at) {
        return Requests.of(ToolNames.DISPATCH_ENGINEER)
                .element(element, region)
                .at(at)
                .fact("in_shift", true)
                .fact("engineer_has_skill", true);
    }

    @Test
    void a_denial_marked_retry_later_is_for_the_moment_and_one_for_good_or_by_default_is_not() {
        ran(reroute("agg-rtr-01", "north", morning), Requests.succeeded(0));
        ran(reroute("agg-rtr-05", "north", morning), Requests.succeeded(0));
        Decision blastRadius =
                gate.evaluate(reroute("agg-rtr-09", "north", morning.plusSeconds(60)).build());
        assertThat(blastRadius.ruleIds()).containsExactly("any-deny-blast-radius");
        assertThat(gate.deniedForTheMoment(blastRadius))
                .as("other work in the region ends: the same reroute may be allowed later")
                .isTrue();

        Decision tooLarge =
                gate.evaluate(Requests.of(ToolNames.ORDER_PART).cost(60_000).at(morning).build());
        assertThat(tooLarge.ruleIds()).containsExactly("order-part-deny-large");
        assertThat(gate.deniedForTheMoment(tooLarge)).as("the order itself is too large").isFalse();

        Decision isolates =
                gate.evaluate(
                        reroute("agg-rtr-02", "south", morning).fact("sites_isolated", 1).build());
        assertThat(isolates.ruleIds()).containsExactly("reroute-traffic-deny-isolates-site");
        assertThat(gate.deniedForTheMoment(isolates))
                .as("retry: later: the estimate is of the network now, a neighbour may come back")
                .isTrue();

        Decision unknown =
                gate.evaluate(
                        Requests.of(ToolNames.REROUTE_TRAFFIC)
                                .element("agg-rtr-02", "south")
                                .at(morning)
                                .build());
        assertThat(unknown.ruleIds()).containsExactly("reroute-traffic-deny-unknown-facts");
        assertThat(gate.deniedForTheMoment(unknown))
                .as("an estimate without the facts stays one")
                .isFalse();

        Decision byDefault = gate.evaluate(Requests.of("format_disk").at(morning).build());
        assertThat(byDefault.effect()).isEqualTo(Effect.DENY);
        assertThat(gate.deniedForTheMoment(byDefault)).as("no rule allows it").isFalse();

        Decision allowed =
                gate.evaluate(reroute("agg-rtr-02", "south", morning.plusSeconds(60)).build());
        assertThat(gate.deniedForTheMoment(allowed)).as("not a denial at all").isFalse();
    }

    @Test
    void
            a_third_element_under_work_in_one_region_is_denied_but_more_steps_on_the_first_two_are_not() {
        ran(reroute("agg-rtr-01", "north", morning), Requests.succeeded(0));
        ran(reroute("agg-rtr-05", "north", morning), Requests.succeeded(0));

        Decision third =
                gate.evaluate(reroute("agg-rtr-09", "north", morning.plusSeconds(60)).build());
        assertThat(third.effect()).isEqualTo(Effect.DENY);
        assertThat(third.ruleIds()).containsExactly("any-deny-blast-radius");
        assertThat(third.reasons())
                .containsExactly(
                        "2 other elements in region north are under work; agg-rtr-09 would make more than 2 at once");

        Decision nextStepOnFirst =
                gate.evaluate(dispatch("agg-rtr-01", "north", morning.plusSeconds(60)).build());
        assertThat(nextStepOnFirst.effect()).isEqualTo(Effect.ALLOW);

        Decision otherRegion =
                gate.evaluate(reroute("agg-rtr-02", "south", morning.plusSeconds(60)).build());
        assertThat(otherRegion.effect()).isEqualTo(Effect.ALLOW);

        Decision notWork =
                gate.evaluate(
                        Requests.of(ToolNames.ORDER_PART)
                                .cost(450)
                                .element("agg-rtr-09", "north")
                                .at(morning)
                                .build());
        assertThat(notWork.effect())
                .as("ordering a part puts nothing under work")
                .isEqualTo(Effect.ALLOW);
    }

    @Test
    void restoring_traffic_ends_the_work_on_an_element() {
        ran(reroute("agg-rtr-01", "north", morning), Requests.succeeded(0));
        ran(reroute("agg-rtr-05", "north", morning), Requests.succeeded(0));
        ran(
                Requests.of(ToolNames.RESTORE_TRAFFIC).element("agg-rtr-05", "north").at(morning),
                Requests.succeeded(0));

        assertThat(
                        gate.evaluate(
                                        reroute("agg-rtr-09", "north", morning.plusSeconds(60))
                                                .build())
                                .effect())
                .isEqualTo(Effect.ALLOW);
    }

    @Test
    void a_job_holds_its_element_until_it_completes() {
        Instant jobEnd = morning.plus(Duration.ofHours(3));
        ran(dispatch("agg-rtr-01", "north", morning), Requests.succeededUntil(jobEnd));
        ran(
                Requests.of(ToolNames.RESTART_ELEMENT).element("agg-rtr-05", "north").at(morning),
                Requests.succeededUntil(morning.plus(Duration.ofMinutes(10))));

        assertThat(
                        gate.evaluate(
                                        dispatch("agg-rtr-09", "north", morning.plusSeconds(60))
                                                .build())
                                .effect())
                .isEqualTo(Effect.DENY);
        assertThat(
                        gate.evaluate(
                                        dispatch(
                                                        "agg-rtr-09",
                                                        "north",
                                                        morning.plus(Duration.ofMinutes(10)))
                                                .build())
                                .effect())
                .as("the restart is over")
                .isEqualTo(Effect.ALLOW);
    }

    @Test
    void a_cancelled_job_no_longer_holds_its_element() {
        Instant jobEnd = morning.plus(Duration.ofHours(3));
        ran(dispatch("agg-rtr-01", "north", morning), Requests.succeededUntil(jobEnd));
        ran(dispatch("agg-rtr-05", "north", morning), Requests.succeededUntil(jobEnd));
        assertThat(
                        gate.evaluate(
                                        dispatch("agg-rtr-09", "north", morning.plusSeconds(60))
                                                .build())
                                .effect())
                .as("two others under work")
                .isEqualTo(Effect.DENY);

        ran(
                Requests.of(ToolNames.CANCEL_APPOINTMENT)
                        .element("agg-rtr-05", "north")
                        .at(morning.plusSeconds(90)),
                Requests.succeeded(0));

        assertThat(
                        gate.evaluate(
                                        dispatch("agg-rtr-09", "north", morning.plusSeconds(120))
                                                .build())
                                .effect())
                .as("the cancelled job holds agg-rtr-05 no more")
                .isEqualTo(Effect.ALLOW);
    }

    @Test
    void a_job_still_running_after_the_restore_keeps_the_element_under_work() {
        Instant jobEnd = morning.plus(Duration.ofHours(3));
        ran(reroute("agg-rtr-01", "north", morning), Requests.succeeded(0));
        ran(dispatch("agg-rtr-01", "north", morning), Requests.succeededUntil(jobEnd));
        ran(
                Requests.of(ToolNames.RESTORE_TRAFFIC).element("agg-rtr-01", "north").at(morning),
                Requests.succeeded(0));
        ran(reroute("agg-rtr-05", "north", morning), Requests.succeeded(0));

        assertThat(
                        gate.evaluate(
                                        reroute("agg-rtr-09", "north", jobEnd.minusSeconds(1))
                                                .build())
                                .effect())
                .isEqualTo(Effect.DENY);
        assertThat(gate.evaluate(reroute("agg-rtr-09", "north", jobEnd).build()).effect())
                .isEqualTo(Effect.ALLOW);
    }

    @Test
    void counts_every_execution_recorded_from_many_threads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                ActionRequest request =
                        Requests.of(ToolNames.ORDER_PART)
                                .element("cell-" + (i % 40), "north")
                                .at(morning)
                                .build();
                done.add(
                        pool.submit(
                                () -> {
                                    gate.recordExecution(request, Requests.succeeded(125.0));
                                    gate.evaluate(request);
                                }));
            }
            for (Future<?> f : done) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // 400 x 125 = 50,000: not past; one more pound is
        assertThat(ticket("core-rtr-01", morning).effect()).isEqualTo(Effect.ALLOW);
        assertThat(
                        gate.evaluate(
                                        Requests.of(ToolNames.OPEN_TICKET)
                                                .element("cell-1", "north")
                                                .at(morning)
                                                .build())
                                .effect())
                .as("each element had 10 calls")
                .isEqualTo(Effect.DENY);
        ran(Requests.of(ToolNames.ORDER_PART).at(morning), Requests.succeeded(1));
        assertThat(ticket("core-rtr-02", morning).effect()).isEqualTo(Effect.REQUIRE_APPROVAL);
    }
}
