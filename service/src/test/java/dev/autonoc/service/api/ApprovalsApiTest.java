package dev.autonoc.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.autonoc.core.approval.ApprovalAnswer;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.Verdict;
import dev.autonoc.service.mcp.McpToolGateway;
import java.time.Instant;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class ApprovalsApiTest extends ApiTestBase {

    @Test
    void pending_approvals_need_a_signed_in_user() throws Exception {
        mvc.perform(get("/api/approvals"))
                .andExpect(status().isUnauthorized())
                // never a Basic challenge: a browser would prompt for a password and cache it
                .andExpect(header().string("WWW-Authenticate", Matchers.startsWith("Bearer ")))
                .andExpect(
                        header().string(
                                        "WWW-Authenticate",
                                        Matchers.containsString(
                                                "resource_metadata=\"http://localhost/.well-known/oauth-protected-resource/api\"")))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("API token")));
    }

    @Test
    void a_wrong_password_is_refused() throws Exception {
        mvc.perform(get("/api/approvals").with(httpBasic("operator", "nope")))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void pending_approvals_carry_what_a_person_needs_to_decide() throws Exception {
        cases.save(Fixtures.plannedCase("case-1"));
        ApprovalRequest request = Fixtures.opticOrder(queue, "case-1", Fixtures.AGENT);

        mvc.perform(get("/api/approvals").with(operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].id").value(request.id()))
                .andExpect(jsonPath("$[0].caseId").value("case-1"))
                .andExpect(jsonPath("$[0].step").value(1))
                .andExpect(
                        jsonPath("$[0].purpose")
                                .value("get a new optic to the site before the laser fails"))
                .andExpect(jsonPath("$[0].tool").value("order_part"))
                .andExpect(jsonPath("$[0].arguments.part").value("SFP-OPTIC"))
                .andExpect(jsonPath("$[0].costGbp").value(2800.0))
                .andExpect(jsonPath("$[0].risk").value("LOW"))
                .andExpect(jsonPath("$[0].facts.part").value("SFP-OPTIC"))
                .andExpect(jsonPath("$[0].element.id").value("link-agg-01-core-01"))
                .andExpect(jsonPath("$[0].proposer").value(Fixtures.AGENT))
                .andExpect(jsonPath("$[0].requiredRole").value("noc_operator"))
                .andExpect(jsonPath("$[0].decision.ruleIds[0]").value("order_part.operator"))
                .andExpect(
                        jsonPath("$[0].decision.reasons[0]")
                                .value(Matchers.containsString("2800 GBP")))
                .andExpect(jsonPath("$[0].decision.policyVersion").value("policy-test"))
                .andExpect(jsonPath("$[0].prediction.mode").value("LASER_AGING"))
                .andExpect(jsonPath("$[0].prediction.timeToFailure").value("PT40H"))
                .andExpect(
                        jsonPath("$[0].prediction.evidence[0].explanation")
                                .value("received optical power fell 0.4 dB in a day"))
                .andExpect(jsonPath("$[0].requestedAt").value("2025-01-07T06:00:00Z"))
                .andExpect(jsonPath("$[0].you.allowed").value(true));
    }

    @Test
    void pending_approvals_tell_an_operator_which_ones_need_a_supervisor() throws Exception {
        Fixtures.restartOutsideQuietHours(queue, "case-2");

        mvc.perform(get("/api/approvals").with(operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].requiredRole").value("noc_supervisor"))
                .andExpect(jsonPath("$[0].you.allowed").value(false))
                .andExpect(jsonPath("$[0].you.rule").value("required-role"))
                .andExpect(
                        jsonPath("$[0].you.detail")
                                .value(Matchers.containsString("noc_supervisor")));
    }

    @Test
    void an_operator_approves_an_operator_request_and_it_leaves_pending() throws Exception {
        ApprovalRequest request = Fixtures.opticOrder(queue, "case-1", Fixtures.AGENT);
        simulation.now = Instant.parse("2025-01-07T09:15:00Z");

        mvc.perform(
                        post("/api/approvals/{id}/approve", request.id())
                                .with(operator())
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"comment\": \"stock is there, go\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.requestId").value(request.id()))
                .andExpect(jsonPath("$.verdict").value("APPROVED"))
                .andExpect(jsonPath("$.by").value("operator"))
                .andExpect(jsonPath("$.role").value("noc_operator"))
                .andExpect(jsonPath("$.at").value("2025-01-07T09:15:00Z"));

        assertThat(queue.pending()).isEmpty();
        ApprovalAnswer answer = queue.answer(request.id()).orElseThrow();
        assertThat(answer.verdict()).isEqualTo(Verdict.APPROVED);
        assertThat(answer.comment()).isEqualTo("stock is there, go");
        assertThat(answer.at()).isEqualTo(Instant.parse("2025-01-07T09:15:00Z"));
        mvc.perform(get("/api/approvals").with(operator()))
                .andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void an_approval_may_amend_the_arguments_but_not_the_tool() throws Exception {
        ApprovalRequest request = Fixtures.opticOrder(queue, "case-1", Fixtures.AGENT);

        mvc.perform(
                        post("/api/approvals/{id}/approve", request.id())
                                .with(operator())
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"comment\": \"from central\", \"arguments\": {\"part\": \"SFP-OPTIC\","
                                                + " \"site\": \"site-01\", \"from\": \"central\"}}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.amendedArguments.from").value("central"));

        assertThat(queue.answer(request.id()).orElseThrow().amended())
                .hasValueSatisfying(call -> assertThat(call.tool()).isEqualTo("order_part"));
    }

    @Test
    void a_supervisor_may_approve_what_an_operator_may() throws Exception {
        ApprovalRequest request = Fixtures.opticOrder(queue, "case-1", Fixtures.AGENT);

        mvc.perform(post("/api/approvals/{id}/approve", request.id()).with(supervisor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.by").value("supervisor"))
                .andExpect(jsonPath("$.role").value("noc_operator"));
    }

    @Test
    void an_operator_is_refused_a_supervisor_request_with_the_rule_named() throws Exception {
        ApprovalRequest request = Fixtures.restartOutsideQuietHours(queue, "case-2");

        mvc.perform(
                        post("/api/approvals/{id}/approve", request.id())
                                .with(operator())
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"comment\": \"ok\"}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.rule").value("required-role"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("noc_supervisor")));

        assertThat(queue.pending()).extracting(ApprovalRequest::id).containsExactly(request.id());
    }

    @Test
    void the_proposer_may_not_approve_their_own_action() throws Exception {
        ApprovalRequest request = Fixtures.opticOrder(queue, "case-1", "supervisor");

        mvc.perform(post("/api/approvals/{id}/approve", request.id()).with(supervisor()))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.rule").value("four-eyes"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("four eyes")));

        assertThat(queue.answer(request.id())).isEmpty();
    }

    @Test
    void a_person_may_not_approve_what_they_proposed_through_an_mcp_agent() throws Exception {
        // a user holding mcp_client and an approval role proposes as agent:mcp/<user>
        ApprovalRequest request =
                Fixtures.opticOrder(queue, "mcp-1", McpToolGateway.actorOf("operator"));

        mvc.perform(post("/api/approvals/{id}/approve", request.id()).with(operator()))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.rule").value("four-eyes"))
                .andExpect(
                        jsonPath("$.detail")
                                .value(Matchers.containsString("as agent:mcp/operator")));

        assertThat(queue.answer(request.id())).isEmpty();
    }

    @Test
    void an_auditor_may_not_answer_approvals() throws Exception {
        ApprovalRequest request = Fixtures.opticOrder(queue, "case-1", Fixtures.AGENT);

        mvc.perform(post("/api/approvals/{id}/approve", request.id()).with(auditor()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(
                        jsonPath("$.detail")
                                .value(Matchers.containsString("'auditor' holds [auditor]")))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("noc_operator")));

        assertThat(queue.answer(request.id())).isEmpty();
    }

    @Test
    void answering_an_answered_request_is_a_conflict() throws Exception {
        ApprovalRequest request = Fixtures.opticOrder(queue, "case-1", Fixtures.AGENT);
        mvc.perform(post("/api/approvals/{id}/approve", request.id()).with(operator()))
                .andExpect(status().isOk());

        mvc.perform(
                        post("/api/approvals/{id}/reject", request.id())
                                .with(supervisor())
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"reason\": \"too late\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.rule").value("already-answered"))
                .andExpect(
                        jsonPath("$.detail")
                                .value(Matchers.containsString("approved by 'operator'")));
    }

    @Test
    void an_unknown_request_is_not_found() throws Exception {
        mvc.perform(post("/api/approvals/apr-999/approve").with(operator()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("apr-999")));
    }

    @Test
    void a_rejection_needs_a_reason() throws Exception {
        ApprovalRequest request = Fixtures.opticOrder(queue, "case-1", Fixtures.AGENT);

        mvc.perform(
                        post("/api/approvals/{id}/reject", request.id())
                                .with(operator())
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"reason\": \"  \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.parameter").value("reason"))
                .andExpect(
                        jsonPath("$.detail").value(Matchers.containsString("reason: is required")));

        assertThat(queue.answer(request.id())).isEmpty();
    }

    @Test
    void a_rejection_with_a_reason_is_recorded() throws Exception {
        ApprovalRequest request = Fixtures.opticOrder(queue, "case-1", Fixtures.AGENT);

        mvc.perform(
                        post("/api/approvals/{id}/reject", request.id())
                                .with(operator())
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"reason\": \"a spare is already on site\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.verdict").value("REJECTED"));

        ApprovalAnswer answer = queue.answer(request.id()).orElseThrow();
        assertThat(answer.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(answer.comment()).isEqualTo("a spare is already on site");
    }

    @Test
    void a_body_that_is_not_json_is_a_bad_request() throws Exception {
        ApprovalRequest request = Fixtures.opticOrder(queue, "case-1", Fixtures.AGENT);

        mvc.perform(
                        post("/api/approvals/{id}/approve", request.id())
                                .with(operator())
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"comment\": "))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

        assertThat(queue.answer(request.id())).isEmpty();
    }

    @Test
    void a_console_session_needs_the_csrf_token_to_answer() throws Exception {
        ApprovalRequest request = Fixtures.opticOrder(queue, "case-1", Fixtures.AGENT);

        mvc.perform(
                        post("/api/approvals/{id}/approve", request.id())
                                .with(user("operator").roles("noc_operator")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("CSRF")));
        assertThat(queue.answer(request.id())).isEmpty();

        mvc.perform(
                        post("/api/approvals/{id}/approve", request.id())
                                .with(user("operator").roles("noc_operator"))
                                .with(csrf().asHeader()))
                .andExpect(status().isOk());
        assertThat(queue.answer(request.id())).isPresent();
    }
}
