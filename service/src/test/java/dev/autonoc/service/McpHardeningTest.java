package dev.autonoc.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.service.simulation.Simulation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The MCP server against the probe's findings: malformed JSON-RPC answered with the specification's
 * error objects and no Java stack trace; unbounded input refused before anything is written to the
 * ledger; and a client's own idempotency key, so that a retry after a lost answer gets the first
 * outcome back instead of a second effect.
 */
class McpHardeningTest extends LiveLoopTestBase {

    private static final String CALLER = "mcp-agent";

    @Autowired Simulation simulation;

    @ParameterizedTest(name = "{0} -> HTTP {1}, JSON-RPC {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "null | 400 | -32600",
                "{ | 400 | -32700",
                "[] | 400 | -32600",
                "'{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"get_element\",\"arguments\":\"string\"}}' | 200 | -32602",
                "'{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"no/such/method\"}' | 200 | -32601",
                "'{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"tools/list\"}' | 400 | -32600",
                "'{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"tools/list\"}' | 400 | -32600",
                "'{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"}' | 200 | -32602",
                "'{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"completion/complete\",\"params\":{}}' | 200 | -32601",
                "'{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"tools/list\"}' | 400 | -32600",
                "'{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}' | 200 | -32602",
                "'{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"get_element\",\"arguments\":{},\"_meta\":{\"autonoc/idempotency_key\":\"bad key!\"}}}' | 200 | -32602",
            })
    void a_malformed_request_gets_the_specifications_error_object_and_no_stack_trace(
            String body, int status, int code) throws Exception {
        HttpResponse<String> answer = post(body, null);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        JsonNode error = ApiClient.JSON.readTree(answer.body());
        assertThat(error.at("/jsonrpc").asString()).isEqualTo("2.0");
        assertThat(error.at("/error/code").asInt()).isEqualTo(code);
        assertThat(error.at("/error/message").asString()).isNotBlank();
        assertThat(answer.body())
                .doesNotContain("stackTrace")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void unbounded_arguments_are_refused_before_anything_is_written_to_the_ledger()
            throws Exception {
        api().token(CALLER, "mcp"); // made first: making it is a security event in the ledger
        long before = ledgerSize();
        // the finding: five get_element calls with a 1 MB element_id wrote 10 entries of 2.1 MB
        HttpResponse<String> megabyte =
                post(callBody("get_element", Map.of("element_id", "r".repeat(1 << 20))), null);
        assertThat(megabyte.statusCode()).isEqualTo(413);
        assertThat(megabyte.body()).contains("-32600").contains("larger than 64 KB");
        HttpResponse<String> long64k =
                post(callBody("get_element", Map.of("element_id", "r".repeat(60_000))), null);
        assertThat(long64k.statusCode()).isEqualTo(200);
        assertThat(long64k.body()).contains("\"isError\":true").contains("64");
        // and a customer message is text of at most 1000 characters, approval or not
        Element element = anElement(5);
        HttpResponse<String> message =
                post(
                        callBody(
                                "notify_customers",
                                Map.of(
                                        "element_id",
                                        element.id().value(),
                                        "message",
                                        "x".repeat(5000))),
                        null);
        assertThat(message.body())
                .contains("\"isError\":true")
                .contains("message")
                .contains("1,000");
        assertThat(ledgerSize()).isEqualTo(before);
    }

    @Test
    void a_retry_under_the_callers_idempotency_key_gets_the_first_outcome_and_no_second_effect()
            throws Exception {
        Element element = anElement(6);
        Map<String, Object> args =
                Map.of("element_id", element.id().value(), "message", "planned work at 02:00");
        String key = "notify-" + System.nanoTime();

        JsonNode first = result(post(callBody("notify_customers", args, key), null));
        // the client lost the answer and calls again with the same key
        JsonNode again = result(post(callBody("notify_customers", args, key), null));

        assertThat(first.at("/structuredContent/status").asString()).isEqualTo("done");
        String correlation = first.at("/structuredContent/correlation_id").asString();
        assertThat(again.at("/structuredContent/correlation_id").asString()).isEqualTo(correlation);
        assertThat(again.at("/structuredContent/replayed").asBoolean()).isTrue();
        assertThat(again.at("/structuredContent/outcome").asString())
                .isEqualTo(first.at("/structuredContent/outcome").asString());
        assertThat(types(correlation))
                .containsExactly("POLICY_DECISION", "TOOL_CALL", "TOOL_RESULT");

        // the same key for another call is refused, and nothing is written
        JsonNode other =
                result(
                        post(
                                callBody(
                                        "notify_customers",
                                        Map.of(
                                                "element_id",
                                                element.id().value(),
                                                "message",
                                                "other"),
                                        key),
                                null));
        assertThat(other.at("/structuredContent/status").asString()).isEqualTo("invalid");
        assertThat(other.at("/structuredContent/message").asString())
                .contains("used for another call");
        assertThat(types(correlation)).hasSize(3);

        // the key may come as the HTTP header too
        String headerKey = "hdr-" + System.nanoTime();
        JsonNode h1 =
                result(
                        post(
                                callBody("get_element", Map.of("element_id", element.id().value())),
                                headerKey));
        JsonNode h2 =
                result(
                        post(
                                callBody("get_element", Map.of("element_id", element.id().value())),
                                headerKey));
        assertThat(h2.at("/structuredContent/correlation_id").asString())
                .isEqualTo(h1.at("/structuredContent/correlation_id").asString());
        assertThat(types(h1.at("/structuredContent/correlation_id").asString())).hasSize(2);
    }

    @Test
    void a_retry_of_a_parked_call_says_where_its_approval_stands_and_runs_it_once_approved()
            throws Exception {
        Element element = anElement(7);
        Map<String, Object> args = Map.of("element_id", element.id().value());
        String key = "restart-" + System.nanoTime();

        JsonNode parked = result(post(callBody("restart_element", args, key), null));
        assertThat(parked.at("/structuredContent/status").asString()).isEqualTo("pending_approval");
        String approvalId = parked.at("/structuredContent/approval_id").asString();
        JsonNode retried = result(post(callBody("restart_element", args, key), null));
        assertThat(retried.at("/structuredContent/status").asString())
                .isEqualTo("pending_approval");
        assertThat(retried.at("/structuredContent/approval_id").asString()).isEqualTo(approvalId);

        api().json("POST", "/api/approvals/" + approvalId + "/approve", "supervisor", "{}", 200);
        JsonNode ran = result(post(callBody("restart_element", args, key), null));
        JsonNode ranAgain = result(post(callBody("restart_element", args, key), null));
        assertThat(ran.at("/structuredContent/status").asString()).isEqualTo("done");
        assertThat(ranAgain.at("/structuredContent/status").asString()).isEqualTo("done");
        String correlation = parked.at("/structuredContent/correlation_id").asString();
        assertThat(types(correlation).stream().filter("TOOL_CALL"::equals).count()).isEqualTo(1);
        simulation.advance(java.time.Duration.ofMinutes(15));
    }

    // --- helpers ---

    private String callBody(String tool, Map<String, Object> args) {
        return callBody(tool, args, null);
    }

    private String callBody(String tool, Map<String, Object> args, String key) {
        ObjectNode params = ApiClient.JSON.createObjectNode();
        params.put("name", tool);
        params.set("arguments", ApiClient.JSON.valueToTree(args));
        if (key != null) {
            params.putObject("_meta").put("autonoc/idempotency_key", key);
        }
        ObjectNode body = ApiClient.JSON.createObjectNode();
        body.put("jsonrpc", "2.0");
        body.put("id", 7);
        body.put("method", "tools/call");
        body.set("params", params);
        return body.toString();
    }

    private static JsonNode result(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode json = ApiClient.JSON.readTree(answer.body());
        assertThat(json.has("result")).as(answer.body()).isTrue();
        return json.get("result");
    }

    private HttpResponse<String> post(String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder r =
                HttpRequest.newBuilder(URI.create(base() + "/mcp"))
                        .header("Authorization", "Bearer " + api().token(CALLER, "mcp"))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json, text/event-stream")
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            r.header("Idempotency-Key", idempotencyKey);
        }
        return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private long ledgerSize() throws Exception {
        return api().json("GET", "/api/audit/verify", "auditor", null, 200)
                .at("/entriesChecked")
                .asLong();
    }

    private List<String> types(String correlation) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        api().json("GET", "/api/audit?limit=100&case=" + correlation, "auditor", null, 200)
                .at("/entries")
                .forEach(e -> out.add(e.at("/type").asString()));
        return out;
    }

    /** Routers apart from McpServerTest's, so that the guards' counters do not meet. */
    private Element anElement(int nth) {
        List<Element> routers =
                simulation.elements().stream().filter(e -> e.kind() == ElementKind.ROUTER).toList();
        return routers.get(routers.size() - 1 - nth);
    }
}
