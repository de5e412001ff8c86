package dev.autonoc.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Bad input to the operator's, auditor's and supervisor's endpoints on the whole application, as
 * they would make it: each is refused with an RFC 9457 problem whose {@code detail} names what was
 * wrong and what is accepted, never a 500 or a silent default, and refusing changes nothing.
 */
class BadInputApiTest extends FullAppTestBase {

    /**
     * One bad request and its answer.
     *
     * @param contentType null: none sent
     * @param parameter the problem's {@code parameter}, or null when it names none
     * @param detail a part of the problem's {@code detail}
     */
    record Bad(
            String method,
            String path,
            String user,
            String contentType,
            String body,
            int status,
            String parameter,
            String detail) {

        static Bad get(String path, String user, int status, String parameter, String detail) {
            return new Bad("GET", path, user, null, null, status, parameter, detail);
        }

        @Override
        public String toString() {
            String shown = path.length() > 80 ? path.substring(0, 80) + "..." : path;
            return method + " " + shown + (contentType == null ? "" : " [" + contentType + "]");
        }
    }

    static Stream<Bad> badRequests() {
        String json = "application/json";
        return Stream.of(
                // the auditor's ledger queries
                Bad.get("/api/audit?type=NOPE", "auditor", 400, "type", "accepted: PREDICTION, "),
                Bad.get(
                        "/api/audit?effect=maybe",
                        "auditor",
                        400,
                        "effect",
                        "unknown effect 'maybe'; accepted: ALLOW, REQUIRE_APPROVAL, DENY"),
                Bad.get(
                        "/api/audit?from=yesterday",
                        "auditor",
                        400,
                        "from",
                        "'yesterday' is not an ISO-8601 UTC instant"),
                Bad.get(
                        "/api/audit?from=2025-01-08T00:00:00Z&to=2025-01-07T00:00:00Z",
                        "auditor",
                        400,
                        "to",
                        "is not after from '2025-01-08T00:00:00Z'"),
                Bad.get("/api/audit?limit=-1", "auditor", 400, "limit", "from 1 to 1000"),
                Bad.get("/api/audit?limit=1000000000", "auditor", 400, "limit", "from 1 to 1000"),
                Bad.get("/api/audit?after=abc", "auditor", 400, "after", "a whole number >= 0"),
                Bad.get(
                        "/api/audit?cas=case-0001",
                        "auditor",
                        400,
                        "cas",
                        "accepted: case, element, tool, actor, type, effect, after, from, to,"
                                + " limit"),
                Bad.get(
                        "/api/audit/proofs/inclusion",
                        "auditor",
                        400,
                        "treeSize",
                        "is required: a whole number from 1 to "),
                Bad.get(
                        "/api/audit/export?format=xml",
                        "auditor",
                        400,
                        "format",
                        "unknown 'xml'; accepted: jsonl, csv"),
                Bad.get("/api/audit/nope", "auditor", 404, null, "no endpoint GET /api/audit/nope"),
                // the operator's cases and elements
                Bad.get(
                        "/api/cases?status=sleeping",
                        "operator",
                        400,
                        "status",
                        "accepted: all (every case), open (not closed), agent"),
                Bad.get("/api/cases?stats=open", "operator", 400, "stats", "accepted: status"),
                Bad.get("/api/cases/case-9999", "operator", 404, null, "no case 'case-9999'"),
                Bad.get("/api/cases/%20", "operator", 404, null, "no case ' '"),
                new Bad(
                        "POST",
                        "/api/cases/case-9999/take-over",
                        "operator",
                        "application/json",
                        "{}",
                        400,
                        "reason",
                        "is required: say why"),
                new Bad(
                        "POST",
                        "/api/cases/case-9999/hand-back",
                        "operator",
                        "application/json",
                        "{\"reason\": \"back to you\"}",
                        404,
                        null,
                        "no case 'case-9999'"),
                Bad.get(
                        "/api/elements/at-risk?limit=5",
                        "operator",
                        400,
                        "limit",
                        "accepted: none"),
                // the supervisor's simulation controls
                new Bad(
                        "POST",
                        "/api/simulation/advance?duration=6h",
                        "supervisor",
                        null,
                        null,
                        400,
                        "duration",
                        "'6h' is not an ISO-8601 duration; expected e.g. PT6H"),
                new Bad(
                        "POST",
                        "/api/simulation/advance?duration=-PT1H",
                        "supervisor",
                        null,
                        null,
                        400,
                        "duration",
                        "must be positive"),
                new Bad(
                        "POST",
                        "/api/simulation/advance?by=PT1H",
                        "supervisor",
                        null,
                        null,
                        400,
                        "by",
                        "accepted: duration"),
                // policy versions, uploads and explanations
                Bad.get(
                        "/api/policy/versions/nope",
                        "operator",
                        404,
                        null,
                        "no policy version 'nope' is kept; kept: [sha256:"),
                new Bad(
                        "POST",
                        "/api/policy",
                        "supervisor",
                        "application/x-www-form-urlencoded",
                        "apiVersion=autonoc.dev/v1",
                        415,
                        "Content-Type",
                        "accepted: application/yaml, "),
                new Bad(
                        "POST",
                        "/api/policy",
                        "supervisor",
                        "application/yaml",
                        "",
                        400,
                        "body",
                        "is empty: send the policy file's YAML"),
                new Bad(
                        "POST",
                        "/api/policy",
                        "supervisor",
                        null,
                        "name: x",
                        422,
                        null,
                        "unknown key 'name' at the top of a policy; accepted: apiVersion"),
                new Bad(
                        "POST",
                        "/api/policy/explain",
                        "operator",
                        "text/plain",
                        "{\"tool\": \"order_part\"}",
                        415,
                        "Content-Type",
                        "Content-Type 'text/plain' is not accepted here; accepted:"
                                + " application/json"),
                new Bad(
                        "POST",
                        "/api/policy/explain",
                        "operator",
                        json,
                        "{",
                        400,
                        "body",
                        "is not valid JSON"),
                new Bad(
                        "POST",
                        "/api/policy/explain",
                        "operator",
                        json,
                        "{\"tool\": \"" + "x".repeat(200_000) + "\"}",
                        413,
                        null,
                        "the request body is larger than 64 KB"),
                new Bad(
                        "POST",
                        "/api/policy/explain",
                        "operator",
                        json,
                        "{}",
                        400,
                        "tool",
                        "is required; accepted: open_ticket, "),
                new Bad(
                        "POST",
                        "/api/policy/explain",
                        "operator",
                        json,
                        "{\"tool\": \"order_part\", \"colour\": \"red\"}",
                        400,
                        "colour",
                        "accepted: tool, element, arguments, cost, risk, facts, at, proposer"),
                new Bad(
                        "POST",
                        "/api/policy/explain?version=nope",
                        "operator",
                        json,
                        "{\"tool\": \"order_part\"}",
                        404,
                        null,
                        "no policy version 'nope' is kept"),
                new Bad(
                        "POST",
                        "/api/policy/explain?verison=x",
                        "operator",
                        json,
                        "{\"tool\": \"order_part\"}",
                        400,
                        "verison",
                        "accepted: version"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void bad_input_is_a_problem_naming_what_was_wrong_and_what_is_accepted(Bad bad)
            throws Exception {
        String policyBefore =
                json("GET", "/api/policy", "auditor", null, 200).get("version").asString();

        HttpResponse<String> answer =
                send(bad.method(), bad.path(), bad.user(), bad.contentType(), bad.body());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(bad.status());
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("status").asInt()).isEqualTo(bad.status());
        assertThat(problem.get("detail").asString())
                .contains(bad.detail())
                .doesNotContain("[Source:")
                .doesNotContain("Exception");
        if (bad.parameter() != null) {
            assertThat(problem.get("parameter").asString()).isEqualTo(bad.parameter());
            assertThat(problem.get("detail").asString()).contains(bad.parameter());
        }
        assertThat(json("GET", "/api/policy", "auditor", null, 200).get("version").asString())
                .as("a refused request changes no policy")
                .isEqualTo(policyBefore);
    }

    @Test
    void the_parameters_an_endpoint_reads_are_still_accepted() throws Exception {
        json("GET", "/api/audit?case=-&type=policy_changed&limit=5&after=0", "auditor", null, 200);
        json("GET", "/api/cases?status=open", "operator", null, 200);
        json("GET", "/api/elements/at-risk", "operator", null, 200);
        HttpResponse<String> explained =
                send(
                        "POST",
                        "/api/policy/explain",
                        "operator",
                        "application/json;charset=UTF-8",
                        "{\"tool\": \"order_part\", \"cost\": 2800}");
        assertThat(explained.statusCode()).as(explained.body()).isEqualTo(200);
    }

    @Test
    void an_unknown_parameter_is_named_as_sent() throws Exception {
        String name = URLEncoder.encode("lim it", StandardCharsets.UTF_8);
        HttpResponse<String> answer = call("GET", "/api/audit?" + name + "=5", "auditor");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).get("parameter").asString()).isEqualTo("lim it");
    }
}
