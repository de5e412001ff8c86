package dev.autonoc.core.loop;

import static dev.autonoc.core.loop.LoopWorld.CASE;
import static dev.autonoc.core.loop.LoopWorld.ROUTER;
import static dev.autonoc.core.loop.LoopWorld.SUPERVISOR;
import static dev.autonoc.core.loop.LoopWorld.T0;
import static dev.autonoc.core.loop.LoopWorld.hours;
import static dev.autonoc.core.loop.LoopWorld.key;
import static dev.autonoc.core.loop.LoopWorld.minutes;
import static dev.autonoc.core.tool.ToolNames.CANCEL_APPOINTMENT;
import static dev.autonoc.core.tool.ToolNames.CANCEL_ORDER;
import static dev.autonoc.core.tool.ToolNames.CLOSE_TICKET;
import static dev.autonoc.core.tool.ToolNames.DISPATCH_ENGINEER;
import static dev.autonoc.core.tool.ToolNames.NOTIFY_CUSTOMERS;
import static dev.autonoc.core.tool.ToolNames.OPEN_TICKET;
import static dev.autonoc.core.tool.ToolNames.ORDER_PART;
import static dev.autonoc.core.tool.ToolNames.REROUTE_TRAFFIC;
import static dev.autonoc.core.tool.ToolResult.Outcome.REFUSED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.approval.Verdict;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.casefile.Commitment;
import dev.autonoc.core.casefile.Exclusion;
import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.loop.Fakes.Intent;
import dev.autonoc.core.loop.Fakes.SagaPlanner;
import dev.autonoc.core.plan.Assumption;
import dev.autonoc.core.plan.CaseContext;
import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.PlanStep;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.plan.PlanningRequest;
import dev.autonoc.core.planner.PlaybookPlanner;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.prediction.DataQuality;
import dev.autonoc.core.tool.ToolCall;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A case whose plan meets a refusal, a denial, a rejection or an approval nobody gives is planned
 * again from where it is (docs/agent.md, "Replanning"): with what it learnt, keeping what still
 * serves and undoing first, through the gate, what it no longer wants. The loop refuses a plan that
 * would leave an effect standing unaccounted for, and a case that replans without end goes to a
 * person.
 */
class ReplanningTest {

    static final Instant TUESDAY_15 = Instant.parse("2025-01-07T15:00:00Z");

    /** A world planned by the playbook, for the core router's fan (fails Thursday 00:00). */
    static LoopWorld playbook() {
        LoopWorld w = new LoopWorld(new PlaybookPlanner());
        w.predict(ROUTER, 0.9, hours(38));
        return w;
    }

    static List<String> engineersBooked(LoopWorld w) {
        return w.net.callsOf(DISPATCH_ENGINEER).stream()
                .map(c -> c.arguments().get("engineer_id") + "@" + c.arguments().get("start"))
                .toList();
    }

    /** Every dispatch any plan of the case proposed, in plan order. */
    static List<String> proposedDispatches(LoopWorld w) {
        List<String> out = new ArrayList<>();
        for (AuditEvent plan : w.events(AuditEventType.PLAN)) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> steps =
                    (List<Map<String, Object>>) plan.payload().get("steps");
            for (Map<String, Object> s : steps) {
                if (s.get("tool").equals(DISPATCH_ENGINEER)) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> a = (Map<String, Object>) s.get("arguments");
                    out.add(a.get("engineer_id") + "@" + a.get("start"));
                }
            }
        }
        return out;
    }

    @Test
    void
            a_refused_dispatch_is_replanned_around_in_the_same_tick_and_the_slot_is_not_proposed_again() {
        LoopWorld w = playbook();
        w.net.fail(DISPATCH_ENGINEER, REFUSED);

        w.tick();

        String refused = "eng-south-1@" + TUESDAY_15;
        assertThat(engineersBooked(w)).containsExactly(refused, "eng-south-2@" + TUESDAY_15);
        CaseRecord c = w.only();
        assertThat(c.plan().orElseThrow().revision()).isEqualTo(1);
        assertThat(c.plan().orElseThrow().keeps())
                .as("the ticket and the order still serve")
                .containsExactly(0, 1);
        assertThat(c.exclusions())
                .singleElement()
                .satisfies(e -> assertThat(e.match()).containsEntry("engineer_id", "eng-south-1"));

        w.run(minutes(30), hours(7));

        assertThat(proposedDispatches(w)).containsOnlyOnce(refused);
        assertThat(w.net.effectsOf(ORDER_PART)).as("kept, not repeated").hasSize(1);
        assertThat(w.net.effectsOf(OPEN_TICKET)).hasSize(1);
        assertThat(w.only().status()).isEqualTo(CaseStatus.CLOSED);
    }

    @Test
    void a_rejected_approval_is_learnt_and_the_case_replans_without_the_rejected_call() {
        LoopWorld w = playbook();
        w.gate.requireApproval(DISPATCH_ENGINEER, RoleHierarchy.NOC_OPERATOR);
        w.tick();
        assertThat(w.only().status()).isEqualTo(CaseStatus.WAITING_APPROVAL);

        w.approvals.reject(w.pending().get(0), SUPERVISOR, "not eng-south-1 today", w.now());
        w.tickAt(T0.plus(minutes(10)));

        CaseRecord c = w.only();
        assertThat(c.step(2).state()).isEqualTo(StepState.REJECTED);
        assertThat(c.exclusions())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.reason())
                                    .contains("rejected by sam: not eng-south-1 today");
                            assertThat(e.match()).containsEntry("engineer_id", "eng-south-1");
                        });
        assertThat(w.approvals.pending())
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(r.action().call().arguments())
                                        .containsEntry("engineer_id", "eng-south-2"));
        assertThat(w.net.callsOf(DISPATCH_ENGINEER)).isEmpty();

        w.approveAll(SUPERVISOR);
        w.tickAt(T0.plus(minutes(20)));
        assertThat(engineersBooked(w)).containsExactly("eng-south-2@" + TUESDAY_15);
    }

    @Test
    void
            a_refused_question_of_the_moment_pauses_the_tool_is_not_put_again_while_it_holds_and_the_call_goes_ahead_once_it_passes() {
        LoopWorld w = playbook();
        // the router's data cannot be trusted at first: every visit waits for a person
        w.gate.forTheMoment.add("untrusted-data");
        boolean[] untrusted = {true};
        int[] decisions = {0};
        w.gate.rules.put(
                DISPATCH_ENGINEER,
                r ->
                        untrusted[0]
                                ? Decision.requireApproval(
                                        "q-" + ++decisions[0],
                                        RoleHierarchy.NOC_OPERATOR,
                                        List.of("untrusted-data"),
                                        List.of("the router's data are stuck"),
                                        "test-policy")
                                : Decision.allow(
                                        "q-" + ++decisions[0],
                                        List.of("allow"),
                                        List.of("ok"),
                                        "test-policy"));
        w.tick();
        Object asked = w.approvals.pending().get(0).action().call().arguments().get("engineer_id");

        w.approvals.reject(w.pending().get(0), SUPERVISOR, "not on stuck data", w.now());
        w.tickAt(T0.plus(minutes(10)));

        CaseRecord c = w.only();
        assertThat(c.step(2).state()).isEqualTo(StepState.REJECTED);
        assertThat(c.exclusions())
                .as("only a pause: the person answered for the data as they are, not the visit")
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.match())
                                    .isEqualTo(Map.of("element_id", ROUTER.id().value()));
                            assertThat(e.until()).contains(T0.plus(minutes(10)).plus(hours(1)));
                        });
        assertThat(w.approvals.pending()).isEmpty();

        // the pause is over and the gate asks the same question: the person is not asked again
        w.tickAt(T0.plus(minutes(70)));
        assertThat(w.approvals.pending()).as("not put to a person twice").isEmpty();
        assertThat(w.net.callsOf(DISPATCH_ENGINEER)).isEmpty();
        assertThat(w.only().steps())
                .filteredOn(s -> s.call().tool().equals(DISPATCH_ENGINEER))
                .last()
                .satisfies(
                        s -> {
                            assertThat(s.state()).isEqualTo(StepState.REJECTED);
                            assertThat(s.note())
                                    .contains("not asked again: sam refused it at")
                                    .contains("the router's data are stuck");
                        });

        // the data are trusted again: the visit goes ahead on the gate's word, nobody asked
        untrusted[0] = false;
        w.run(minutes(10), hours(4));
        assertThat(w.net.callsOf(DISPATCH_ENGINEER))
                .as("the engineer the person was asked about, booked without asking")
                .singleElement()
                .satisfies(
                        call -> assertThat(call.arguments()).containsEntry("engineer_id", asked));
        assertThat(w.events(AuditEventType.APPROVAL_REQUESTED)).hasSize(1);
    }

    @Test
    void an_order_nobody_approved_by_the_time_the_plan_needs_its_part_replans_the_case() {
        LoopWorld w = playbook();
        w.gate.requireApproval(ORDER_PART, RoleHierarchy.NOC_OPERATOR);
        w.tick();
        CaseRecord waiting = w.only();
        assertThat(waiting.status()).isEqualTo(CaseStatus.WAITING_APPROVAL);
        Instant needed =
                waiting.plan().orElseThrow().assumptions().stream()
                        .filter(a -> a.kind() == Assumption.Kind.PART_ARRIVES_BY)
                        .findFirst()
                        .orElseThrow()
                        .at();
        String firstRequest = w.pending().get(0);

        w.tickAt(needed.minus(minutes(5)));
        assertThat(w.only().plan().orElseThrow().revision())
                .as("the plan still works: the order may yet be approved")
                .isZero();

        w.tickAt(needed);
        CaseRecord replanned = w.only();
        assertThat(replanned.plan().orElseThrow().revision()).isEqualTo(1);
        assertThat(w.events(AuditEventType.PLAN))
                .last()
                .satisfies(
                        e ->
                                assertThat(e.payload().get("replan_reason").toString())
                                        .contains("(order_part) has not run by " + needed)
                                        .contains("still waiting for a person's answer"));
        assertThat(w.pending())
                .as("the stale request withdrawn; the new plan asks anew")
                .doesNotContain(firstRequest);
        assertThat(w.net.callsOf(ORDER_PART)).isEmpty();
    }

    @Test
    void with_an_approval_timeout_an_unanswered_order_goes_up_the_roles_rather_than_asked_anew() {
        LoopWorld w = playbook();
        w.settings = LoopSettings.defaults().withApprovalTimeout(hours(12));
        w.gate.requireApproval(ORDER_PART, RoleHierarchy.NOC_OPERATOR);
        w.tick();
        Instant needed =
                w.only().plan().orElseThrow().assumptions().stream()
                        .filter(a -> a.kind() == Assumption.Kind.PART_ARRIVES_BY)
                        .findFirst()
                        .orElseThrow()
                        .at();
        String firstRequest = w.pending().get(0);

        w.tickAt(needed);
        assertThat(w.only().plan().orElseThrow().revision())
                .as("the request waits for its expiry, which takes it to the role above")
                .isZero();
        assertThat(w.pending()).containsExactly(firstRequest);
    }

    /**
     * Refused on stuck data, asked again and refused at once (not put to a person twice) while the
     * data stay stuck, the pauses doubling; once the data are trusted the pause lapses at the next
     * tick and the work goes ahead, hours before the doubled pause would have ended.
     */
    @Test
    void a_refusal_on_untrusted_data_waits_for_the_data_not_for_the_doubled_pause() {
        LoopWorld w = playbook();
        w.predictor.quality.put(
                ROUTER.id(),
                new DataQuality(
                        ROUTER.id(),
                        DataQuality.State.STUCK,
                        Optional.of(T0),
                        "fan_rpm has read 6012.75 for 12 samples"));
        w.gate.forTheMoment.add("untrusted-data");
        w.gate.rules.put(
                DISPATCH_ENGINEER,
                r ->
                        "fresh".equals(r.estimate().facts().get("data_quality"))
                                ? Decision.allow(
                                        "a-1", List.of("allow"), List.of("ok"), "test-policy")
                                : Decision.requireApproval(
                                        "q-1",
                                        RoleHierarchy.NOC_OPERATOR,
                                        List.of("untrusted-data"),
                                        List.of("the data are stuck"),
                                        "test-policy"));
        w.tick();
        w.approvals.reject(w.pending().get(0), SUPERVISOR, "not on stuck data", w.now());
        w.tickAt(T0.plus(minutes(10)));
        // asked again after the pause, refused at once, paused for twice as long
        w.tickAt(T0.plus(minutes(70)));
        assertThat(w.approvals.pending()).isEmpty();
        assertThat(w.only().exclusions())
                .filteredOn(e -> e.until().isPresent())
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.untilDataTrusted()).isTrue())
                .last()
                .satisfies(e -> assertThat(e.until()).contains(T0.plus(minutes(70 + 120))));
        assertThat(engineersBooked(w)).isEmpty();

        Instant trusted = T0.plus(minutes(90));
        w.predictor.quality.put(ROUTER.id(), DataQuality.fresh(ROUTER.id(), trusted));
        w.tickAt(trusted);

        assertThat(engineersBooked(w)).as("booked on the policy's word").hasSize(1);
        assertThat(w.approvals.pending()).isEmpty();
        assertThat(w.only().exclusions())
                .filteredOn(e -> e.until().isPresent())
                .allSatisfy(e -> assertThat(e.holdsAt(trusted)).isFalse());
    }

    @Test
    void a_pause_after_a_refusal_on_fresh_data_waits_its_time() {
        LoopWorld w = playbook();
        w.predictor.quality.put(ROUTER.id(), DataQuality.fresh(ROUTER.id(), T0));
        w.gate.forTheMoment.add("daily-spend");
        w.gate.rules.put(
                DISPATCH_ENGINEER,
                r ->
                        Decision.requireApproval(
                                "q-1",
                                RoleHierarchy.NOC_OPERATOR,
                                List.of("daily-spend"),
                                List.of("the day's spend is high"),
                                "test-policy"));
        w.tick();
        w.approvals.reject(w.pending().get(0), SUPERVISOR, "not today", w.now());
        w.tickAt(T0.plus(minutes(10)));

        assertThat(w.only().exclusions())
                .filteredOn(e -> e.until().isPresent())
                .singleElement()
                .satisfies(e -> assertThat(e.untilDataTrusted()).isFalse());
        w.tickAt(T0.plus(minutes(20)));
        assertThat(w.only().exclusions())
                .filteredOn(e -> e.until().isPresent())
                .singleElement()
                .satisfies(e -> assertThat(e.holdsAt(T0.plus(minutes(20)))).isTrue());
    }

    @Test
    void a_refused_question_is_put_again_when_the_gate_asks_it_for_other_reasons() {
        LoopWorld w = playbook();
        w.gate.forTheMoment.add("untrusted-data");
        String[] rule = {"untrusted-data"};
        w.gate.rules.put(
                DISPATCH_ENGINEER,
                r ->
                        Decision.requireApproval(
                                "q-" + rule[0],
                                RoleHierarchy.NOC_OPERATOR,
                                List.of(rule[0]),
                                List.of("asked by " + rule[0]),
                                "test-policy"));
        w.tick();
        w.approvals.reject(w.pending().get(0), SUPERVISOR, "not on stuck data", w.now());
        w.tickAt(T0.plus(minutes(10)));
        assertThat(w.approvals.pending()).isEmpty();

        rule[0] = "out-of-hours";
        w.tickAt(T0.plus(minutes(70)));
        assertThat(w.approvals.pending())
                .as("a new question is a person's to answer")
                .singleElement()
                .satisfies(r -> assertThat(r.decision().ruleIds()).containsExactly("out-of-hours"));
    }

    @Test
    void
            a_denied_step_is_learnt_for_good_its_tool_paused_on_the_element_and_the_replan_books_after_the_pause() {
        LoopWorld w = playbook();
        w.gate.rules.put(
                DISPATCH_ENGINEER,
                r ->
                        r.call().arguments().get("engineer_id").equals("eng-south-1")
                                ? Decision.deny(
                                        "d-1",
                                        List.of("skill-check"),
                                        List.of("eng-south-1 lacks the certificate"),
                                        "test-policy")
                                : Decision.allow(
                                        "d-2", List.of("allow"), List.of("ok"), "test-policy"));

        w.tick();

        CaseRecord c = w.only();
        assertThat(c.step(2).state()).isEqualTo(StepState.DENIED);
        // the denied call never again; dispatch_engineer on the router paused for the
        // denialPause, as a denial may hold only for the moment
        assertThat(c.exclusions()).hasSize(2);
        Exclusion call = c.exclusions().get(0);
        assertThat(call.tool()).isEqualTo(DISPATCH_ENGINEER);
        assertThat(call.match())
                .as("the call's arguments but its free text")
                .containsEntry("engineer_id", "eng-south-1")
                .containsEntry("start", TUESDAY_15.toString())
                .doesNotContainKey("task");
        assertThat(call.until()).isEmpty();
        assertThat(call.reason())
                .contains("skill-check")
                .contains("eng-south-1 lacks the certificate");
        Exclusion pause = c.exclusions().get(1);
        assertThat(pause.tool()).isEqualTo(DISPATCH_ENGINEER);
        assertThat(pause.match()).isEqualTo(Map.of("element_id", ROUTER.id().value()));
        assertThat(pause.until()).contains(T0.plus(hours(1)));
        // the replan keeps the ticket and the order and waits out the pause
        Plan waiting = c.plan().orElseThrow();
        assertThat(waiting.revision()).isEqualTo(1);
        assertThat(waiting.keeps()).containsExactly(0, 1);
        assertThat(waiting.assumptions())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.kind()).isEqualTo(Assumption.Kind.RECONSIDER_AT);
                            assertThat(a.at()).isEqualTo(T0.plus(hours(1)));
                        });
        assertThat(c.status()).isEqualTo(CaseStatus.ACTIVE);

        w.tickAt(T0.plus(minutes(50)));
        assertThat(engineersBooked(w)).as("nothing is booked while the tool is paused").isEmpty();

        w.tickAt(T0.plus(hours(1)));
        assertThat(w.only().plan().orElseThrow().revision()).isEqualTo(2);
        assertThat(engineersBooked(w)).containsExactly("eng-south-2@" + TUESDAY_15);
        assertThat(w.net.callsOf(ORDER_PART)).as("the order stands, once").hasSize(1);
    }

    @Test
    void
            a_denial_for_the_moment_pauses_its_tool_and_the_same_call_is_asked_again_after_the_pause() {
        LoopWorld w = playbook();
        // other work in the region at first: the one engineer who can come is refused, then not
        w.gate.forTheMoment.add("blast-radius");
        Instant over = T0.plus(minutes(30));
        w.gate.rules.put(
                DISPATCH_ENGINEER,
                r ->
                        r.at().isBefore(over)
                                ? Decision.deny(
                                        "d-1",
                                        List.of("blast-radius"),
                                        List.of("2 other elements in the region are under work"),
                                        "test-policy")
                                : Decision.allow(
                                        "d-2", List.of("allow"), List.of("ok"), "test-policy"));
        w.tick();

        CaseRecord c = w.only();
        assertThat(c.step(2).state()).isEqualTo(StepState.DENIED);
        String denied = c.step(2).call().arguments().get("engineer_id").toString();
        assertThat(c.exclusions())
                .as("only the pause: the denied call is not ruled out for the case")
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.match())
                                    .isEqualTo(Map.of("element_id", ROUTER.id().value()));
                            assertThat(e.until()).contains(T0.plus(hours(1)));
                        });

        w.tickAt(T0.plus(hours(1)));
        assertThat(w.net.callsOf(DISPATCH_ENGINEER))
                .as("the same engineer asked again once the moment has passed")
                .singleElement()
                .satisfies(
                        call ->
                                assertThat(call.arguments().get("engineer_id"))
                                        .hasToString(denied));
    }

    @Test
    void a_denial_on_the_merits_rules_the_call_out_even_when_other_rules_are_of_the_moment() {
        LoopWorld w = playbook();
        w.gate.forTheMoment.add("blast-radius");
        w.gate.rules.put(
                DISPATCH_ENGINEER,
                r ->
                        Decision.deny(
                                "d-1",
                                List.of("blast-radius", "skill-check"),
                                List.of("other work in the region", "no certificate"),
                                "test-policy"));
        w.tick();

        assertThat(w.only().exclusions())
                .as("the call for good, and the pause")
                .hasSize(2)
                .anySatisfy(e -> assertThat(e.until()).isEmpty());
    }

    @Test
    void
            a_denial_that_keeps_coming_back_pauses_its_tool_twice_as_long_each_time_up_to_eight_pauses() {
        LoopWorld w = playbook();
        // other work in the region: every visit to the router is refused, whoever would come
        w.gate.rules.put(
                DISPATCH_ENGINEER,
                r ->
                        Decision.deny(
                                "d-1",
                                List.of("blast-radius"),
                                List.of("2 other elements in the region are under work"),
                                "test-policy"));

        w.tick();
        w.run(minutes(15), hours(24));

        List<Duration> pauses =
                w.only().exclusions().stream()
                        .filter(e -> e.until().isPresent())
                        .map(e -> Duration.between(e.at(), e.until().get()))
                        .toList();
        assertThat(pauses)
                .as("1 h, then doubled per denial, at most 8 h")
                .startsWith(hours(1), hours(2), hours(4), hours(8), hours(8));
        assertThat(w.net.callsOf(DISPATCH_ENGINEER)).isEmpty();
        assertThat(w.only().status())
                .as("five denials in a day spend five of the case's replans, not all of them")
                .isEqualTo(CaseStatus.ACTIVE);
    }

    @Test
    void
            an_approval_that_expires_at_the_top_of_the_hierarchy_is_taken_as_rejected_and_the_case_replans() {
        LoopWorld w = playbook();
        w.settings = LoopSettings.defaults().withApprovalTimeout(hours(1));
        w.gate.requireApproval(DISPATCH_ENGINEER, RoleHierarchy.NOC_SUPERVISOR);
        w.tick();
        String first = w.pending().get(0);

        w.tickAt(T0.plus(hours(1)));

        assertThat(w.approvals.answer(first))
                .get()
                .extracting(a -> a.verdict())
                .isEqualTo(Verdict.EXPIRED);
        CaseRecord c = w.only();
        assertThat(c.step(2).state()).isEqualTo(StepState.REJECTED);
        assertThat(c.exclusions().get(0).reason())
                .contains("waited for approval in vain")
                .contains("noc_supervisor");
        assertThat(c.plan().orElseThrow().revision()).isEqualTo(1);
        assertThat(w.approvals.pending())
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(r.action().call().arguments().get("engineer_id"))
                                        .isEqualTo("eng-south-2"));
        assertThat(w.net.callsOf(DISPATCH_ENGINEER)).isEmpty();
    }

    @Test
    void
            a_drain_still_waiting_for_a_person_shortly_before_the_engineer_leaves_is_withdrawn_and_the_visit_planned_again() {
        Instant visit = T0.plus(hours(6)); // eng-south-1 drives 90 minutes: leaves at T0 + 4:30
        SagaPlanner saga =
                new SagaPlanner(
                        r -> {
                            if (r.context().isReplan()) {
                                return List.of();
                            }
                            List<Intent> out = new ArrayList<>(LoopWorld.ticket(r));
                            out.add(Intent.now(ORDER_PART, LoopWorld.order(r, "south")));
                            out.add(
                                    Intent.now(
                                            DISPATCH_ENGINEER,
                                            LoopWorld.dispatch(r, "eng-south-1", visit)));
                            out.add(
                                    Intent.at(
                                            T0.plus(hours(3)),
                                            REROUTE_TRAFFIC,
                                            LoopWorld.args("element_id", "core-rtr-02")));
                            return out;
                        });
        saga.keep = (r, s) -> true;
        LoopWorld w = new LoopWorld(saga);
        w.gate.requireApproval(REROUTE_TRAFFIC, RoleHierarchy.NOC_SUPERVISOR);
        w.predict(ROUTER, 0.9, hours(38));
        w.tick();
        w.tickAt(T0.plus(hours(3)));
        assertThat(w.only().status()).isEqualTo(CaseStatus.WAITING_APPROVAL);

        w.tickAt(T0.plus(hours(4)).plus(minutes(10)));
        assertThat(w.only().status())
                .as("20 minutes before the engineer leaves: a person may still answer")
                .isEqualTo(CaseStatus.WAITING_APPROVAL);

        w.tickAt(T0.plus(hours(4)).plus(minutes(15)));

        CaseRecord c = w.only();
        StepRecord drain = c.step(3);
        assertThat(drain.state()).isEqualTo(StepState.REJECTED);
        assertThat(drain.note())
                .contains("nobody approved moving the traffic off before the engineer leaves")
                .contains(T0.plus(minutes(270)).toString());
        assertThat(w.approvals.pending()).as("the request is withdrawn").isEmpty();
        assertThat(saga.last().context().reason()).contains("step 3 (reroute_traffic)");
        assertThat(
                        saga.last()
                                .context()
                                .excluded(REROUTE_TRAFFIC, Map.of("element_id", "core-rtr-02")))
                .as("not ruled out: asked again, soon enough before the next visit")
                .isFalse();
        assertThat(saga.last().context().history())
                .as("what the planner times the next drain by: a drain of the case waited")
                .anySatisfy(
                        s -> {
                            assertThat(s.call().tool()).isEqualTo(REROUTE_TRAFFIC);
                            assertThat(s.approvalId()).isPresent();
                        });
        assertThat(w.net.appointments.get(key(2, 1)).state)
                .as("still cancellable by the new plan: the engineer has not left")
                .isEqualTo("booked");
    }

    // ---------------------------------------------------------------- undo

    /**
     * Ticket, order and booking at once; a replan at T0+1h (failure moved closer) keeps nothing.
     */
    static LoopWorld sagaThatDropsEverything() {
        SagaPlanner saga =
                new SagaPlanner(
                        r -> {
                            if (r.context().isReplan()) {
                                return List.of(
                                        Intent.now(
                                                NOTIFY_CUSTOMERS,
                                                LoopWorld.args(
                                                        "element_id", "core-rtr-02",
                                                        "message", "work ahead")));
                            }
                            List<Intent> out = new ArrayList<>(LoopWorld.ticket(r));
                            out.add(Intent.now(ORDER_PART, LoopWorld.order(r, "south")));
                            out.add(
                                    Intent.now(
                                            DISPATCH_ENGINEER,
                                            LoopWorld.dispatch(
                                                    r, "eng-south-1", T0.plus(hours(6)))));
                            out.add(Intent.at(T0.plus(hours(7)), CLOSE_TICKET, LoopWorld.close(r)));
                            return out;
                        });
        saga.keep = (r, s) -> false;
        saga.assumptions =
                (r, steps) ->
                        List.of(
                                Assumption.failureNotBefore(
                                        T0.plus(hours(7)), "holds until 17:00"));
        LoopWorld w = new LoopWorld(saga);
        w.predict(ROUTER, 0.9, hours(38));
        w.tick();
        w.clock.advance(hours(1));
        w.predict(ROUTER, 0.9, hours(3));
        return w;
    }

    @Test
    void
            what_a_replan_drops_is_undone_first_last_first_through_the_gate_with_the_registered_undos() {
        LoopWorld w = sagaThatDropsEverything();

        w.tick();

        CaseRecord c = w.only();
        // steps 0-2 ran; the close (3) was superseded; the undos are 4, 5, 6, the notice 7
        assertThat(c.steps().subList(4, 8))
                .extracting(s -> s.call().tool())
                .containsExactly(CANCEL_APPOINTMENT, CANCEL_ORDER, CLOSE_TICKET, NOTIFY_CUSTOMERS);
        assertThat(c.steps().subList(4, 7))
                .extracting(s -> s.undoes().orElseThrow())
                .containsExactly(2, 1, 0);
        assertThat(c.step(4).call().arguments()).containsEntry("appointment_key", key(2, 1));
        assertThat(c.step(5).call().arguments()).containsEntry("order_key", key(1, 1));
        for (int i = 0; i < 3; i++) {
            assertThat(c.step(4 + i).call()).isEqualTo(c.step(2 - i).undo().orElseThrow());
            assertThat(c.step(2 - i).commitment()).isEqualTo(Commitment.UNDONE);
        }
        // each undo was decided by the gate and called like any act, in that order
        List<String> decided =
                w.events(AuditEventType.POLICY_DECISION).stream()
                        .map(e -> e.payload().get("step") + ":" + e.payload().get("tool"))
                        .toList();
        assertThat(decided)
                .containsSubsequence("4:cancel_appointment", "5:cancel_order", "6:close_ticket");
        assertThat(w.calledTools(CASE))
                .containsSubsequence(
                        CANCEL_APPOINTMENT, CANCEL_ORDER, CLOSE_TICKET, NOTIFY_CUSTOMERS);
        assertThat(w.net.appointments.get(key(2, 1)).state).isEqualTo("cancelled");
        assertThat(w.net.orders.get(key(1, 1)).state).isEqualTo("cancelled");
        assertThat(w.net.tickets.get(CASE)).isEqualTo("closed");
        assertThat(c.status()).isEqualTo(CaseStatus.CLOSED);
    }

    @Test
    void an_undo_waits_for_an_approval_like_any_act() {
        LoopWorld w = sagaThatDropsEverything();
        w.gate.requireApproval(CANCEL_ORDER, RoleHierarchy.NOC_OPERATOR);

        w.tick();

        assertThat(w.only().status()).isEqualTo(CaseStatus.WAITING_APPROVAL);
        assertThat(w.net.orders.get(key(1, 1)).state).isEqualTo("placed");
        assertThat(w.net.callsOf(CLOSE_TICKET)).as("the later undos wait their turn").isEmpty();

        w.approveAll(SUPERVISOR);
        w.tickAt(w.now().plus(minutes(10)));
        assertThat(w.net.orders.get(key(1, 1)).state).isEqualTo("cancelled");
        assertThat(w.only().status()).isEqualTo(CaseStatus.CLOSED);
    }

    @Test
    void an_undo_refused_as_too_late_fixes_the_effect_and_the_case_replans_at_once_keeping_it() {
        LoopWorld w = sagaThatDropsEverything();
        w.net.cancelCutoff = hours(24);
        SagaPlanner saga = (SagaPlanner) w.planner;
        // a planner that keeps what can no longer be undone, as every plan must
        saga.keep = (r, s) -> !s.commitment().undoable();

        w.tick();

        CaseRecord c = w.only();
        assertThat(c.step(4).state()).isEqualTo(StepState.FAILED);
        assertThat(c.step(4).note()).contains("too late");
        // planned again in the same tick: the plan that counted on the undo no longer holds
        assertThat(saga.asked).hasSize(3);
        assertThat(saga.last().context().reason())
                .contains("step 2 (dispatch_engineer) could not be undone, it stands");
        assertThat(saga.last().context().commitments())
                .filteredOn(s -> s.index() == 2)
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.commitment()).isEqualTo(Commitment.FIXED);
                            assertThat(s.note())
                                    .contains("could not be undone")
                                    .contains("too late");
                        });
        Plan again = c.plan().orElseThrow();
        assertThat(again.revision()).isEqualTo(2);
        assertThat(again.keeps()).containsExactly(2);
        assertThat(again.steps())
                .extracting(s -> s.call().tool())
                .containsExactly(CANCEL_ORDER, CLOSE_TICKET, NOTIFY_CUSTOMERS);
        assertThat(w.net.orders.get(key(1, 1)).state).isEqualTo("cancelled");
        assertThat(w.net.appointments.get(key(2, 1)).state).isEqualTo("booked");
        assertThat(w.net.callsOf(CANCEL_APPOINTMENT)).as("never asked again").hasSize(1);
        // the case ended with the booking standing: it needs nothing more
        assertThat(c.status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(c.step(2).commitment()).isEqualTo(Commitment.SETTLED);
    }

    @Test
    void
            an_undo_denied_for_the_moment_leaves_the_effect_undoable_and_is_asked_again_when_the_gate_says_the_denial_ends() {
        LoopWorld w = sagaThatDropsEverything();
        w.gate.deny(CANCEL_APPOINTMENT);
        w.gate.forTheMoment.add(CANCEL_APPOINTMENT + "-deny");
        Instant midnight = T0.plus(hours(4)); // before the visit at T0 + 6 h
        w.gate.momentOver = Optional.of(midnight);
        SagaPlanner saga = (SagaPlanner) w.planner;
        // a planner that keeps what can no longer be undone (the part is delivered by midnight)
        saga.keep = (r, s) -> !s.commitment().undoable();

        w.tick();

        CaseRecord c = w.only();
        assertThat(c.step(4).state()).isEqualTo(StepState.DENIED);
        assertThat(c.step(2).commitment())
                .as("not fixed: the moment passes, the booking can still be cancelled")
                .isEqualTo(Commitment.LIVE);
        assertThat(saga.last().context().reason())
                .contains("undo step 4 (cancel_appointment) denied by policy")
                .contains("asked again from " + midnight);
        assertThat(saga.last().context().pausedUntil(CANCEL_APPOINTMENT))
                .as("paused until the gate said, not for the loop's own hour")
                .contains(midnight);
        PlanStep undo = c.plan().orElseThrow().steps().get(0);
        assertThat(undo.undoes()).hasValue(2);
        assertThat(c.step(undo.index()).retryAt())
                .as("the undo waits for the pause rather than ask the gate again")
                .contains(midnight);
        int asked = w.gate.evaluated.size();

        w.tickAt(midnight.minus(minutes(10)));
        assertThat(w.gate.evaluated).as("not asked while paused").hasSize(asked);

        w.gate.rules.remove(CANCEL_APPOINTMENT);
        w.tickAt(midnight);
        assertThat(w.net.appointments.get(key(2, 1)).state).isEqualTo("cancelled");
        assertThat(w.only().step(2).commitment()).isEqualTo(Commitment.UNDONE);
        assertThat(w.only().status()).isEqualTo(CaseStatus.CLOSED);
    }

    @Test
    void a_replan_is_told_of_every_undo_the_policy_never_allows_and_only_those() {
        LoopWorld w = sagaThatDropsEverything();
        w.gate.neverAllowed.add(CANCEL_APPOINTMENT);
        w.gate.neverAllowed.add(ORDER_PART); // not an undo: the gate is asked for it as ever
        SagaPlanner saga = (SagaPlanner) w.planner;
        saga.keep = (r, s) -> s.call().tool().equals(DISPATCH_ENGINEER);

        w.tick();

        CaseContext told = saga.last().context();
        assertThat(told.excludedForGood(CANCEL_APPOINTMENT, Map.of("appointment_key", key(2, 1))))
                .as("whatever the booking")
                .isTrue();
        assertThat(told.exclusions())
                .filteredOn(e -> e.tool().equals(CANCEL_APPOINTMENT))
                .singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("no rule of the policy"));
        assertThat(told.excluded(ORDER_PART, Map.of())).isFalse();
        assertThat(told.excluded(CANCEL_ORDER, Map.of("order_key", key(1, 1)))).isFalse();
        assertThat(w.only().exclusions())
                .as("what the policy says is asked anew at each replan, not learnt by the case")
                .isEmpty();
    }

    @Test
    void a_replan_that_would_undo_an_effect_fixed_for_good_is_refused_and_goes_to_a_person() {
        LoopWorld w = sagaThatDropsEverything();
        w.net.cancelCutoff = hours(24);

        w.tick();

        CaseRecord c = w.only();
        assertThat(c.step(2).commitment()).isEqualTo(Commitment.FIXED);
        assertThat(c.status()).isEqualTo(CaseStatus.NEEDS_PERSON);
        assertThat(c.reason()).contains("undoes step 2, which can no longer be undone");
        assertThat(w.net.callsOf(CANCEL_APPOINTMENT)).hasSize(1);
        assertThat(w.net.callsOf(CANCEL_ORDER)).as("nothing of the refused plan runs").isEmpty();
    }

    @Test
    void
            an_undo_that_keeps_failing_is_given_up_and_the_case_replans_with_the_effect_still_undoable() {
        LoopWorld w = sagaThatDropsEverything();
        w.settings =
                LoopSettings.defaults()
                        .withRetry(
                                RetryPolicy.defaults(),
                                Map.of(
                                        CANCEL_APPOINTMENT,
                                        new RetryPolicy(2, minutes(5), 1.0, minutes(5), 0.0)));
        w.restart();
        w.net.fail(
                CANCEL_APPOINTMENT,
                dev.autonoc.core.tool.ToolResult.Outcome.TRANSIENT,
                dev.autonoc.core.tool.ToolResult.Outcome.TRANSIENT);
        SagaPlanner saga = (SagaPlanner) w.planner;

        w.tick();
        assertThat(w.net.callsOf(CANCEL_ORDER)).as("the undos go in order").isEmpty();
        assertThat(w.net.callsOf(CANCEL_APPOINTMENT)).hasSize(1);

        w.tickAt(w.now().plus(minutes(5)));

        CaseRecord c = w.only();
        assertThat(c.step(4).state()).isEqualTo(StepState.FAILED);
        assertThat(c.step(4).note()).contains("gave up after 2 tries");
        // the booking still stood, undoable: the replan undid it again with its registered undo
        assertThat(saga.last().context().reason())
                .contains("undo step 4 (cancel_appointment) gave up after 2 tries");
        assertThat(saga.last().context().commitments())
                .filteredOn(s -> s.index() == 2)
                .singleElement()
                .extracting(s -> s.commitment())
                .isEqualTo(Commitment.LIVE);
        Plan again = c.plan().orElseThrow();
        assertThat(again.revision()).isEqualTo(2);
        PlanStep undo = again.steps().get(0);
        assertThat(undo.undoes()).hasValue(2);
        assertThat(undo.call()).isEqualTo(c.step(2).undo().orElseThrow());
        assertThat(w.net.callsOf(CANCEL_APPOINTMENT))
                .extracting(call -> call.arguments().get("appointment_key"))
                .containsExactly(key(2, 1), key(2, 1), key(2, 1));
        assertThat(w.net.appointments.get(key(2, 1)).state).isEqualTo("cancelled");
        assertThat(w.net.orders.get(key(1, 1)).state).isEqualTo("cancelled");
        assertThat(c.step(2).commitment()).isEqualTo(Commitment.UNDONE);
        assertThat(c.status()).isEqualTo(CaseStatus.CLOSED);
    }

    // ---------------------------------------------------------------- the plan check

    /** What is wrong with a planner's second plan. */
    enum Defect {
        LEAVES_AN_EFFECT_UNACCOUNTED(
                "step 1 (order_part) still stands and is neither kept nor undone"),
        KEEPS_WHAT_DOES_NOT_STAND("it keeps step 2, which has no standing effect"),
        UNDOES_WITH_ANOTHER_CALL("undoes step 1 with"),
        UNDOES_WHAT_DOES_NOT_STAND("undoes step 2, which has no standing effect"),
        KEEPS_AND_UNDOES("it both keeps and undoes step 1"),
        NUMBERED_FROM_ELSEWHERE("its steps start at 5; the case's next is 3"),
        WRONG_REVISION("it is revision 4; the case needs 1"),
        ANOTHER_CASE("it is for another case"),
        WAITS_FOR_AN_EARLIER_PLAN("waits for step 1 of an earlier plan");

        final String problem;

        Defect(String problem) {
            this.problem = problem;
        }
    }

    /** Ticket, order, close (refused): the replan must account for the ticket (0) and order (1). */
    static Planner defective(Defect d) {
        return new Planner() {
            @Override
            public String name() {
                return "defective";
            }

            @Override
            public String version() {
                return "1";
            }

            @Override
            public Plan plan(PlanningRequest r) {
                if (!r.context().isReplan()) {
                    return plan(
                            r,
                            0,
                            List.of(),
                            List.of(
                                    step(
                                            0,
                                            ToolCall.of(
                                                    OPEN_TICKET,
                                                    LoopWorld.ticket(r).get(0).call().arguments()),
                                            r),
                                    step(
                                            1,
                                            ToolCall.of(ORDER_PART, LoopWorld.order(r, "south")),
                                            r),
                                    step(2, ToolCall.of(CLOSE_TICKET, LoopWorld.close(r)), r)));
                }
                ToolCall undoOrder = r.context().history().get(1).undo().orElseThrow();
                ToolCall close = ToolCall.of(CLOSE_TICKET, LoopWorld.close(r));
                return switch (d) {
                    case LEAVES_AN_EFFECT_UNACCOUNTED ->
                            plan(r, 1, List.of(0), List.of(step(3, close, r)));
                    case KEEPS_WHAT_DOES_NOT_STAND ->
                            plan(r, 1, List.of(0, 1, 2), List.of(step(3, close, r)));
                    case UNDOES_WITH_ANOTHER_CALL ->
                            plan(
                                    r,
                                    1,
                                    List.of(0),
                                    List.of(
                                            undo(
                                                    3,
                                                    1,
                                                    ToolCall.of(
                                                            CANCEL_ORDER, Map.of("order_key", "x")),
                                                    r),
                                            step(4, close, r)));
                    case UNDOES_WHAT_DOES_NOT_STAND ->
                            plan(r, 1, List.of(0, 1), List.of(undo(3, 2, undoOrder, r)));
                    case KEEPS_AND_UNDOES ->
                            plan(r, 1, List.of(0, 1), List.of(undo(3, 1, undoOrder, r)));
                    case NUMBERED_FROM_ELSEWHERE ->
                            plan(r, 1, List.of(0, 1), List.of(step(5, close, r)));
                    case WRONG_REVISION -> plan(r, 4, List.of(0, 1), List.of(step(3, close, r)));
                    case ANOTHER_CASE ->
                            new Plan(
                                    new dev.autonoc.core.CaseId("case-9999"),
                                    "defective",
                                    "1",
                                    List.of(step(3, close, r)),
                                    "not yours",
                                    1,
                                    List.of(0, 1),
                                    List.of(),
                                    List.of(),
                                    Optional.empty());
                    case WAITS_FOR_AN_EARLIER_PLAN ->
                            plan(
                                    r,
                                    1,
                                    List.of(0, 1),
                                    List.of(
                                            new PlanStep(
                                                    3,
                                                    close,
                                                    r.now(),
                                                    OptionalInt.of(1),
                                                    "after the order")));
                };
            }

            private Plan plan(
                    PlanningRequest r, int revision, List<Integer> keeps, List<PlanStep> steps) {
                return new Plan(
                        r.caseId(),
                        "defective",
                        "1",
                        steps,
                        "defective plan",
                        revision,
                        keeps,
                        List.of(),
                        List.of(),
                        Optional.empty());
            }

            private PlanStep step(int i, ToolCall call, PlanningRequest r) {
                return new PlanStep(i, call, r.now(), OptionalInt.empty(), call.tool());
            }

            private PlanStep undo(int i, int target, ToolCall call, PlanningRequest r) {
                return new PlanStep(
                        i, call, r.now(), OptionalInt.empty(), "undo", OptionalInt.of(target));
            }
        };
    }

    @ParameterizedTest
    @EnumSource(Defect.class)
    void a_replan_that_would_leave_the_case_inconsistent_is_refused_and_the_case_goes_to_a_person(
            Defect d) {
        LoopWorld w = new LoopWorld(defective(d));
        w.net.fail(CLOSE_TICKET, REFUSED);
        w.predict(ROUTER, 0.9, hours(38));

        w.tick();

        CaseRecord c = w.only();
        assertThat(c.status()).isEqualTo(CaseStatus.NEEDS_PERSON);
        assertThat(c.reason()).startsWith("the planner's plan is refused: ").contains(d.problem);
        assertThat(c.plan().orElseThrow().revision())
                .as("the refused plan is not in force")
                .isZero();
        assertThat(w.events(AuditEventType.PLAN)).hasSize(1);
        assertThat(c.steps()).hasSize(3);
        assertThat(w.net.effectsOf(ORDER_PART)).as("the mitigation stays").hasSize(1);
    }

    @Test
    void a_planner_that_numbers_every_plan_from_zero_is_renumbered_when_nothing_stands() {
        Function<PlanningRequest, List<PlanStep>> steps =
                r ->
                        List.of(
                                new PlanStep(
                                        0,
                                        ToolCall.of(
                                                ORDER_PART,
                                                LoopWorld.order(
                                                        r,
                                                        r.context().isReplan()
                                                                ? "central"
                                                                : "south")),
                                        r.now(),
                                        OptionalInt.empty(),
                                        "order"));
        LoopWorld w = new LoopWorld(Fakes.planner("from-zero", steps));
        w.net.fail(ORDER_PART, REFUSED);
        w.predict(ROUTER, 0.9, hours(38));

        w.tick();

        CaseRecord c = w.only();
        assertThat(c.plan().orElseThrow().revision()).isEqualTo(1);
        assertThat(c.plan().orElseThrow().steps().get(0).index()).isEqualTo(1);
        assertThat(c.step(1).call().arguments()).containsEntry("source", "central");
        assertThat(c.status()).isEqualTo(CaseStatus.CLOSED);
    }

    @Test
    void a_case_that_replans_more_than_max_replans_times_goes_to_a_person_with_the_last_reason() {
        SagaPlanner stubborn =
                new SagaPlanner(
                        r -> {
                            List<Intent> out = new ArrayList<>(LoopWorld.ticket(r));
                            out.add(Intent.now(ORDER_PART, LoopWorld.order(r, "south")));
                            return out;
                        });
        LoopWorld w = new LoopWorld(stubborn);
        LoopSettings d = LoopSettings.defaults();
        w.settings =
                new LoopSettings(
                        d.agent(),
                        d.reopenCooldown(),
                        d.retry(),
                        d.retryByTool(),
                        d.circuit(),
                        d.approvalTimeout(),
                        2,
                        d.verifyEvery(),
                        d.verifyLead(),
                        d.falseAlarmAfter(),
                        d.denialPause());
        w.net.fail(ORDER_PART, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED);
        w.predict(ROUTER, 0.9, hours(38));

        w.tick();
        w.tickAt(T0.plus(minutes(10)));

        CaseRecord c = w.only();
        assertThat(c.status()).isEqualTo(CaseStatus.NEEDS_PERSON);
        assertThat(c.reason())
                .contains("planned 3 times already (at most 2)")
                .contains("step 3 (order_part) refused");
        assertThat(stubborn.asked).hasSize(3);
        assertThat(w.net.tickets.get(CASE))
                .as("what was done stays for the person")
                .isEqualTo("open");
    }

    @Test
    void a_replan_is_in_the_ledger_with_its_revision_reason_and_what_it_keeps() {
        LoopWorld w = playbook();
        w.net.fail(DISPATCH_ENGINEER, REFUSED);

        w.tick();

        List<AuditEvent> plans = w.events(AuditEventType.PLAN);
        assertThat(plans).hasSize(2);
        assertThat(plans.get(0).payload()).doesNotContainKey("replan_reason");
        Map<String, Object> second = plans.get(1).payload();
        assertThat(second.get("revision")).isEqualTo(1L);
        assertThat((String) second.get("replan_reason"))
                .contains("step 2 (dispatch_engineer) refused");
        assertThat(second.get("keeps")).isEqualTo(List.of(0L, 1L));
        assertThat((List<?>) second.get("assumptions")).isNotEmpty();
    }
}
