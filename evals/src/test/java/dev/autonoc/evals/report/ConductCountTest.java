package dev.autonoc.evals.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.simulators.FaultTruth;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConductCountTest {

    private static final Instant T0 = TrailBuilder.T0;

    private static FaultTruth fault(String element, Duration onset, Optional<Duration> repaired) {
        return new FaultTruth(
                ElementId.of(element),
                FailureMode.FAN_WEAR,
                T0.plus(onset),
                T0.plus(onset).plus(Duration.ofDays(4)),
                Optional.empty(),
                repaired.map(T0::plus));
    }

    private static Map<String, Object> payload(Object... keysAndValues) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return p;
    }

    private static Map<String, Object> rerouteDecision(long step, boolean alternate, int isolated) {
        return payload(
                "step",
                step,
                "tool",
                "reroute_traffic",
                "effect",
                "ALLOW",
                "estimate",
                payload(
                        "cost_gbp",
                        0.0,
                        "facts",
                        payload(
                                "has_alternate_path",
                                alternate,
                                "sites_isolated",
                                (double) isolated)));
    }

    private static TrailBuilder result(
            TrailBuilder t, String caseId, String element, long step, String tool, String outcome) {
        t.event(
                AuditEventType.TOOL_CALL,
                caseId,
                element,
                payload(
                        "step",
                        step,
                        "tool",
                        tool,
                        "arguments",
                        payload("element_id", element),
                        "idempotency_key",
                        caseId + "/" + step + "/1"));
        return t.event(
                AuditEventType.TOOL_RESULT,
                caseId,
                element,
                payload(
                        "step", step,
                        "tool", tool,
                        "idempotency_key", caseId + "/" + step + "/1",
                        "outcome", outcome,
                        "summary", tool + " " + outcome));
    }

    @Test
    void time_to_detect_runs_from_the_onset_to_the_first_alarm_after_it() {
        TrailBuilder t = new TrailBuilder();
        t.at(Duration.ofHours(10)).prediction("core-rtr-02"); // before the onset: another matter
        t.at(Duration.ofHours(27)).prediction("core-rtr-02");
        t.at(Duration.ofHours(30)).prediction("core-rtr-02");
        var r =
                ConductCount.of(
                        List.of(
                                fault("core-rtr-02", Duration.ofDays(1), Optional.empty()),
                                fault("agg-rtr-01", Duration.ofDays(1), Optional.empty())),
                        t.build());
        assertThat(r.conduct().timeToDetectMinutes().getAsDouble()).isCloseTo(180, within(1e-9));
        assertThat(r.conduct().faultsDetected()).isEqualTo(1);
        assertThat(r.timeline().faults().get(0).detectedAt())
                .hasValue(T0.plus(Duration.ofHours(27)));
        assertThat(r.timeline().faults().get(1).detectedAt()).isEmpty();
    }

    @Test
    void a_drain_where_another_path_exists_mitigates_before_the_repair() {
        TrailBuilder t = new TrailBuilder();
        t.at(Duration.ofHours(36))
                .event(
                        AuditEventType.POLICY_DECISION,
                        "c1",
                        "core-rtr-02",
                        rerouteDecision(2, true, 0));
        result(t, "c1", "core-rtr-02", 2, "reroute_traffic", "SUCCEEDED");
        var r =
                ConductCount.of(
                        List.of(
                                fault(
                                        "core-rtr-02",
                                        Duration.ofDays(1),
                                        Optional.of(Duration.ofDays(3)))),
                        t.build());
        assertThat(r.conduct().timeToMitigateMinutes().getAsDouble())
                .isCloseTo(12 * 60, within(1e-9));
        assertThat(r.timeline().faults().get(0).mitigatedBy()).hasValue("drain");
    }

    @Test
    void a_drain_undone_before_the_repair_does_not_mitigate() {
        TrailBuilder t = new TrailBuilder();
        t.at(Duration.ofHours(36))
                .event(
                        AuditEventType.POLICY_DECISION,
                        "c1",
                        "core-rtr-02",
                        rerouteDecision(2, true, 0));
        result(t, "c1", "core-rtr-02", 2, "reroute_traffic", "SUCCEEDED");
        t.at(Duration.ofHours(40));
        result(t, "c1", "core-rtr-02", 3, "restore_traffic", "SUCCEEDED");
        var mended =
                ConductCount.of(
                        List.of(
                                fault(
                                        "core-rtr-02",
                                        Duration.ofDays(1),
                                        Optional.of(Duration.ofDays(3)))),
                        t.build());
        assertThat(mended.timeline().faults().get(0).mitigatedBy()).hasValue("repair");
        var never =
                ConductCount.of(
                        List.of(fault("core-rtr-02", Duration.ofDays(1), Optional.empty())),
                        t.build());
        assertThat(never.conduct().faultsMitigated()).isZero();
    }

    @Test
    void traffic_moved_back_after_the_repair_leaves_the_drain_standing() {
        TrailBuilder t = new TrailBuilder();
        t.at(Duration.ofHours(36))
                .event(
                        AuditEventType.POLICY_DECISION,
                        "c1",
                        "core-rtr-02",
                        rerouteDecision(2, true, 0));
        result(t, "c1", "core-rtr-02", 2, "reroute_traffic", "SUCCEEDED");
        t.at(Duration.ofDays(4));
        result(t, "c1", "core-rtr-02", 4, "restore_traffic", "SUCCEEDED");
        var r =
                ConductCount.of(
                        List.of(
                                fault(
                                        "core-rtr-02",
                                        Duration.ofDays(1),
                                        Optional.of(Duration.ofDays(3)))),
                        t.build());
        assertThat(r.timeline().faults().get(0).mitigatedBy()).hasValue("drain");
        assertThat(r.conduct().timeToMitigateMinutes().getAsDouble())
                .isCloseTo(12 * 60, within(1e-9));
    }

    @Test
    void a_drain_that_cuts_sites_off_does_not_mitigate_only_the_repair_does() {
        TrailBuilder t = new TrailBuilder();
        t.at(Duration.ofHours(36))
                .event(
                        AuditEventType.POLICY_DECISION,
                        "c1",
                        "agg-rtr-03",
                        rerouteDecision(2, true, 6));
        result(t, "c1", "agg-rtr-03", 2, "reroute_traffic", "SUCCEEDED");
        var r =
                ConductCount.of(
                        List.of(
                                fault(
                                        "agg-rtr-03",
                                        Duration.ofDays(1),
                                        Optional.of(Duration.ofDays(3)))),
                        t.build());
        assertThat(r.conduct().timeToMitigateMinutes().getAsDouble())
                .isCloseTo(2 * 24 * 60, within(1e-9));
        assertThat(r.timeline().faults().get(0).mitigatedBy()).hasValue("repair");
    }

    @Test
    void a_fault_neither_mended_nor_drained_is_not_mitigated() {
        var r =
                ConductCount.of(
                        List.of(fault("core-rtr-02", Duration.ofDays(1), Optional.empty())),
                        new TrailBuilder().build());
        assertThat(r.conduct().timeToMitigateMinutes()).isEmpty();
        assertThat(r.conduct().faultsMitigated()).isZero();
    }

    @Test
    void counts_refused_invalid_and_read_calls_in_both_outcome_vocabularies() {
        TrailBuilder t = new TrailBuilder();
        result(t, "c1", "core-rtr-02", -1, "get_element", "SUCCEEDED");
        result(t, "c1", "core-rtr-02", -1, "check_stock", "SUCCEEDED");
        result(t, "c1", "core-rtr-02", 0, "order_part", "FAILED");
        result(t, "c1", "core-rtr-02", 1, "order_part", "REFUSED");
        result(t, "c1", "core-rtr-02", 2, "dispatch_engineer", "INVALID");
        result(t, "c1", "core-rtr-02", 3, "dispatch_engineer", "TRANSIENT");
        result(t, "c1", "core-rtr-02", 3, "dispatch_engineer", "SUCCEEDED");
        var r = ConductCount.of(List.of(), t.build());
        assertThat(r.conduct().refusedCalls()).isEqualTo(2);
        assertThat(r.conduct().invalidCalls()).isEqualTo(1);
        assertThat(r.conduct().readCalls()).isEqualTo(2);
        assertThat(r.conduct().steps()).as("steps 0..3 of case c1").isEqualTo(4);
        assertThat(r.timeline().marks())
                .extracting(RunTimeline.Mark::kind)
                .containsExactly(
                        RunTimeline.Kind.CALL_REFUSED,
                        RunTimeline.Kind.CALL_REFUSED,
                        RunTimeline.Kind.CALL_INVALID,
                        RunTimeline.Kind.CALL_RETRY,
                        RunTimeline.Kind.CALL_SUCCEEDED);
    }

    @Test
    void a_replan_is_a_plan_after_the_first_of_its_case_or_one_with_a_revision() {
        TrailBuilder t = new TrailBuilder();
        t.event(AuditEventType.PLAN, "c1", "core-rtr-02", payload("steps", List.of()));
        t.event(AuditEventType.PLAN, "c1", "core-rtr-02", payload("steps", List.of()));
        t.event(AuditEventType.PLAN, "c2", "agg-rtr-01", payload("revision", 0L));
        t.event(AuditEventType.PLAN, "c2", "agg-rtr-01", payload("revision", 1L));
        t.event(AuditEventType.PLAN, "c3", "agg-rtr-02", payload("steps", List.of()));
        assertThat(ConductCount.of(List.of(), t.build()).conduct().replans()).isEqualTo(2);
    }

    @Test
    void approval_waits_run_from_the_request_to_its_answer_and_the_unanswered_are_counted() {
        TrailBuilder t = new TrailBuilder();
        t.at(Duration.ofHours(1))
                .event(
                        AuditEventType.APPROVAL_REQUESTED,
                        "c1",
                        "core-rtr-02",
                        payload("approval_id", "a1", "step", 0L, "tool", "order_part"));
        t.at(Duration.ofHours(2))
                .event(
                        AuditEventType.APPROVAL_REQUESTED,
                        "c1",
                        "core-rtr-02",
                        payload("approval_id", "a2", "step", 1L, "tool", "dispatch_engineer"));
        t.at(Duration.ofMinutes(105))
                .event(
                        AuditEventType.APPROVAL_ANSWERED,
                        "c1",
                        "core-rtr-02",
                        payload(
                                "approval_id",
                                "a1",
                                "step",
                                0L,
                                "tool",
                                "order_part",
                                "verdict",
                                "APPROVED",
                                "by",
                                "sim:noc-supervisor"));
        t.at(Duration.ofHours(3))
                .event(
                        AuditEventType.APPROVAL_REQUESTED,
                        "c2",
                        "agg-rtr-01",
                        payload("approval_id", "a3", "step", 0L, "tool", "order_part"));
        t.at(Duration.ofHours(4))
                .event(
                        AuditEventType.APPROVAL_ANSWERED,
                        "c2",
                        "agg-rtr-01",
                        payload(
                                "approval_id",
                                "a3",
                                "step",
                                0L,
                                "tool",
                                "order_part",
                                "verdict",
                                "REJECTED",
                                "by",
                                "sim:noc-supervisor"));
        Conduct c = ConductCount.of(List.of(), t.build()).conduct();
        assertThat(c.approvalWaitMinutes().getAsDouble()).isCloseTo((45 + 60) / 2.0, within(1e-9));
        assertThat(c.maxApprovalWaitMinutes().getAsDouble()).isCloseTo(60, within(1e-9));
        assertThat(c.approvalsUnanswered()).isEqualTo(1);
    }

    @Test
    void a_denial_is_counted_and_marked() {
        TrailBuilder t = new TrailBuilder();
        t.decision("c1", 0, "apply_sla_credit", "DENY", null);
        var r = ConductCount.of(List.of(), t.build());
        assertThat(r.conduct().deniedProposals()).isEqualTo(1);
        assertThat(r.timeline().marks())
                .extracting(RunTimeline.Mark::kind)
                .containsExactly(RunTimeline.Kind.DENIED);
    }

    private static Map<String, Object> decidedOn(String tool, String effect, String quality) {
        return payload(
                "step",
                3L,
                "tool",
                tool,
                "effect",
                effect,
                "estimate",
                payload("cost_gbp", 0.0, "facts", payload("data_quality", quality)));
    }

    @Test
    void
            counts_acts_that_ran_on_untrusted_data_without_a_person_and_not_tickets_or_approved_acts() {
        TrailBuilder t = new TrailBuilder();
        t.event(
                AuditEventType.POLICY_DECISION,
                "c1",
                "core-rtr-02",
                decidedOn("dispatch_engineer", "ALLOW", "stuck"));
        t.call("c1", 3, "dispatch_engineer");
        t.event(
                AuditEventType.POLICY_DECISION,
                "c2",
                "core-rtr-02",
                decidedOn("dispatch_engineer", "REQUIRE_APPROVAL", "gappy"));
        t.call("c2", 3, "dispatch_engineer"); // ran once a person approved: not counted
        t.event(
                AuditEventType.POLICY_DECISION,
                "c3",
                "core-rtr-02",
                decidedOn("open_ticket", "ALLOW", "skewed"));
        t.call("c3", 3, "open_ticket"); // a ticket changes nothing in the network
        t.event(
                AuditEventType.POLICY_DECISION,
                "c4",
                "core-rtr-02",
                decidedOn("order_part", "ALLOW", "fresh"));
        t.call("c4", 3, "order_part");
        t.event(
                AuditEventType.CASE_HANDED_OVER,
                "c5",
                "agg-rtr-03",
                payload("reason", "contradicted data, nothing planned: the inventory ..."));
        t.event(
                AuditEventType.CASE_HANDED_OVER,
                "c6",
                "agg-rtr-04",
                payload("reason", "planned 13 times already"));

        var conduct = ConductCount.of(List.of(), t.build()).conduct();

        assertThat(conduct.actsOnUntrustedData()).isEqualTo(1);
        assertThat(conduct.contradictedCases()).isEqualTo(1);
    }
}
