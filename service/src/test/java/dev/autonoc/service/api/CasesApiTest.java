package dev.autonoc.service.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.autonoc.core.cases.CaseRecord;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class CasesApiTest extends ApiTestBase {

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
                .andExpect(jsonPath("$[0].stepsTotal").value(2))
                .andExpect(jsonPath("$[0].stepsDone").value(1))
                .andExpect(jsonPath("$[0].steps[1].tool").value("order_part"))
                .andExpect(jsonPath("$[0].steps[1].state").value("PENDING"))
                .andExpect(jsonPath("$[1].status").value("CLOSED"))
                .andExpect(jsonPath("$[1].endedAt").value("2025-01-07T07:00:00Z"));
    }

    @Test
    void cases_filter_by_open_or_ended() throws Exception {
        cases.save(Fixtures.plannedCase("case-0001"));
        cases.save(Fixtures.plannedCase("case-0002").closed(Fixtures.T0, "rejected"));

        mvc.perform(get("/api/cases").param("status", "open").with(operator()))
                .andExpect(jsonPath("$[*].id").value(Matchers.contains("case-0001")));
        mvc.perform(get("/api/cases").param("status", "ended").with(operator()))
                .andExpect(jsonPath("$[*].id").value(Matchers.contains("case-0002")));
    }

    @Test
    void an_unknown_status_filter_names_what_is_accepted() throws Exception {
        mvc.perform(get("/api/cases").param("status", "sleeping").with(operator()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.parameter").value("status"))
                .andExpect(
                        jsonPath("$.detail")
                                .value(Matchers.containsString("accepted: open, ended, all")));
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
    void an_unknown_case_is_not_found() throws Exception {
        mvc.perform(get("/api/cases/case-9999").with(operator()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("no case 'case-9999'"));
    }
}
