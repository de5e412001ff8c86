package dev.autonoc.service.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.audit.AuditVerification;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.tools.oss.OperatorRecords;
import dev.autonoc.tools.oss.RecordedAct;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The report over a ledger and a case store kept in the test: which decisions are the agent's acts,
 * which records are people's, how a case that failed is told, and what a period may be.
 */
class ShadowReportsTest {

    static final Instant T0 = Instant.parse("2025-01-06T00:00:00Z");
    static final Element LINK =
            new Element(ElementId.of("link-1"), ElementKind.LINK, "fibre", "north", "north-1");
    static final String CASE = "case-live-a-0001";

    final List<AuditEntry> ledger = new ArrayList<>();
    final List<CaseRecord> cases = new ArrayList<>();
    final List<RecordedAct> records = new ArrayList<>();

    final AuditLog audit =
            new AuditLog() {
                @Override
                public AuditEntry append(AuditEvent event) {
                    AuditEntry e = new AuditEntry(ledger.size() + 1, event, T0, "p", "h");
                    ledger.add(e);
                    return e;
                }

                @Override
                public List<AuditEntry> query(AuditQuery q) {
                    return ledger.stream()
                            .filter(e -> e.sequence() > q.afterSequence())
                            .filter(e -> q.type().map(t -> t == e.event().type()).orElse(true))
                            .filter(
                                    e ->
                                            q.element()
                                                    .map(x -> x.equals(e.event().element()))
                                                    .orElse(true))
                            .filter(
                                    e ->
                                            q.from()
                                                    .map(f -> !e.event().simTime().isBefore(f))
                                                    .orElse(true))
                            .filter(
                                    e ->
                                            q.to().map(t -> e.event().simTime().isBefore(t))
                                                    .orElse(true))
                            .limit(q.limit())
                            .toList();
                }

                @Override
                public AuditVerification verify() {
                    return AuditVerification.intact(ledger.size());
                }
            };

    final ShadowReports reports =
            new ShadowReports(
                    audit,
                    () -> cases,
                    (OperatorRecords)
                            (from, to, element) ->
                                    records.stream()
                                            .filter(
                                                    r ->
                                                            !r.at().isBefore(from)
                                                                    && r.at().isBefore(to))
                                            .toList(),
                    List.of("the test's records"),
                    () -> List.of(LINK.id().value()),
                    Clock.fixed(T0.plus(Duration.ofDays(5)), ZoneOffset.UTC));

    void decision(String tool, int step, Duration after, String effect, String... rules) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("step", (long) step);
        payload.put("tool", tool);
        payload.put("arguments", Map.of("element_id", LINK.id().value()));
        payload.put("effect", effect);
        payload.put("rule_ids", List.of(rules));
        payload.put(
                "reasons",
                List.of(
                        "autonomy level observe (shadow mode) for "
                                + tool
                                + ": the policy would have asked noc_operator to approve it;"
                                + " nothing is executed"));
        audit.append(
                new AuditEvent(
                        AuditEventType.POLICY_DECISION,
                        CASE,
                        LINK.id().value(),
                        "agent:autonoc",
                        T0.plus(after),
                        payload));
    }

    CaseRecord caseFailedAt(Instant at) {
        Prediction p =
                new Prediction(
                        LINK.id(),
                        T0,
                        0.9,
                        FailureMode.LASER_AGING,
                        Duration.ofDays(2),
                        List.of(),
                        "m-1");
        return CaseRecord.opened(new CaseId(CASE), LINK, p, T0)
                .closed(at, ShadowReports.FAILED + ": down since " + at);
    }

    @Test
    void a_step_judged_twice_counts_once_and_a_policy_denial_is_no_act_of_the_agent() {
        decision(
                ToolNames.ORDER_PART,
                1,
                Duration.ofHours(1),
                "DENY",
                "optic-approval",
                "autonomy-observe");
        decision(
                ToolNames.ORDER_PART,
                1,
                Duration.ofHours(2),
                "DENY",
                "optic-approval",
                "autonomy-observe");
        decision(ToolNames.RESTART_ELEMENT, 2, Duration.ofHours(3), "DENY", "no-restart-of-links");

        List<AgentAct> acts =
                ShadowReports.agentActs(ledger.stream().map(AuditEntry::event).toList());

        assertThat(acts)
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.tool()).isEqualTo(ToolNames.ORDER_PART);
                            assertThat(a.at()).isEqualTo(T0.plus(Duration.ofHours(1)));
                            assertThat(a.verdict()).isEqualTo(AgentAct.OBSERVED);
                            assertThat(a.policyWould()).isEqualTo("ask noc_operator");
                        });
    }

    @Test
    void what_the_agent_made_itself_is_not_counted_as_people_s() {
        RecordedAct ticket =
                new RecordedAct(
                        "TMF621",
                        ToolNames.OPEN_TICKET,
                        "tt-1",
                        CASE,
                        "link-1",
                        T0,
                        "acknowledged",
                        "");
        RecordedAct order =
                new RecordedAct(
                        "TMF622",
                        ToolNames.ORDER_PART,
                        "po-1",
                        CASE + "/2/1",
                        "link-1",
                        T0,
                        "inProgress",
                        "");
        RecordedAct staff =
                new RecordedAct(
                        "TMF621",
                        ToolNames.OPEN_TICKET,
                        "tt-2",
                        "INC-1",
                        "link-1",
                        T0,
                        "acknowledged",
                        "");

        assertThat(ShadowReports.madeByTheAgent(ticket, java.util.Set.of(CASE))).isTrue();
        assertThat(ShadowReports.madeByTheAgent(order, java.util.Set.of(CASE))).isTrue();
        assertThat(ShadowReports.madeByTheAgent(staff, java.util.Set.of(CASE))).isFalse();
    }

    @Test
    void a_failed_case_says_whether_people_and_the_agent_acted_before_the_failure() {
        Instant failed = T0.plus(Duration.ofDays(3));
        cases.add(caseFailedAt(failed));
        decision(ToolNames.ORDER_PART, 1, Duration.ofHours(1), "DENY", "autonomy-observe");
        decision(ToolNames.DISPATCH_ENGINEER, 2, Duration.ofHours(2), "DENY", "autonomy-observe");
        records.add(
                new RecordedAct(
                        "TMF622",
                        ToolNames.ORDER_PART,
                        "po-9",
                        "staff-1",
                        "link-1",
                        T0.plus(Duration.ofHours(7)),
                        "inProgress",
                        "SFP-OPTIC"));
        records.add(
                new RecordedAct(
                        "TMF622",
                        ToolNames.ORDER_PART,
                        "po-7",
                        CASE + "/9/1",
                        "link-1",
                        T0.plus(Duration.ofHours(8)),
                        "inProgress",
                        "the agent's own"));

        ShadowReport r = reports.report(T0, T0.plus(Duration.ofDays(4)), Optional.empty());

        assertThat(r.totals().both()).isEqualTo(1);
        assertThat(r.totals().agentOnly()).isEqualTo(1);
        assertThat(r.totals().peopleOnly()).isZero();
        assertThat(r.totals().agreement()).isEqualTo(0.5);
        assertThat(r.totals().medianAgentLeadHours()).isEqualTo(6.0);
        assertThat(r.totals().failed()).isEqualTo(1);
        assertThat(r.totals().failedAfterPeopleActed()).isEqualTo(1);
        ShadowReport.CaseComparison c = r.cases().get(0);
        assertThat(c.outcome().kind()).isEqualTo("failed");
        assertThat(c.outcome().at()).isEqualTo(failed);
        assertThat(c.both())
                .singleElement()
                .satisfies(
                        b -> {
                            assertThat(b.earlier()).isEqualTo("agent");
                            assertThat(b.agentLead()).isEqualTo("PT6H");
                        });
        assertThat(r.read()).contains("the test's records");
    }

    @Test
    void people_s_acts_where_the_agent_had_no_case_are_listed_apart() {
        records.add(
                new RecordedAct(
                        "TMF640",
                        ToolNames.RESTART_ELEMENT,
                        "act-1",
                        "ops-42",
                        "link-1",
                        T0.plus(Duration.ofHours(1)),
                        "completed",
                        "restart link-1"));

        ShadowReport r = reports.report(T0, T0.plus(Duration.ofDays(1)), Optional.of("link-1"));

        assertThat(r.cases()).isEmpty();
        assertThat(r.outsideCases()).extracting(RecordedAct::id).containsExactly("act-1");
        assertThat(r.totals().peopleOnly()).isEqualTo(1);
        assertThat(r.totals().agreement()).isEqualTo(0.0);
    }

    @Test
    void a_request_names_the_parameter_that_is_wrong_and_what_is_accepted() {
        assertThatThrownBy(() -> ShadowRequest.parse(null, "2025-01-07T00:00:00Z", null, reports))
                .isInstanceOfSatisfying(
                        ShadowRequest.Invalid.class,
                        e -> assertThat(e.parameter()).isEqualTo("from"))
                .hasMessageContaining("ISO-8601");
        assertThatThrownBy(
                        () ->
                                ShadowRequest.parse(
                                        "2025-01-07T00:00:00Z",
                                        "2025-01-06T00:00:00Z",
                                        null,
                                        reports))
                .isInstanceOfSatisfying(
                        ShadowRequest.Invalid.class,
                        e -> assertThat(e.parameter()).isEqualTo("to"));
        assertThatThrownBy(
                        () ->
                                ShadowRequest.parse(
                                        "2025-01-01T00:00:00Z",
                                        "2025-06-01T00:00:00Z",
                                        null,
                                        reports))
                .hasMessageContaining("longer than 92 days");
        assertThatThrownBy(
                        () ->
                                ShadowRequest.parse(
                                        "2025-01-06T00:00:00Z",
                                        "2025-01-07T00:00:00Z",
                                        "nope",
                                        reports))
                .isInstanceOfSatisfying(
                        ShadowRequest.Invalid.class,
                        e -> assertThat(e.parameter()).isEqualTo("element"))
                .hasMessageContaining("link-1");
    }

    @Test
    void the_console_s_default_period_is_the_last_week_up_to_the_service_s_now() {
        ShadowRequest r = ShadowRequest.parseOrDefault(null, null, "", reports, Duration.ofDays(7));
        assertThat(r.to()).isEqualTo(T0.plus(Duration.ofDays(5)));
        assertThat(r.from()).isEqualTo(T0.minus(Duration.ofDays(2)));
        assertThat(r.element()).isEmpty();
    }
}
