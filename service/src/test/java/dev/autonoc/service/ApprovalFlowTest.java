package dev.autonoc.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.approval.Verdict;
import dev.autonoc.service.simulation.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One request of the loop's, start to end, through the API: the aging laser's optic order waits for
 * an operator with what a person needs to decide, expires after the configured 12 simulated hours
 * and escalates to a supervisor, who approves it with changed arguments; the loop gates the amended
 * call again before it runs it. The phases run in order on one application.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApprovalFlowTest extends LiveLoopTestBase {

    private static final Duration TIMEOUT = Duration.ofHours(12);

    @Autowired Simulation simulation;
    @Autowired ApprovalQueue queue;

    private static ApprovalRequest waiting;
    private static ApprovalRequest escalated;

    @Test
    @Order(1)
    void a_pending_approval_shows_what_why_cost_customers_evidence_and_the_rule() throws Exception {
        waiting = driveUntilTheLoopParks("order_part", RoleHierarchy.NOC_OPERATOR);

        JsonNode view = pendingView(waiting.id(), "operator");

        assertThat(view.at("/tool").asString()).isEqualTo("order_part");
        assertThat(view.at("/arguments/part").asString()).isNotBlank();
        assertThat(view.at("/purpose").asString()).isNotBlank();
        assertThat(view.at("/costGbp").asDouble()).isGreaterThan(1000.0);
        assertThat(view.at("/customers/consumers").isNumber())
                .as("customers affected: " + view)
                .isTrue();
        assertThat(view.at("/customers/consumers").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(view.at("/customers/enterpriseSlices").isArray()).isTrue();
        assertThat(view.at("/prediction/mode").asString()).isEqualTo("LASER_AGING");
        assertThat(view.at("/prediction/evidence").size()).isPositive();
        assertThat(view.at("/decision/ruleIds/0").asString())
                .isEqualTo("order-part-approve-operator");
        assertThat(view.at("/decision/reasons/0").asString()).contains("GBP");
        assertThat(view.at("/requiredRole").asString()).isEqualTo("noc_operator");
        assertThat(view.at("/you/allowed").asBoolean()).isTrue();
    }

    @Test
    @Order(2)
    void an_unanswered_request_expires_after_the_configured_time_and_goes_to_a_supervisor()
            throws Exception {
        assertThat(waiting).as("phase 1 found the request").isNotNull();
        Duration left =
                Duration.between(simulation.now(), waiting.requestedAt().plus(TIMEOUT))
                        .plus(Duration.ofMinutes(5));
        assertThat(left).isPositive();
        simulation.advance(left);

        assertThat(queue.answer(waiting.id()))
                .hasValueSatisfying(a -> assertThat(a.verdict()).isEqualTo(Verdict.EXPIRED));
        escalated =
                queue.pending().stream()
                        .filter(r -> r.action().caseId().equals(waiting.action().caseId()))
                        .filter(r -> r.action().step() == waiting.action().step())
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new AssertionError(
                                                "no escalated request; pending "
                                                        + queue.pending()));
        assertThat(escalated.requiredRole()).isEqualTo(RoleHierarchy.NOC_SUPERVISOR);
        assertThat(escalated.decision().reasons())
                .anySatisfy(r -> assertThat(r).contains("escalated to noc_supervisor"));

        JsonNode operatorView = pendingView(escalated.id(), "operator");
        assertThat(operatorView.at("/you/allowed").asBoolean()).isFalse();
        assertThat(operatorView.at("/you/rule").asString()).isEqualTo("required-role");
        JsonNode expiry =
                api().json(
                                "GET",
                                "/api/audit?case="
                                        + waiting.action().caseId().value()
                                        + "&type=APPROVAL_ANSWERED",
                                "auditor",
                                null,
                                200)
                        .at("/entries");
        assertThat(expiry.size()).isPositive();
        assertThat(expiry.get(0).at("/payload/verdict").asString()).isEqualTo("EXPIRED");
        assertThat(expiry.get(0).at("/payload/approval_id").asString()).isEqualTo(waiting.id());
    }

    @Test
    @Order(3)
    void an_approver_amends_the_arguments_and_the_amended_call_is_gated_again_before_it_runs()
            throws Exception {
        assertThat(escalated).as("phase 2 escalated the request").isNotNull();
        Map<String, Object> planned = escalated.action().call().arguments();
        boolean expedite = Boolean.TRUE.equals(planned.get("expedite"));
        ObjectNode amended = ApiClient.JSON.valueToTree(planned);
        amended.put("expedite", !expedite);
        ObjectNode body = ApiClient.JSON.createObjectNode();
        body.put("comment", "approved, " + (expedite ? "no" : "with") + " express delivery");
        body.set("arguments", amended);

        JsonNode answer =
                api().json(
                                "POST",
                                "/api/approvals/" + escalated.id() + "/approve",
                                "supervisor",
                                body.toString(),
                                200);
        assertThat(answer.at("/verdict").asString()).isEqualTo("APPROVED");
        assertThat(answer.at("/amendedArguments/expedite").asBoolean()).isEqualTo(!expedite);
        // the answer is in the ledger when the answer returns, before the loop has read it
        JsonNode logged =
                api().json(
                                "GET",
                                "/api/audit?type=APPROVAL_ANSWERED&case="
                                        + escalated.action().caseId().value(),
                                "auditor",
                                null,
                                200)
                        .at("/entries");
        List<String> answeredIds = new ArrayList<>();
        logged.forEach(e -> answeredIds.add(e.at("/payload/approval_id").asString()));
        assertThat(answeredIds).containsOnlyOnce(escalated.id());

        simulation.advance(Duration.ofMinutes(10)); // the loop follows the answer at its next tick

        String caseId = escalated.action().caseId().value();
        List<JsonNode> trail = new ArrayList<>();
        api().json("GET", "/api/audit?limit=1000&case=" + caseId, "auditor", null, 200)
                .at("/entries")
                .forEach(trail::add);
        int answered =
                indexOf(
                        trail,
                        0,
                        "APPROVAL_ANSWERED",
                        e -> e.at("/payload/approval_id").asString().equals(escalated.id()));
        assertThat(trail.get(answered).at("/payload/amended_arguments/expedite").asBoolean())
                .isEqualTo(!expedite);
        int regated =
                indexOf(
                        trail,
                        answered,
                        "POLICY_DECISION",
                        e -> e.at("/payload/tool").asString().equals("order_part"));
        assertThat(trail.get(regated).at("/payload/arguments/expedite").asBoolean())
                .as("the amended call went before the gate")
                .isEqualTo(!expedite);
        assertThat(trail.get(regated).at("/payload/effect").asString())
                .isIn("ALLOW", "REQUIRE_APPROVAL");
        int ran =
                indexOf(
                        trail,
                        regated,
                        "TOOL_CALL",
                        e -> e.at("/payload/tool").asString().equals("order_part"));
        assertThat(trail.get(ran).at("/payload/arguments/expedite").asBoolean())
                .as("the call that ran is the amended one")
                .isEqualTo(!expedite);
    }

    @Test
    @Order(4)
    void an_approval_with_arguments_that_are_not_an_object_is_a_bad_request() throws Exception {
        ApprovalRequest any = queue.pending().stream().findFirst().orElse(null);
        String id = any == null ? "apr-404" : any.id();
        var response =
                api().send(
                                "POST",
                                "/api/approvals/" + id + "/approve",
                                "supervisor",
                                "application/json",
                                "{\"arguments\": [1, 2]}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        if (any != null) {
            assertThat(queue.answer(any.id())).as("a refused answer changes nothing").isEmpty();
        }
    }

    private ApprovalRequest driveUntilTheLoopParks(String tool, String role) {
        for (int i = 0; i < 20; i++) {
            Optional<ApprovalRequest> found =
                    queue.pending().stream()
                            .filter(r -> r.action().call().tool().equals(tool))
                            .filter(r -> r.requiredRole().equals(role))
                            .filter(r -> r.action().proposer().equals("agent:autonoc"))
                            .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            simulation.advance(Duration.ofHours(6));
        }
        throw new AssertionError(
                "the loop parked no " + tool + " for " + role + " in five simulated days");
    }

    private JsonNode pendingView(String id, String user) throws Exception {
        for (JsonNode a : api().json("GET", "/api/approvals", user, null, 200)) {
            if (a.at("/id").asString().equals(id)) {
                return a;
            }
        }
        throw new AssertionError("approval " + id + " is not pending");
    }

    private static int indexOf(
            List<JsonNode> trail,
            int after,
            String type,
            java.util.function.Predicate<JsonNode> also) {
        for (int i = after; i < trail.size(); i++) {
            JsonNode e = trail.get(i);
            if (e.at("/type").asString().equals(type) && also.test(e)) {
                return i;
            }
        }
        throw new AssertionError("no " + type + " after entry " + after + " in " + trail);
    }
}
