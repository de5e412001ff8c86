package dev.autonoc.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.approval.ApprovalQueue;
import dev.autonoc.core.approval.ApprovalRequest;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.approval.Verdict;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.cases.CaseStatus;
import dev.autonoc.core.cases.CaseStore;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.Effect;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.policy.CelPolicyGate;
import dev.autonoc.service.simulation.Simulation;
import dev.autonoc.simulators.OperatorTwin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The service stopped and started again on the same data folder, three times, as an operator would:
 * nothing that was reported done is lost, and what was under way carries on.
 *
 * <ol>
 *   <li>The first run uploads a policy version, lets the loop park the aging laser's optic order
 *       for an operator, and makes ten act calls on one element, the most the policy allows a day.
 *   <li>The second finds the simulated world rebuilt to the time it had reached (the same
 *       predictions), the case as it was, the same request waiting, the uploaded policy in force
 *       and its guards counting the ten calls of the day (an eleventh is refused); the request
 *       approved, the order runs once, under the key the step had before the restart. A supervisor
 *       rolls the policy back.
 *   <li>The third starts with another tick (another simulation) and a new policy file: the old
 *       world's open cases go to a person with the reason, its pending requests expire, a new world
 *       starts from its first day, and the new file is in force. Every policy change is in the
 *       ledger.
 * </ol>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartTest {

    private static final Path DATA_DIR = FullAppTestBase.freshDataDir();
    private static final String UPLOADED =
            CelPolicyGate.defaultPolicyText() + "\n# kept across restarts\n";
    private static final String CONFIGURED =
            CelPolicyGate.defaultPolicyText() + "\n# from the configuration\n";

    private static ConfigurableApplicationContext app;

    // what the first run left behind
    private static ApprovalRequest parked;
    private static CaseRecord parkedCase;
    private static IdempotencyKey keyBeforeRestart;
    private static Instant stoppedAt;
    private static List<Prediction> atRiskWhenStopped;
    private static String uploadedVersion;
    private static String defaultVersion;
    private static List<ApprovalRequest> pendingAtStop = List.of();

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(1)
    void the_first_run_keeps_an_uploaded_policy_and_parks_the_optic_order() throws Exception {
        app = start("autonoc.simulation.seed=42");
        defaultVersion = current("operator").at("/version").asString();
        JsonNode uploaded =
                api().json("POST", "/api/policy?name=kept.yaml", "supervisor", UPLOADED, 201);
        uploadedVersion = uploaded.at("/version").asString();

        parked = driveUntilTheLoopParks("order_part");
        parkedCase = bean(CaseStore.class).find(parked.action().caseId()).orElseThrow();
        StepRecord step = parkedCase.step(parked.action().step());
        keyBeforeRestart = IdempotencyKey.of(parkedCase.id(), step.index(), step.attempt());
        stoppedAt = bean(Simulation.class).now();
        atRiskWhenStopped = bean(Simulation.class).atRisk();

        assertThat(parkedCase.status()).isEqualTo(CaseStatus.WAITING_APPROVAL);
        assertThat(step.approvalId()).contains(parked.id());
        assertThat(toolCalls(parkedCase.id().value(), keyBeforeRestart)).isEmpty();
        assertThat(uploadedVersion).isNotEqualTo(defaultVersion);

        // ten act calls on one element today, as an MCP client makes them: the eleventh is refused
        for (int i = 1; i <= 10; i++) {
            String key = "restart-test-" + i + "/0/1";
            Decision allowed =
                    bean(Simulation.class)
                            .exclusively(
                                    () -> {
                                        ActionRequest r = notice(key);
                                        Decision d = bean(PolicyGate.class).evaluate(r);
                                        if (d.allowed()) {
                                            ToolResult done =
                                                    bean(ToolCatalogue.class)
                                                            .require(r.call().tool())
                                                            .execute(
                                                                    new ToolInvocation(
                                                                            r.call(),
                                                                            new IdempotencyKey(key),
                                                                            r.proposer()));
                                            bean(PolicyGate.class).recordExecution(r, done);
                                        }
                                        return d;
                                    });
            assertThat(allowed.allowed()).as("notice %d: %s", i, allowed).isTrue();
        }
        assertThat(elementRateRefuses()).isTrue();
        app.close();
    }

    @Test
    @Order(2)
    void a_restart_rebuilds_the_world_finds_the_case_and_the_request_and_the_order_runs_once()
            throws Exception {
        assertThat(parked).as("the first run parked a request").isNotNull();
        app = start("autonoc.simulation.seed=42");
        Simulation simulation = bean(Simulation.class);

        assertThat(simulation.now()).isEqualTo(stoppedAt);
        assertThat(simulation.atRisk())
                .as("the rebuilt twin and predictor see what they saw before the restart")
                .isEqualTo(atRiskWhenStopped);
        assertThat(bean(ApprovalQueue.class).pending()).contains(parked);
        assertThat(bean(CaseStore.class).find(parkedCase.id())).contains(parkedCase);
        assertThat(current("operator").at("/version").asString()).isEqualTo(uploadedVersion);
        assertThat(elementRateRefuses())
                .as("the guards counted again what ran before the restart, the same day")
                .isTrue();
        JsonNode versions = api().json("GET", "/api/policy/versions", "operator", null, 200);
        assertThat(versions.findValuesAsString("version"))
                .containsExactlyInAnyOrder(defaultVersion, uploadedVersion);
        for (JsonNode v : versions) {
            String by = v.at("/keptBy").asString();
            assertThat(by)
                    .isEqualTo(
                            v.at("/version").asString().equals(uploadedVersion)
                                    ? "supervisor"
                                    : "system");
            assertThat(v.at("/keptAt").asString()).isNotBlank();
        }

        api().json(
                        "POST",
                        "/api/approvals/" + parked.id() + "/approve",
                        "operator",
                        "{\"comment\": \"approved after the restart\"}",
                        200);
        simulation.advance(Duration.ofMinutes(10)); // the loop follows the answer at its next tick

        String caseId = parkedCase.id().value();
        List<AuditEntry> calls = toolCalls(caseId, keyBeforeRestart);
        assertThat(calls).as("the approved order ran once, with the key it had before").hasSize(1);
        assertThat(calls.get(0).event().payload()).containsEntry("tool", "order_part");
        CaseRecord after = bean(CaseStore.class).find(parkedCase.id()).orElseThrow();
        assertThat(after.step(parked.action().step()).state()).isEqualTo(StepState.DONE);
        assertThat(after.status()).isIn(CaseStatus.ACTIVE, CaseStatus.WAITING_APPROVAL);

        api().json(
                        "POST",
                        "/api/policy/versions/" + defaultVersion + "/activate",
                        "supervisor",
                        null,
                        200);
        // a request left waiting when the service stops (as an MCP client's order would be)
        ApprovalQueue queue = bean(ApprovalQueue.class);
        queue.submit(parked.action().at(simulation.now()), parked.decision(), simulation.now());
        pendingAtStop = queue.pending();
        app.close();
    }

    @Test
    @Order(3)
    void another_simulation_hands_the_old_worlds_cases_to_a_person_and_a_new_file_goes_in_force()
            throws Exception {
        assertThat(parkedCase).as("the first run opened a case").isNotNull();
        Path file = DATA_DIR.resolve("configured.yaml");
        Files.writeString(file, CONFIGURED, StandardCharsets.UTF_8);
        app = start("autonoc.simulation.tick=10m", "autonoc.policy.file=" + file);
        String caseId = parkedCase.id().value();

        List<AuditEntry> trail = bean(AuditLog.class).query(AuditQuery.forCase(caseId));
        AuditEntry last = trail.get(trail.size() - 1);
        assertThat(last.event().type()).isEqualTo(AuditEventType.CASE_HANDED_OVER);
        assertThat((String) last.event().payload().get("reason"))
                .contains("another simulation", "tick PT10M");
        ApprovalQueue queue = bean(ApprovalQueue.class);
        assertThat(queue.pending()).isEmpty();
        assertThat(pendingAtStop).isNotEmpty();
        for (ApprovalRequest r : pendingAtStop) {
            assertThat(queue.answer(r.id()))
                    .hasValueSatisfying(
                            a -> {
                                assertThat(a.verdict()).isEqualTo(Verdict.EXPIRED);
                                assertThat(a.comment()).contains("another simulation");
                            });
            assertThat(
                            trail.stream()
                                    .filter(
                                            e ->
                                                    e.event().type()
                                                            == AuditEventType.APPROVAL_ANSWERED)
                                    .map(e -> e.event().payload()))
                    .anySatisfy(
                            p -> {
                                assertThat(p).containsEntry("approval_id", r.id());
                                assertThat(p).containsEntry("verdict", "EXPIRED");
                            });
        }
        assertThat(bean(Simulation.class).now()).isEqualTo(OperatorTwin.EPOCH);
        assertThat(bean(CaseStore.class).all()).as("a new world has no cases yet").isEmpty();

        String configured = current("operator").at("/version").asString();
        assertThat(configured).isNotIn(defaultVersion, uploadedVersion);
        List<Map<String, Object>> changes = new ArrayList<>();
        for (AuditEntry e : bean(AuditLog.class).query(AuditQuery.all())) {
            if (e.event().type() == AuditEventType.POLICY_CHANGED) {
                changes.add(
                        Map.of(
                                "actor", e.event().actor(),
                                "action", e.event().payload().get("action"),
                                "old", e.event().payload().get("old_version"),
                                "new", e.event().payload().get("new_version"),
                                "file", e.event().payload().get("file_name")));
            }
        }
        assertThat(changes)
                .containsExactly(
                        Map.of(
                                "actor", "system",
                                "action", "start",
                                "old", "",
                                "new", defaultVersion,
                                "file", "default.yaml"),
                        Map.of(
                                "actor", "supervisor",
                                "action", "upload",
                                "old", defaultVersion,
                                "new", uploadedVersion,
                                "file", "kept.yaml"),
                        Map.of(
                                "actor", "supervisor",
                                "action", "activate",
                                "old", uploadedVersion,
                                "new", defaultVersion,
                                "file", "default.yaml"),
                        Map.of(
                                "actor", "system",
                                "action", "start",
                                "old", defaultVersion,
                                "new", configured,
                                "file", "configured.yaml"));
    }

    // --- helpers ---

    private static ConfigurableApplicationContext start(String... properties) {
        List<String> all =
                new ArrayList<>(
                        List.of(
                                "autonoc.data-dir=" + DATA_DIR,
                                "server.port=0",
                                "management.server.port=0",
                                "autonoc.simulation.auto-start=false",
                                "autonoc.approvals.timeout=0",
                                "autonoc.audit.checkpoint-interval=0"));
        all.addAll(List.of(properties));
        // as command-line arguments: they take precedence over application.yml
        return new SpringApplicationBuilder(AutonocApplication.class)
                .run(all.stream().map(p -> "--" + p).toArray(String[]::new));
    }

    private static <T> T bean(Class<T> type) {
        return app.getBean(type);
    }

    private static ApiClient api() {
        return new ApiClient(
                "http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
    }

    private static JsonNode current(String user) throws IOException, InterruptedException {
        return api().json("GET", "/api/policy", user, null, 200);
    }

    private static ApprovalRequest driveUntilTheLoopParks(String tool) {
        ApprovalQueue queue = bean(ApprovalQueue.class);
        for (int i = 0; i < 20; i++) {
            Optional<ApprovalRequest> found =
                    queue.pending().stream()
                            .filter(r -> r.action().call().tool().equals(tool))
                            .filter(r -> r.requiredRole().equals(RoleHierarchy.NOC_OPERATOR))
                            .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            bean(Simulation.class).advance(Duration.ofHours(6));
        }
        throw new AssertionError("the loop parked no " + tool + " in five simulated days");
    }

    /** A customer notice about core-rtr-01 (no demo fault there), proposed by an MCP client. */
    private static ActionRequest notice(String key) {
        Simulation simulation = bean(Simulation.class);
        Element element =
                simulation.elements().stream()
                        .filter(e -> e.id().value().equals("core-rtr-01"))
                        .findFirst()
                        .orElseThrow();
        ToolCall call =
                ToolCall.of(
                        "notify_customers",
                        Map.of("element_id", "core-rtr-01", "message", "planned work"));
        return new ActionRequest(
                new CaseId(key.substring(0, key.indexOf('/'))),
                0,
                call,
                bean(ToolCatalogue.class).require(call.tool()).estimate(call.arguments()),
                element,
                simulation.now(),
                "agent:mcp/restart-test",
                Optional.empty());
    }

    private static boolean elementRateRefuses() {
        Decision d =
                bean(Simulation.class)
                        .exclusively(
                                () ->
                                        bean(PolicyGate.class)
                                                .evaluate(notice("restart-test-11/0/1")));
        return d.effect() == Effect.DENY && d.ruleIds().contains("any-deny-element-rate");
    }

    private static List<AuditEntry> toolCalls(String caseId, IdempotencyKey key) {
        return bean(AuditLog.class).query(AuditQuery.forCase(caseId)).stream()
                .filter(e -> e.event().type() == AuditEventType.TOOL_CALL)
                .filter(e -> key.value().equals(e.event().payload().get("idempotency_key")))
                .toList();
    }
}
