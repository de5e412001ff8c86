package dev.autonoc.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.autonoc.audit.JdbcAuditLog;
import dev.autonoc.core.CaseId;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.Verdict;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import java.time.Instant;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

class CasesApiTest extends ApiTestBase {

    @Autowired JdbcAuditLog ledger;

    @Test
    void cases_need_a_signed_in_user() throws Exception {
        mvc.perform(get("/api/cases")).andExpect(status().isUnauthorized());
    }

    @Test
    void cases_are_listed_with_their_steps_in_the_order_they_were_opened() throws Exception {
        cases.save(Fixtures.plannedCase("case-0001"));
        CaseRecord closed =
                Fixtures.plannedCase("case-0002")
                        .closed(Fixtures.T0.plusSeconds(3600), "every step ran");
        cases.save(closed);

        mvc.perform(get("/api/cases").with(auditor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].id").value("case-0001"))
                .andExpect(jsonPath("$[0].status").value("ACTIVE"))
                .andExpect(jsonPath("$[0].element.id").value("link-agg-01-core-01"))
                .andExpect(jsonPath("$[0].mode").value("LASER_AGING"))
                .andExpect(jsonPath("$[0].revision").value(0))
                .andExpect(jsonPath("$[0].stepsTotal").value(2))
                .andExpect(jsonPath("$[0].stepsDone").value(1))
                .andExpect(jsonPath("$[0].steps[1].tool").value("order_part"))
                .andExpect(jsonPath("$[0].steps[1].state").value("PENDING"))
                .andExpect(
                        jsonPath("$[0].mitigation[*].tool").value(Matchers.contains("open_ticket")))
                .andExpect(jsonPath("$[1].status").value("CLOSED"))
                .andExpect(jsonPath("$[1].reason").value("every step ran"))
                .andExpect(jsonPath("$[1].endedAt").value("2025-01-07T07:00:00Z"));
    }

    /** One case in each status, opened in this order. */
    private void oneCaseInEachStatus() {
        Instant t = Fixtures.T0;
        cases.save(Fixtures.plannedCase("case-active"));
        cases.save(Fixtures.plannedCase("case-waiting").withStatus(CaseStatus.WAITING_APPROVAL));
        cases.save(
                Fixtures.plannedCase("case-needs")
                        .needsPerson(t, "no engineer can reach the site before the failure"));
        cases.save(Fixtures.plannedCase("case-taken").takenOver("operator", t, "I know this one"));
        cases.save(Fixtures.plannedCase("case-closed").closed(t, "every step ran"));
    }

    @ParameterizedTest(name = "?status={0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "all          | case-active, case-waiting, case-needs, case-taken, case-closed",
                "open         | case-active, case-waiting, case-needs, case-taken",
                "agent        | case-active, case-waiting",
                "needs_person | case-needs",
                "taken_over   | case-taken",
                "closed       | case-closed",
                "ended        | case-closed",
                "NEEDS_PERSON | case-needs",
            })
    void cases_filter_by_status(String filter, String ids) throws Exception {
        oneCaseInEachStatus();

        mvc.perform(get("/api/cases").param("status", filter).with(operator()))
                .andExpect(status().isOk())
                .andExpect(
                        jsonPath("$[*].id")
                                .value(Matchers.contains(List.of(ids.split(",\\s*")).toArray())));
    }

    @Test
    void a_case_that_needs_a_person_says_why_and_what_mitigation_stands() throws Exception {
        cases.save(
                Fixtures.plannedCase("case-0001")
                        .needsPerson(Fixtures.T0, "no engineer can reach the site in time"));

        mvc.perform(get("/api/cases").param("status", "needs_person").with(operator()))
                .andExpect(jsonPath("$[0].status").value("NEEDS_PERSON"))
                .andExpect(jsonPath("$[0].reason").value("no engineer can reach the site in time"))
                .andExpect(jsonPath("$[0].mitigation[0].tool").value("open_ticket"))
                .andExpect(jsonPath("$[0].mitigation[0].note").value("ticket TT-1 opened"));
    }

    @Test
    void an_unknown_status_filter_names_what_is_accepted() throws Exception {
        mvc.perform(get("/api/cases").param("status", "sleeping").with(operator()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.parameter").value("status"))
                .andExpect(
                        jsonPath("$.detail")
                                .value(
                                        Matchers.stringContainsInOrder(
                                                "unknown 'sleeping'; accepted: all",
                                                "open (not closed)",
                                                "agent (ACTIVE or WAITING_APPROVAL",
                                                "needs_person",
                                                "taken_over",
                                                "closed",
                                                "ended (the same as closed)")));
    }

    @Test
    void one_case_shows_its_plan_and_each_step_as_planned_and_as_it_went() throws Exception {
        cases.save(Fixtures.plannedCase("case-0001"));

        mvc.perform(get("/api/cases/case-0001").with(operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("case-0001"))
                .andExpect(jsonPath("$.trigger.probability").value(0.87))
                .andExpect(
                        jsonPath("$.trigger.evidence[0].feature").value("optical_rx_dbm.slope_24h"))
                .andExpect(jsonPath("$.plan.planner").value("playbook"))
                .andExpect(jsonPath("$.plan.rationale").value("laser aging: replace the optic"))
                .andExpect(jsonPath("$.steps[0].state").value("DONE"))
                .andExpect(jsonPath("$.steps[0].note").value("ticket TT-1 opened"))
                .andExpect(jsonPath("$.steps[1].tool").value("order_part"))
                .andExpect(jsonPath("$.steps[1].arguments.part").value("SFP-OPTIC"))
                .andExpect(
                        jsonPath("$.steps[1].purpose")
                                .value("get a new optic to the site before the laser fails"))
                .andExpect(jsonPath("$.steps[1].afterCompletionOf").value(0))
                .andExpect(jsonPath("$.steps[1].attempt").value(1));
    }

    @Test
    void one_case_shows_what_its_plan_rests_on_what_it_learnt_and_where_each_step_stands()
            throws Exception {
        cases.save(Fixtures.workedCase("case-0001"));

        mvc.perform(get("/api/cases/case-0001").with(operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.owner").doesNotExist())
                .andExpect(jsonPath("$.reason").value(""))
                .andExpect(jsonPath("$.replanDue").value("the engineer's region is off sick"))
                .andExpect(jsonPath("$.plan.revision").value(1))
                .andExpect(jsonPath("$.plan.assumptions[0].kind").value("PART_ARRIVES_BY"))
                .andExpect(jsonPath("$.plan.assumptions[0].step").value(0))
                .andExpect(jsonPath("$.plan.assumptions[0].at").value("2025-01-07T10:00:00Z"))
                .andExpect(
                        jsonPath("$.plan.assumptions[0].text")
                                .value("the optic is on site by 10:00"))
                .andExpect(jsonPath("$.plan.assumptions[1].kind").value("FAILURE_NOT_BEFORE"))
                .andExpect(jsonPath("$.exclusions[0].tool").value("dispatch_engineer"))
                .andExpect(jsonPath("$.exclusions[0].match.engineer_id").value("eng-north-2"))
                .andExpect(jsonPath("$.exclusions[0].reason").value("eng-north-2 is off sick"))
                .andExpect(jsonPath("$.exclusions[0].untilDataTrusted").value(false))
                .andExpect(jsonPath("$.steps[0].commitment").value("LIVE"))
                .andExpect(jsonPath("$.steps[0].undo.tool").value("cancel_order"))
                .andExpect(jsonPath("$.steps[0].undo.arguments.order_id").value("PO-7"))
                .andExpect(jsonPath("$.steps[0].tries").value(1))
                .andExpect(jsonPath("$.steps[1].state").value("PENDING"))
                .andExpect(jsonPath("$.steps[1].tries").value(1))
                .andExpect(jsonPath("$.steps[1].attempt").value(1))
                .andExpect(jsonPath("$.steps[1].retryAt").value("2025-01-07T06:10:00Z"))
                .andExpect(jsonPath("$.steps[1].revision").value(1));
    }

    @Test
    void an_unknown_case_is_not_found() throws Exception {
        mvc.perform(get("/api/cases/case-9999").with(operator()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("no case 'case-9999'"));
    }

    // --- what people do with a case

    private org.springframework.test.web.servlet.ResultActions act(
            String id, String action, RequestPostProcessor user, String body) throws Exception {
        return mvc.perform(
                post("/api/cases/" + id + "/" + action)
                        .with(user)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body));
    }

    private List<AuditEvent> events(String caseId) {
        return ledger.query(AuditQuery.forCase(caseId)).stream().map(AuditEntry::event).toList();
    }

    @Test
    void an_operator_takes_a_case_over_and_its_waiting_request_is_withdrawn() throws Exception {
        ApprovalRequest asked = Fixtures.opticOrder(queue, "case-take-1", Fixtures.AGENT);
        CaseRecord waiting = Fixtures.plannedCase("case-take-1");
        cases.save(
                waiting.withStep(waiting.step(1).withApproval(asked.id()))
                        .withStatus(CaseStatus.WAITING_APPROVAL));
        simulation.now = Fixtures.T0.plusSeconds(1800);

        act("case-take-1", "take-over", operator(), "{\"reason\": \"the customer called me\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("TAKEN_OVER"))
                .andExpect(jsonPath("$.owner").value("operator"))
                .andExpect(jsonPath("$.reason").value("the customer called me"))
                .andExpect(jsonPath("$.steps[1].state").value("SUPERSEDED"));

        assertThat(simulation.exclusiveRuns.get()).as("on the simulation's thread").isOne();
        CaseRecord taken = cases.find(new CaseId("case-take-1")).orElseThrow();
        assertThat(taken.status()).isEqualTo(CaseStatus.TAKEN_OVER);
        assertThat(taken.step(1).state()).isEqualTo(StepState.SUPERSEDED);
        assertThat(queue.answer(asked.id()))
                .hasValueSatisfying(a -> assertThat(a.verdict()).isEqualTo(Verdict.EXPIRED));
        AuditEvent last = events("case-take-1").get(events("case-take-1").size() - 1);
        assertThat(last.type()).isEqualTo(AuditEventType.CASE_TAKEN_OVER);
        assertThat(last.actor()).isEqualTo("operator");
        assertThat(last.simTime()).isEqualTo(simulation.now);
        assertThat(last.payload()).containsEntry("reason", "the customer called me");
    }

    @Test
    void a_supervisor_hands_a_taken_over_case_back_and_the_agent_will_plan_it_again()
            throws Exception {
        cases.save(
                Fixtures.plannedCase("case-back-1")
                        .takenOver("operator", Fixtures.T0, "checking on site"));

        act("case-back-1", "hand-back", supervisor(), "{\"reason\": \"site checked, carry on\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.owner").doesNotExist())
                .andExpect(
                        jsonPath("$.replanDue")
                                .value("handed back by supervisor: site checked, carry on"));

        AuditEvent last = events("case-back-1").get(events("case-back-1").size() - 1);
        assertThat(last.type()).isEqualTo(AuditEventType.CASE_HANDED_BACK);
        assertThat(last.actor()).isEqualTo("supervisor");
        assertThat(last.payload()).containsEntry("reason", "site checked, carry on");
    }

    @Test
    void an_operator_closes_a_case_that_needs_a_person() throws Exception {
        cases.save(
                Fixtures.plannedCase("case-close-1")
                        .needsPerson(Fixtures.T0, "no engineer in time"));

        act("case-close-1", "close", operator(), "{\"reason\": \"replaced by the vendor\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CLOSED"))
                .andExpect(
                        jsonPath("$.reason").value("closed by operator: replaced by the vendor"));

        AuditEvent last = events("case-close-1").get(events("case-close-1").size() - 1);
        assertThat(last.type()).isEqualTo(AuditEventType.CASE_CLOSED);
        assertThat(last.actor()).isEqualTo("operator");
    }

    @Test
    void handing_back_a_case_the_agent_works_is_a_conflict_naming_its_state() throws Exception {
        cases.save(Fixtures.plannedCase("case-conflict-1"));

        act("case-conflict-1", "hand-back", operator(), "{\"reason\": \"x\"}")
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(
                        jsonPath("$.detail")
                                .value(
                                        "case case-conflict-1 is ACTIVE; hand back is for a case"
                                                + " with a person (NEEDS_PERSON or TAKEN_OVER)"));
        assertThat(events("case-conflict-1")).isEmpty();
    }

    @Test
    void a_closed_case_is_neither_taken_over_nor_closed_again() throws Exception {
        cases.save(Fixtures.plannedCase("case-conflict-2").closed(Fixtures.T0, "done"));

        act("case-conflict-2", "take-over", operator(), "{\"reason\": \"x\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.status").value("CLOSED"));
        act("case-conflict-2", "close", operator(), "{\"reason\": \"x\"}")
                .andExpect(status().isConflict());
    }

    @Test
    void taking_over_a_case_taken_over_names_who_has_it() throws Exception {
        cases.save(
                Fixtures.plannedCase("case-conflict-3").takenOver("supervisor", Fixtures.T0, "x"));

        act("case-conflict-3", "take-over", operator(), "{\"reason\": \"mine\"}")
                .andExpect(status().isConflict())
                .andExpect(
                        jsonPath("$.detail")
                                .value(Matchers.containsString("taken over by supervisor")));
    }

    @ParameterizedTest
    @CsvSource({"take-over", "hand-back", "close"})
    void a_case_action_needs_a_reason(String action) throws Exception {
        cases.save(Fixtures.plannedCase("case-reason-1").needsPerson(Fixtures.T0, "x"));

        act("case-reason-1", action, operator(), "{\"reason\": \"  \"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("reason"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("{\"reason\"")));
        mvc.perform(post("/api/cases/case-reason-1/" + action).with(operator()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("reason"));
        assertThat(cases.find(new CaseId("case-reason-1")).orElseThrow().status())
                .isEqualTo(CaseStatus.NEEDS_PERSON);
    }

    @Test
    void a_case_action_on_an_unknown_case_is_not_found() throws Exception {
        act("case-9999", "take-over", operator(), "{\"reason\": \"x\"}")
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("no case 'case-9999'"));
    }
}
