package dev.autonoc.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.audit.AuditVerification;
import java.time.Instant;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class AuditApiTest extends ApiTestBase {

    private void record(AuditEventType type, String caseId) {
        audit.append(
                new AuditEvent(
                        type,
                        caseId,
                        "link-agg-01-core-01",
                        Fixtures.AGENT,
                        Fixtures.T0,
                        Map.of("planner", "playbook")));
    }

    @Test
    void an_operator_may_not_read_the_audit_trail() throws Exception {
        mvc.perform(get("/api/audit").with(operator()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(
                        jsonPath("$.detail")
                                .value(Matchers.containsString("[auditor, noc_supervisor]")));
        mvc.perform(get("/api/audit/verify").with(operator())).andExpect(status().isForbidden());
    }

    @Test
    void an_auditor_reads_the_trail_with_filters_and_paging() throws Exception {
        record(AuditEventType.CASE_OPENED, "case-0001");
        record(AuditEventType.PLAN, "case-0001");
        record(AuditEventType.TOOL_CALL, "case-0001");

        mvc.perform(
                        get("/api/audit")
                                .param("case", "case-0001")
                                .param("element", "link-agg-01-core-01")
                                .param("actor", Fixtures.AGENT)
                                .param("from", "2025-01-07T00:00:00Z")
                                .param("to", "2025-01-08T00:00:00Z")
                                .param("limit", "2")
                                .with(auditor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.entries.length()").value(2))
                .andExpect(jsonPath("$.entries[0].sequence").value(1))
                .andExpect(jsonPath("$.entries[0].type").value("CASE_OPENED"))
                .andExpect(jsonPath("$.entries[0].caseId").value("case-0001"))
                .andExpect(jsonPath("$.entries[0].simTime").value("2025-01-07T06:00:00Z"))
                .andExpect(jsonPath("$.entries[0].payload.planner").value("playbook"))
                .andExpect(jsonPath("$.entries[0].hash").value("h1"))
                .andExpect(jsonPath("$.nextAfter").value(2));

        AuditQuery asked = audit.lastQuery;
        assertThat(asked.correlationId()).contains("case-0001");
        assertThat(asked.element()).contains("link-agg-01-core-01");
        assertThat(asked.actor()).contains(Fixtures.AGENT);
        assertThat(asked.from()).contains(Instant.parse("2025-01-07T00:00:00Z"));
        assertThat(asked.to()).contains(Instant.parse("2025-01-08T00:00:00Z"));
        assertThat(asked.limit()).isEqualTo(2);

        mvc.perform(get("/api/audit").param("after", "2").param("limit", "2").with(auditor()))
                .andExpect(jsonPath("$.entries[*].sequence").value(Matchers.contains(3)))
                .andExpect(jsonPath("$.nextAfter").doesNotExist());
    }

    @Test
    void a_supervisor_may_filter_the_trail_by_event_type() throws Exception {
        record(AuditEventType.CASE_OPENED, "case-0001");
        record(AuditEventType.PLAN, "case-0001");

        mvc.perform(get("/api/audit").param("type", "plan").with(supervisor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.entries[*].type").value(Matchers.contains("PLAN")));
        assertThat(audit.lastQuery.type()).contains(AuditEventType.PLAN);
    }

    @Test
    void an_unknown_event_type_names_the_accepted_ones() throws Exception {
        mvc.perform(get("/api/audit").param("type", "GOSSIP").with(auditor()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.parameter").value("type"))
                .andExpect(
                        jsonPath("$.detail")
                                .value(Matchers.containsString("PREDICTION, CASE_OPENED")));
    }

    @Test
    void malformed_paging_and_times_are_bad_requests() throws Exception {
        mvc.perform(get("/api/audit").param("limit", "0").with(auditor()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("from 1 to 1000")));
        mvc.perform(get("/api/audit").param("after", "-3").with(auditor()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("after"));
        mvc.perform(get("/api/audit").param("from", "yesterday").with(auditor()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("ISO-8601")));
    }

    @Test
    void verify_reports_an_intact_chain_or_the_first_bad_entry() throws Exception {
        audit.verification = AuditVerification.intact(3);
        mvc.perform(get("/api/audit/verify").with(auditor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.intact").value(true))
                .andExpect(jsonPath("$.entriesChecked").value(3));

        audit.verification = AuditVerification.broken(2, 2, "hash mismatch at sequence 2");
        mvc.perform(get("/api/audit/verify").with(auditor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.intact").value(false))
                .andExpect(jsonPath("$.firstBadSequence").value(2))
                .andExpect(jsonPath("$.detail").value("hash mismatch at sequence 2"));
    }
}
