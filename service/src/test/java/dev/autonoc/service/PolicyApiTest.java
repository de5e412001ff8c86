package dev.autonoc.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.policy.CelPolicyGate;
import dev.autonoc.policy.PolicyStore;
import dev.autonoc.service.simulation.Simulation;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The policy API on the whole application: explain, versions, upload, rollback, who may. */
class PolicyApiTest extends FullAppTestBase {

    private static final String ORDER_2800 =
            "{\"tool\": \"order_part\", \"element\": \"core-rtr-01\", \"cost\": 2800,"
                    + " \"facts\": {\"part\": \"SFP-OPTIC\"}, \"arguments\": {\"part\": \"SFP-OPTIC\"},"
                    + " \"at\": \"2025-01-06T10:00:00Z\"}";

    @Autowired PolicyStore store;
    @Autowired CelPolicyGate liveGate;
    @Autowired Simulation simulation;

    private String inForce;

    @BeforeEach
    void remember() {
        inForce = store.currentVersion();
    }

    /** Other tests share this application: put the policy they expect back in force. */
    @AfterEach
    void restore() {
        store.activate(inForce);
    }

    @Test
    void explain_gives_the_decision_and_every_rules_verdict() throws Exception {
        JsonNode policy = json("GET", "/api/policy", "operator", null, 200);
        JsonNode e = json("POST", "/api/policy/explain", "operator", ORDER_2800, 200);

        assertThat(e.at("/decision/effect").asString()).isEqualTo("REQUIRE_APPROVAL");
        assertThat(e.at("/decision/requiredRole").asString()).isEqualTo("noc_operator");
        assertThat(strings(e.at("/decision/ruleIds")))
                .containsExactly("order-part-approve-operator");
        assertThat(e.at("/policyVersion").asString()).isEqualTo(policy.at("/version").asString());
        assertThat(e.at("/action/region").asString()).isNotBlank();
        assertThat(e.at("/action/facts/element_id").asString()).isEqualTo("core-rtr-01");

        JsonNode rules = e.at("/rules");
        assertThat(rules.size()).isEqualTo(policy.at("/ruleCount").asInt());
        assertThat(verdict(rules, "order-part-approve-operator").at("/verdict").asString())
                .isEqualTo("FIRED");
        assertThat(verdict(rules, "order-part-approve-operator").at("/decided").asBoolean())
                .isTrue();
        assertThat(verdict(rules, "order-part-approve-operator").at("/message").asString())
                .contains("2800");
        assertThat(verdict(rules, "order-part-allow-small").at("/verdict").asString())
                .isEqualTo("CONDITION_FALSE");
        assertThat(verdict(rules, "tickets-allow").at("/verdict").asString())
                .isEqualTo("NOT_MATCHED");
    }

    @Test
    void explaining_takes_no_decision_id_from_the_loops_gate() throws Exception {
        // the live gate numbers its decisions; an explanation must not shift that numbering
        String before = liveGate.evaluate(sample()).decisionId();
        json("POST", "/api/policy/explain", "operator", ORDER_2800, 200);
        json("POST", "/api/policy/explain", "operator", ORDER_2800, 200);
        String after = liveGate.evaluate(sample()).decisionId();

        assertThat(number(after)).isEqualTo(number(before) + 1);
    }

    @Test
    void bad_actions_are_refused_naming_what_is_accepted() throws Exception {
        JsonNode tool = explainRefused("{\"tool\": \"get_element\"}");
        assertThat(tool.at("/parameter").asString()).isEqualTo("tool");
        assertThat(tool.at("/detail").asString()).contains("order_part", "restart_element");

        JsonNode element =
                explainRefused("{\"tool\": \"order_part\", \"element\": \"no-such-rtr\"}");
        assertThat(element.at("/parameter").asString()).isEqualTo("element");

        JsonNode risk = explainRefused("{\"tool\": \"order_part\", \"risk\": \"EXTREME\"}");
        assertThat(risk.at("/detail").asString()).contains("LOW, MEDIUM, HIGH");

        // the same JSON, parsed in one place with the CLI: types, unknown fields, syntax
        JsonNode cost = explainRefused("{\"tool\": \"order_part\", \"cost\": \"lots\"}");
        assertThat(cost.at("/parameter").asString()).isEqualTo("cost");
        assertThat(cost.at("/detail").asString()).contains("must be a number");
        JsonNode typo = explainRefused("{\"tool\": \"order_part\", \"costs\": 10}");
        assertThat(typo.at("/parameter").asString()).isEqualTo("costs");
        assertThat(typo.at("/detail").asString()).contains("accepted: tool, element, arguments");
        JsonNode cut = explainRefused("{\"tool\":");
        assertThat(cut.at("/parameter").asString()).isEqualTo("body");
        assertThat(cut.at("/detail").asString()).contains("is not valid JSON");
    }

    @Test
    void the_current_policy_lists_its_rules_and_versions() throws Exception {
        JsonNode policy = json("GET", "/api/policy", "auditor", null, 200);
        assertThat(policy.at("/version").asString()).startsWith("sha256:");
        assertThat(policy.at("/name").asString()).isEqualTo("default.yaml");
        assertThat(policy.at("/text").asString()).contains("apiVersion: autonoc.dev/v1");
        JsonNode first = policy.at("/rules/0");
        assertThat(first.at("/id").asString()).isEqualTo("tickets-allow");
        assertThat(strings(first.at("/tools")))
                .containsExactly("open_ticket", "update_ticket", "close_ticket");
        assertThat(first.at("/effect").asString()).isEqualTo("ALLOW");
        assertThat(first.at("/retry").isNull()).as("retry is said of DENY rules only").isTrue();
        JsonNode rules = policy.at("/rules");
        // declared in the file, and derived from what the condition reads when the file is silent
        assertThat(verdict(rules, "reroute-traffic-deny-isolates-site").at("/retry").asString())
                .isEqualTo("later");
        assertThat(verdict(rules, "reroute-traffic-deny-unknown-facts").at("/retry").asString())
                .isEqualTo("never");

        JsonNode versions = json("GET", "/api/policy/versions", "operator", null, 200);
        List<String> current = new ArrayList<>();
        versions.forEach(
                v -> {
                    if (v.at("/current").asBoolean()) {
                        current.add(v.at("/version").asString());
                    }
                });
        assertThat(current).containsExactly(policy.at("/version").asString());
    }

    @Test
    void only_a_supervisor_uploads_or_activates_a_policy() throws Exception {
        HttpResponse<String> upload =
                send("POST", "/api/policy", "operator", "application/yaml", defaultText());
        assertThat(upload.statusCode()).isEqualTo(403);
        assertThat(upload.body()).contains("noc_supervisor");
        HttpResponse<String> activate =
                send(
                        "POST",
                        "/api/policy/versions/" + encode(inForce) + "/activate",
                        "auditor",
                        null,
                        null);
        assertThat(activate.statusCode()).isEqualTo(403);
        assertThat(store.currentVersion()).isEqualTo(inForce);
    }

    @Test
    void a_bad_file_is_refused_with_file_line_and_reason_and_the_old_version_stays()
            throws Exception {
        String bad =
                defaultText()
                        .replace("match: {tools: [order_part]}", "match: {tools: [order_parts]}");
        int line = lineOf(bad, "order_parts");

        HttpResponse<String> refused =
                send("POST", "/api/policy?name=strict.yaml", "supervisor", "application/yaml", bad);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.at("/file").asString()).isEqualTo("strict.yaml");
        assertThat(problem.at("/line").asInt()).isEqualTo(line);
        assertThat(problem.at("/reason").asString()).contains("order_parts");
        assertThat(problem.at("/current").asString()).isEqualTo(inForce);
        assertThat(store.currentVersion()).isEqualTo(inForce);
        assertThat(json("GET", "/api/policy", "operator", null, 200).at("/version").asString())
                .isEqualTo(inForce);
    }

    @Test
    void an_uploaded_version_decides_at_once_and_a_rollback_puts_the_old_one_back()
            throws Exception {
        // the agent may now order up to 3000 GBP on its own
        String looser =
                defaultText()
                        .replace("condition: cost <= 1000.0", "condition: cost <= 3000.0")
                        .replace(
                                "condition: cost > 1000.0 && cost <= 5000.0",
                                "condition: cost > 3000.0 && cost <= 5000.0");

        HttpResponse<String> created =
                send(
                        "POST",
                        "/api/policy?name=looser.yaml",
                        "supervisor",
                        "application/yaml",
                        looser);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode version = JSON.readTree(created.body());
        String looserVersion = version.at("/version").asString();
        assertThat(looserVersion).isNotEqualTo(inForce);
        assertThat(version.at("/name").asString()).isEqualTo("looser.yaml");
        assertThat(created.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).contains("/api/policy/versions/"));
        assertThat(store.currentVersion()).isEqualTo(looserVersion);
        JsonNode allowed = json("POST", "/api/policy/explain", "operator", ORDER_2800, 200);
        assertThat(allowed.at("/decision/effect").asString()).isEqualTo("ALLOW");
        assertThat(allowed.at("/decision/policyVersion").asString()).isEqualTo(looserVersion);

        // the old version, explained without activating it
        JsonNode old =
                json(
                        "POST",
                        "/api/policy/explain?version=" + encode(inForce),
                        "operator",
                        ORDER_2800,
                        200);
        assertThat(old.at("/decision/effect").asString()).isEqualTo("REQUIRE_APPROVAL");

        JsonNode back =
                json(
                        "POST",
                        "/api/policy/versions/" + encode(inForce) + "/activate",
                        "supervisor",
                        null,
                        200);
        assertThat(back.at("/version").asString()).isEqualTo(inForce);
        assertThat(
                        json("POST", "/api/policy/explain", "operator", ORDER_2800, 200)
                                .at("/decision/effect")
                                .asString())
                .isEqualTo("REQUIRE_APPROVAL");
        assertThat(json("GET", "/api/policy/versions", "operator", null, 200).size())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void an_unknown_version_is_not_found() throws Exception {
        JsonNode problem =
                json("POST", "/api/policy/versions/sha256:feed/activate", "supervisor", null, 404);
        assertThat(problem.at("/detail").asString()).contains("sha256:feed").contains(inForce);
        json("GET", "/api/policy/versions/sha256:feed", "operator", null, 404);
    }

    // --- helpers ---

    /** A harmless action put before the live gate to read its decision counter. */
    private ActionRequest sample() {
        Element element = simulation.elements().get(0);
        String id = element.id().value();
        return new ActionRequest(
                new CaseId("policy-api-test"),
                0,
                ToolCall.of("notify_customers", Map.of("element_id", id, "message", "test")),
                new Estimate(0.0, Risk.LOW, Map.of("element_id", id, "region", element.region())),
                element,
                simulation.now(),
                "agent:policy-api-test",
                Optional.empty());
    }

    private static String defaultText() {
        return CelPolicyGate.defaultPolicyText();
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line with " + needle);
    }

    private static JsonNode verdict(JsonNode rules, String id) {
        for (JsonNode r : rules) {
            if (r.at("/id").asString().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no verdict for rule " + id + " in " + rules);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    private static long number(String decisionId) {
        return Long.parseLong(decisionId.substring("dec-".length()));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** An explanation the API refuses (400) for {@code body}; returns the problem detail. */
    private JsonNode explainRefused(String body) throws Exception {
        return json("POST", "/api/policy/explain", "operator", body, 400);
    }
}
