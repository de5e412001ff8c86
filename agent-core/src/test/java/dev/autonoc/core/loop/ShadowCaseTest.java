package dev.autonoc.core.loop;

import static dev.autonoc.core.loop.LoopWorld.ROUTER;
import static dev.autonoc.core.loop.LoopWorld.T0;
import static dev.autonoc.core.loop.LoopWorld.hours;
import static dev.autonoc.core.loop.LoopWorld.minutes;
import static dev.autonoc.core.tool.ToolNames.CLOSE_TICKET;
import static dev.autonoc.core.tool.ToolNames.GET_TELEMETRY;
import static dev.autonoc.core.tool.ToolNames.OPEN_TICKET;
import static dev.autonoc.core.tool.ToolNames.ORDER_PART;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.loop.Fakes.Intent;
import dev.autonoc.core.loop.Fakes.SagaPlanner;
import dev.autonoc.core.plan.Assumption;
import dev.autonoc.core.plan.PlanningRequest;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.tool.ToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A case the operator lets the agent only observe (shadow mode): every act is judged and none runs,
 * the plan goes on as if each had, and the case follows the fault's course (it closes when the
 * element fails or recovers, saying which) instead of being planned around the denials and handed
 * to a person. A loop without {@code observeOnly} treats the same denials as before.
 */
class ShadowCaseTest {

    static final String OBSERVE = "autonomy-observe";

    final SagaPlanner planner = new SagaPlanner(LoopWorld::orderPlan);
    final LoopWorld w = new LoopWorld(planner);

    {
        w.policy = new ObservingGate(w.gate, Set.of(OPEN_TICKET, ORDER_PART, CLOSE_TICKET));
        w.observeOnly = d -> d.ruleIds().contains(OBSERVE);
    }

    /** The scripted policy, with the named tools at the observe level. */
    record ObservingGate(PolicyGate policy, Set<String> observed) implements PolicyGate {
        @Override
        public String version() {
            return policy.version();
        }

        @Override
        public Decision evaluate(ActionRequest request) {
            Decision d = policy.evaluate(request);
            if (!observed.contains(request.call().tool())) {
                return d;
            }
            List<String> rules = new ArrayList<>(d.ruleIds());
            rules.add(OBSERVE);
            List<String> reasons = new ArrayList<>(d.reasons());
            reasons.add("observe: the policy would have allowed it");
            return Decision.deny(d.decisionId(), rules, reasons, d.policyVersion());
        }

        @Override
        public void recordExecution(ActionRequest request, ToolResult result) {
            policy.recordExecution(request, result);
        }
    }

    void open() {
        w.predict(ROUTER, 0.9, hours(48));
        w.tick();
    }

    @Test
    void every_act_is_judged_and_none_runs_and_the_case_stays_with_the_agent_observing() {
        open();

        CaseRecord c = w.only();
        assertThat(c.status()).isEqualTo(CaseStatus.ACTIVE);
        assertThat(c.observedThrough()).isTrue();
        assertThat(c.steps())
                .filteredOn(s -> !s.call().tool().startsWith("get_"))
                .extracting(s -> s.state())
                .containsOnly(StepState.OBSERVED);
        assertThat(w.net.callsOf(OPEN_TICKET)).isEmpty();
        assertThat(w.net.callsOf(ORDER_PART)).isEmpty();
        assertThat(w.events(AuditEventType.POLICY_DECISION))
                .extracting(e -> e.payload().get("tool"))
                .containsExactly(OPEN_TICKET, ORDER_PART, CLOSE_TICKET);
        assertThat(c.exclusions()).as("nothing learnt: the denial is not the policy's").isEmpty();
        assertThat(planner.asked).hasSize(1);
    }

    @Test
    void an_observed_case_closes_as_recovered_once_the_element_is_quiet_long_enough() {
        open();
        w.predictor.clear(ROUTER.id());
        w.run(minutes(30), w.settings.falseAlarmAfter().minus(minutes(30)));
        assertThat(w.only().status()).isEqualTo(CaseStatus.ACTIVE);

        w.run(minutes(30), hours(1));

        CaseRecord c = w.only();
        assertThat(c.status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(c.reason()).startsWith("shadow mode: the element recovered");
        assertThat(w.predictor.maintained).isEmpty();
    }

    @Test
    void an_observed_case_closes_as_failed_when_the_network_reports_the_element_down() {
        open();
        w.loop()
                .observe(
                        new Alarm(
                                ROUTER.id(),
                                w.now().plus(hours(3)),
                                Alarm.Kind.ELEMENT_DOWN,
                                FailureMode.FAN_WEAR.symptom()));
        w.tickAt(w.now().plus(hours(3)));

        CaseRecord first = w.cases.all().get(0);
        assertThat(first.status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(first.reason()).startsWith("shadow mode: the element failed");
        assertThat(w.net.callsOf(ORDER_PART)).isEmpty();
    }

    // ---------------------------------------------------------------- watching in shadow mode

    /**
     * The playbook's shape: below p=0.35 a watch (the ticket, a look at the telemetry, deciding by
     * T0+10h); at or above it, or once watched, the repair.
     */
    void watchingBelowTheActingProbability() {
        planner.intents =
                r ->
                        r.prediction().probability() < 0.35 && !r.context().isReplan()
                                ? watchSteps(r)
                                : LoopWorld.orderPlan(r);
        planner.assumptions =
                (r, steps) ->
                        r.prediction().probability() < 0.35 && !r.context().isReplan()
                                ? List.of(Assumption.watch(0.35, T0.plus(hours(10)), "watching"))
                                : List.of();
    }

    private static List<Intent> watchSteps(PlanningRequest r) {
        List<Intent> out = new ArrayList<>(LoopWorld.ticket(r));
        out.add(
                Intent.now(
                        GET_TELEMETRY,
                        LoopWorld.args("element_id", ROUTER.id().value(), "samples", 36L)));
        return out;
    }

    @Test
    void a_watch_in_shadow_mode_is_not_through_when_its_steps_are_judged() {
        watchingBelowTheActingProbability();
        w.predict(ROUTER, 0.2, hours(60));
        w.tick();

        CaseRecord c = w.only();
        assertThat(c.steps()).extracting(s -> s.state()).contains(StepState.OBSERVED);
        assertThat(c.observedThrough())
                .as("a watch waits for its confirmation or its decision time")
                .isFalse();
        assertThat(c.status()).isEqualTo(CaseStatus.ACTIVE);
    }

    @Test
    void a_watch_in_shadow_mode_confirmed_by_the_alarm_judges_the_repair_it_would_have_done() {
        watchingBelowTheActingProbability();
        w.predict(ROUTER, 0.2, hours(60));
        w.tick();
        w.clock.advance(hours(1));
        w.predict(ROUTER, 0.6, hours(40));
        w.tick();

        CaseRecord c = w.only();
        assertThat(planner.asked).hasSize(2);
        assertThat(planner.last().context().reason()).contains("watched alarm confirmed");
        assertThat(w.events(AuditEventType.POLICY_DECISION))
                .extracting(e -> e.payload().get("tool"))
                .contains(ORDER_PART);
        assertThat(w.net.callsOf(ORDER_PART)).isEmpty();
        assertThat(c.observedThrough()).isTrue();
    }

    @Test
    void a_watch_in_shadow_mode_at_its_decision_time_judges_the_repair_however_doubtful() {
        watchingBelowTheActingProbability();
        w.predict(ROUTER, 0.2, hours(60));
        w.tick();
        w.run(hours(1), hours(10));

        assertThat(planner.last().context().reason()).contains("the watch's decision time");
        assertThat(w.events(AuditEventType.POLICY_DECISION))
                .extracting(e -> e.payload().get("tool"))
                .contains(ORDER_PART);
        assertThat(w.net.callsOf(ORDER_PART)).isEmpty();
    }

    @Test
    void a_watch_in_shadow_mode_whose_alarm_goes_away_closes_as_recovered_in_shadow_mode() {
        watchingBelowTheActingProbability();
        w.predict(ROUTER, 0.2, hours(60));
        w.tick();
        w.predictor.clear(ROUTER.id());
        Duration quiet = w.settings.falseAlarmAfter().plus(hours(1));
        w.run(minutes(30), quiet);

        CaseRecord c = w.only();
        assertThat(c.status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(c.reason()).startsWith("shadow mode: the element recovered");
        assertThat(w.net.callsOf(OPEN_TICKET)).isEmpty();
        assertThat(w.net.callsOf(CLOSE_TICKET)).isEmpty();
    }

    @Test
    void without_observe_only_the_same_denials_are_planned_around_and_end_with_a_person() {
        w.observeOnly = d -> false;
        open();
        w.run(minutes(30), hours(6));

        CaseRecord c = w.cases.all().get(0);
        assertThat(c.steps()).extracting(s -> s.state()).doesNotContain(StepState.OBSERVED);
        assertThat(c.steps()).extracting(s -> s.state()).contains(StepState.DENIED);
        assertThat(c.exclusions()).isNotEmpty();
    }
}
