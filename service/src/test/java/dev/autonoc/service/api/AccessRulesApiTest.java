package dev.autonoc.service.api;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * Who reaches what, at the filter: the endpoints that change something are refused (403) to every
 * role but theirs, before any controller runs. An MCP agent ({@code mcp_client}) answers no
 * approval, changes no policy and takes over no case; an auditor reads the ledger and answers or
 * takes over nothing; an operator changes neither the policy nor the simulation. A role that passes
 * gets past the filter (here to a 404 or a 4xx of the controller, never 401 or 403).
 */
class AccessRulesApiTest extends ApiTestBase {

    @ParameterizedTest(name = "{0} {1} {2} -> refused")
    @CsvSource({
        "mcp-agent, POST, /api/approvals/apr-1/approve",
        "mcp-agent, POST, /api/approvals/apr-1/reject",
        "mcp-agent, POST, /api/policy",
        "mcp-agent, POST, /api/policy/versions/v1/activate",
        "mcp-agent, POST, /api/simulation/advance",
        "mcp-agent, GET, /api/audit",
        "mcp-agent, POST, /api/audit/checkpoints",
        "auditor, POST, /api/approvals/apr-1/approve",
        "auditor, POST, /api/approvals/apr-1/reject",
        "auditor, POST, /api/policy",
        "auditor, POST, /api/simulation/pause",
        "operator, POST, /api/policy",
        "operator, POST, /api/policy/versions/v1/activate",
        "operator, POST, /api/simulation/pause",
        "operator, GET, /api/audit",
        "operator, POST, /api/audit/checkpoints",
        "auditor, POST, /api/cases/case-1/take-over",
        "auditor, POST, /api/cases/case-1/hand-back",
        "auditor, POST, /api/cases/case-1/close",
        "mcp-agent, POST, /api/cases/case-1/take-over",
        "mcp-agent, POST, /api/cases/case-1/hand-back",
        "mcp-agent, POST, /api/cases/case-1/close",
    })
    void a_role_without_the_right_is_refused_at_the_filter(String user, String method, String path)
            throws Exception {
        mvc.perform(
                        request(HttpMethod.valueOf(method), path)
                                .with(httpBasic(user, user))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{}"))
                .andExpect(status().isForbidden());
    }

    @ParameterizedTest(name = "{0} {1} {2} -> past the filter")
    @CsvSource({
        "operator, POST, /api/approvals/apr-999/approve",
        "supervisor, POST, /api/approvals/apr-999/reject",
        "operator, POST, /api/cases/case-999/take-over",
        "supervisor, POST, /api/cases/case-999/hand-back",
        "operator, POST, /api/cases/case-999/close",
    })
    void the_role_with_the_right_gets_past_the_filter(String user, String method, String path)
            throws Exception {
        mvc.perform(
                        request(HttpMethod.valueOf(method), path)
                                .with(httpBasic(user, user))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"reason\": \"x\"}"))
                .andExpect(status().isNotFound());
    }
}
