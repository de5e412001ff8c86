package dev.autonoc.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.service.simulation.Simulation;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The MCP server with the MCP SDK's own client over HTTP against the running application: the
 * handshake, the catalogue, and calls that the policy allows, denies and parks for a person, each
 * in the ledger under the caller's own agent identity.
 */
class McpServerTest extends LiveLoopTestBase {

    private static final String CALLER = "mcp-agent";
    private static final String ACTOR = "agent:mcp/" + CALLER;

    @Autowired Simulation simulation;
    @Autowired ApprovalQueue queue;

    private McpSyncClient client;

    @BeforeEach
    void connect() {
        client = client(CALLER);
        McpSchema.InitializeResult init = client.initialize();
        assertThat(init.serverInfo().name()).isEqualTo("autonoc");
        assertThat(init.capabilities().tools()).isNotNull();
    }

    @AfterEach
    void disconnect() {
        if (client != null) {
            client.closeGracefully();
        }
    }

    @Test
    void the_catalogue_is_listed_with_each_tools_argument_schema() {
        List<McpSchema.Tool> tools = client.listTools().tools();

        List<String> names = tools.stream().map(McpSchema.Tool::name).toList();
        assertThat(names)
                .contains(
                        "get_topology",
                        "get_element",
                        "get_affected_customers",
                        "order_part",
                        "restart_element",
                        "notify_customers",
                        "run_approved");
        McpSchema.Tool order =
                tools.stream().filter(t -> t.name().equals("order_part")).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> properties =
                (Map<String, Object>) order.inputSchema().get("properties");
        assertThat(properties).containsKeys("part", "site", "element_id");
        assertThat(order.description()).contains("policy gate");
    }

    @Test
    void an_allowed_call_runs_and_leaves_a_decision_a_call_and_a_result_in_the_ledger()
            throws Exception {
        Element element = anElement(ElementKind.ROUTER, 0);

        McpSchema.CallToolResult result =
                call(
                        "notify_customers",
                        Map.of(
                                "element_id",
                                element.id().value(),
                                "message",
                                "planned work tonight, no action needed"));

        assertThat(result.isError()).as(text(result)).isFalse();
        Map<String, Object> body = structured(result);
        assertThat(body).containsEntry("status", "done").containsEntry("outcome", "SUCCEEDED");
        String correlation = (String) body.get("correlation_id");
        assertThat(correlation).startsWith("mcp-");

        List<JsonNode> trail = trail(correlation);
        assertThat(trail)
                .extracting(e -> e.at("/type").asString())
                .containsExactly("POLICY_DECISION", "TOOL_CALL", "TOOL_RESULT");
        assertThat(trail).allSatisfy(e -> assertThat(e.at("/actor").asString()).isEqualTo(ACTOR));
        assertThat(trail.get(0).at("/payload/effect").asString()).isEqualTo("ALLOW");
        assertThat(trail.get(0).at("/payload/rule_ids/0").asString())
                .isEqualTo("notify-customers-allow");
        assertThat(trail.get(0).at("/payload/via").asString()).isEqualTo("mcp");
        assertThat(trail.get(1).at("/payload/idempotency_key").asString())
                .isEqualTo(correlation + "/0/1");
        assertThat(trail.get(2).at("/payload/outcome").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void a_read_call_runs_without_the_gate_and_is_audited() throws Exception {
        Element element = anElement(ElementKind.ROUTER, 1);

        McpSchema.CallToolResult result =
                call("get_element", Map.of("element_id", element.id().value()));

        assertThat(result.isError()).as(text(result)).isFalse();
        Map<String, Object> body = structured(result);
        assertThat(body).containsEntry("status", "done");
        @SuppressWarnings("unchecked")
        Map<String, Object> output = (Map<String, Object>) body.get("output");
        assertThat(output).containsEntry("id", element.id().value());
        JsonNode calls =
                api().json(
                                "GET",
                                "/api/audit?type=TOOL_CALL&tool=get_element&actor=" + ACTOR,
                                "auditor",
                                null,
                                200)
                        .at("/entries");
        assertThat(calls.size()).isPositive();
        assertThat(calls.get(calls.size() - 1).at("/payload/tool_kind").asString())
                .isEqualTo("READ");
    }

    @Test
    void a_call_the_policy_denies_returns_the_refusal_with_its_rule_ids_and_never_runs()
            throws Exception {
        // the element-rate guard counts the loop's and the MCP callers' calls alike: ten a day
        Element element = anElement(ElementKind.ROUTER, 2);
        Map<String, Object> args =
                Map.of("element_id", element.id().value(), "message", "test notice");
        for (int i = 0; i < 10; i++) {
            McpSchema.CallToolResult ok = call("notify_customers", args);
            assertThat(ok.isError()).as("call " + (i + 1) + ": " + text(ok)).isFalse();
        }

        McpSchema.CallToolResult refused = call("notify_customers", args);

        assertThat(refused.isError()).isTrue();
        Map<String, Object> body = structured(refused);
        assertThat(body).containsEntry("status", "denied");
        assertThat(body.get("rule_ids"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .contains("any-deny-element-rate");
        assertThat(body.get("reasons").toString()).contains("10 act calls today");
        List<JsonNode> trail = trail((String) body.get("correlation_id"));
        assertThat(trail)
                .extracting(e -> e.at("/type").asString())
                .containsExactly("POLICY_DECISION");
        assertThat(trail.get(0).at("/payload/effect").asString()).isEqualTo("DENY");
    }

    @Test
    void a_call_that_needs_a_person_waits_and_runs_once_a_person_approved_it() throws Exception {
        Element element = anElement(ElementKind.ROUTER, 3);
        Map<String, Object> args = Map.of("element_id", element.id().value());

        McpSchema.CallToolResult parked = call("restart_element", args);

        assertThat(parked.isError()).as(text(parked)).isFalse();
        Map<String, Object> body = structured(parked);
        assertThat(body)
                .containsEntry("status", "pending_approval")
                .containsEntry("required_role", "noc_supervisor");
        String approvalId = (String) body.get("approval_id");
        ApprovalRequest request = queue.find(approvalId).orElseThrow();
        assertThat(request.action().proposer()).isEqualTo(ACTOR);
        assertThat(trail((String) body.get("correlation_id")))
                .extracting(e -> e.at("/type").asString())
                .containsExactly("POLICY_DECISION", "APPROVAL_REQUESTED");

        // not yet answered: still pending, nothing runs
        assertThat(structured(call("run_approved", Map.of("approval_id", approvalId))))
                .containsEntry("status", "pending_approval");
        // the caller's agent identity can never approve, in the console or anywhere
        var selfApproval =
                api().send(
                                "POST",
                                "/api/approvals/" + approvalId + "/approve",
                                CALLER,
                                "application/json",
                                "{}");
        assertThat(selfApproval.statusCode()).isEqualTo(403);

        // the console shows it beside the loop's own requests; a supervisor approves it
        JsonNode pending = api().json("GET", "/api/approvals", "supervisor", null, 200);
        List<String> ids = new ArrayList<>();
        pending.forEach(a -> ids.add(a.at("/id").asString()));
        assertThat(ids).contains(approvalId);
        api().json(
                        "POST",
                        "/api/approvals/" + approvalId + "/approve",
                        "supervisor",
                        "{\"comment\": \"restart it, the traffic is light\"}",
                        200);

        McpSchema.CallToolResult ran = call("run_approved", Map.of("approval_id", approvalId));
        assertThat(ran.isError()).as(text(ran)).isFalse();
        assertThat(structured(ran))
                .containsEntry("status", "done")
                .containsEntry("outcome", "SUCCEEDED");
        List<JsonNode> trail = trail((String) body.get("correlation_id"));
        assertThat(trail)
                .extracting(e -> e.at("/type").asString())
                .containsExactly(
                        "POLICY_DECISION",
                        "APPROVAL_REQUESTED",
                        "APPROVAL_ANSWERED",
                        "TOOL_CALL",
                        "TOOL_RESULT");
        assertThat(trail.get(2).at("/actor").asString()).isEqualTo("supervisor");

        // a second run answers the same and runs nothing more
        assertThat(structured(call("run_approved", Map.of("approval_id", approvalId))))
                .containsEntry("status", "done");
        assertThat(trail((String) body.get("correlation_id"))).hasSize(5);
        simulation.advance(Duration.ofMinutes(15)); // the restart ends; the loop goes on
    }

    @Test
    void an_answer_to_an_mcp_request_is_in_the_ledger_before_the_answer_returns() throws Exception {
        // the finding: a rejection was never written, an approval only when the caller came back
        Element element = anElement(ElementKind.ROUTER, 4);
        Map<String, Object> body =
                structured(call("restart_element", Map.of("element_id", element.id().value())));
        String approvalId = (String) body.get("approval_id");
        String correlation = (String) body.get("correlation_id");

        api().json(
                        "POST",
                        "/api/approvals/" + approvalId + "/reject",
                        "supervisor",
                        "{\"reason\": \"not during the audit\"}",
                        200);

        List<JsonNode> trail = trail(correlation);
        assertThat(trail)
                .extracting(e -> e.at("/type").asString())
                .containsExactly("POLICY_DECISION", "APPROVAL_REQUESTED", "APPROVAL_ANSWERED");
        JsonNode answered = trail.get(2);
        assertThat(answered.at("/actor").asString()).isEqualTo("supervisor");
        assertThat(answered.at("/payload/verdict").asString()).isEqualTo("REJECTED");
        assertThat(answered.at("/payload/approval_id").asString()).isEqualTo(approvalId);
        assertThat(answered.at("/payload/via").asString()).isEqualTo("mcp");

        // the caller comes back: it reads the rejection, and the ledger holds it once
        assertThat(structured(call("run_approved", Map.of("approval_id", approvalId))))
                .containsEntry("status", "rejected");
        assertThat(trail(correlation)).hasSize(3);
    }

    @Test
    void calls_with_no_element_or_unknown_tools_are_refused_before_the_gate() {
        McpSchema.CallToolResult noElement =
                call(
                        "apply_sla_credit",
                        Map.of("customer_id", "c-1", "amount_gbp", 10, "reason", "x"));
        assertThat(noElement.isError()).isTrue();
        assertThat(structured(noElement)).containsEntry("status", "invalid");
        assertThat(text(noElement)).contains("element_id");

        McpSchema.CallToolResult unknown =
                call("restart_element", Map.of("element_id", "no-such-router"));
        assertThat(unknown.isError()).isTrue();
        assertThat(text(unknown)).contains("element_id").contains("'no-such-router'");
    }

    @Test
    void only_a_user_with_the_mcp_client_role_and_a_token_for_mcp_reaches_the_server()
            throws Exception {
        // no credential: 401 with the RFC 9728 metadata of the resource (MCP authorization)
        HttpResponse<String> anonymous = post("/mcp", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse(""))
                .startsWith("Bearer ")
                .contains(
                        "resource_metadata=\""
                                + base()
                                + "/.well-known/oauth-protected-resource/mcp\"");
        assertThat(anonymous.body()).contains("\"jsonrpc\":\"2.0\"").doesNotContain("stackTrace");
        // a password is not taken (HTTP Basic is an opt-in of the demo, off here)
        HttpResponse<String> basic = post("/mcp", ApiClient.basic(CALLER));
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(basic.body()).contains("HTTP Basic is off");
        // a token of the agent's, but for the API, is refused here: tokens are bound to a resource
        HttpResponse<String> apiToken = post("/mcp", "Bearer " + api().token(CALLER, "api"));
        assertThat(apiToken.statusCode()).isEqualTo(401);
        assertThat(apiToken.headers().firstValue("WWW-Authenticate").orElse(""))
                .contains("error=\"invalid_token\"")
                .contains("is bound to /api, not /mcp");
        HttpResponse<String> made = post("/mcp", "Bearer anc_made-up");
        assertThat(made.statusCode()).isEqualTo(401);

        HttpResponse<String> agent = post("/mcp", "Bearer " + api().token(CALLER, "mcp"));
        assertThat(agent.statusCode()).as(agent.body()).isEqualTo(200);
        JsonNode listed = ApiClient.JSON.readTree(agent.body());
        assertThat(listed.at("/id").asInt()).isEqualTo(1);
        List<String> names = new ArrayList<>();
        listed.at("/result/tools").forEach(t -> names.add(t.at("/name").asString()));
        assertThat(names).contains("order_part", "run_approved");
        HttpResponse<String> operator = post("/mcp", "Bearer " + api().token("operator", "mcp"));
        assertThat(operator.statusCode()).isEqualTo(403);
        assertThat(operator.body()).contains("mcp_client");
    }

    @Test
    void the_protected_resource_metadata_names_the_resource_and_how_to_send_a_token()
            throws Exception {
        HttpResponse<String> metadata =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        base()
                                                                + "/.well-known/oauth-protected-resource/mcp"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(metadata.statusCode()).isEqualTo(200);
        JsonNode m = ApiClient.JSON.readTree(metadata.body());
        assertThat(m.at("/resource").asString()).isEqualTo(base() + "/mcp");
        assertThat(m.at("/bearer_methods_supported/0").asString()).isEqualTo("header");
    }

    // --- helpers ---

    private McpSyncClient client(String user) {
        HttpClientStreamableHttpTransport transport =
                HttpClientStreamableHttpTransport.builder(base())
                        .endpoint("/mcp")
                        .requestBuilder(
                                HttpRequest.newBuilder()
                                        .header(
                                                "Authorization",
                                                "Bearer " + api().token(user, "mcp")))
                        .build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
    }

    private McpSchema.CallToolResult call(String tool, Map<String, Object> args) {
        return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(args).build());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(McpSchema.CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }

    private static String text(McpSchema.CallToolResult result) {
        return result.content().stream()
                .filter(McpSchema.TextContent.class::isInstance)
                .map(c -> ((McpSchema.TextContent) c).text())
                .reduce("", String::concat);
    }

    private List<JsonNode> trail(String correlation) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        api().json("GET", "/api/audit?limit=100&case=" + correlation, "auditor", null, 200)
                .at("/entries")
                .forEach(out::add);
        return out;
    }

    /** Routers apart from each other test by test, so that their guards' counters do not meet. */
    private Element anElement(ElementKind kind, int nth) {
        List<Element> matching =
                simulation.elements().stream().filter(e -> e.kind() == kind).toList();
        return matching.get(matching.size() - 1 - nth);
    }

    private HttpResponse<String> post(String path, String authorization) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base() + path))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json, text/event-stream")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
