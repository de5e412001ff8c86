package dev.autonoc.service.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.approval.Approver;
import dev.autonoc.core.approval.InMemoryApprovalQueue;
import dev.autonoc.core.approval.RoleHierarchy;
import dev.autonoc.core.audit.AuditEntry;
import dev.autonoc.core.audit.AuditEvent;
import dev.autonoc.core.audit.AuditEventType;
import dev.autonoc.core.audit.AuditLog;
import dev.autonoc.core.audit.AuditQuery;
import dev.autonoc.core.audit.AuditVerification;
import dev.autonoc.core.cases.InMemoryCaseStore;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.Effect;
import dev.autonoc.core.policy.PolicyGate;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.Tool;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.core.tool.ToolDescriptor;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolKind;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.service.simulation.Simulation;
import dev.autonoc.service.simulation.SimulationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The safety properties of the MCP gateway on its own, with a scripted gate and a tool that counts
 * its runs: nothing runs unless the gate allowed it or a person approved it, an approved call runs
 * once, and only for the agent that proposed it.
 */
class McpToolGatewayTest {

    private static final Instant NOW = Instant.parse("2025-01-07T10:00:00Z");
    private static final String ACTOR = McpToolGateway.actorOf("bot");
    private static final Element ROUTER =
            new Element(ElementId.of("core-rtr-01"), ElementKind.ROUTER, "core", "north", "pop-01");
    private static final Approver SUPERVISOR =
            new Approver("sam", Set.of(RoleHierarchy.NOC_SUPERVISOR));

    /** What a person does with a parked call before the caller asks to run it. */
    enum Answer {
        NONE,
        APPROVE,
        APPROVE_AMENDED,
        REJECT,
        TIMEOUT
    }

    @Property(tries = 300)
    void nothing_runs_unless_the_gate_allowed_it_or_a_person_approved_it(
            @ForAll("effects") List<Effect> effects,
            @ForAll("answers") Answer answer,
            @ForAll boolean otherCallerTries) {
        World w = new World(effects);

        McpCallOutcome first =
                w.gateway.call(ACTOR, "restart_element", Map.of("element_id", "core-rtr-01"));

        Effect decided = effects.get(0);
        switch (decided) {
            case ALLOW -> {
                assertThat(first.status()).isEqualTo("done");
                assertThat(w.runs).hasSize(1);
            }
            case DENY -> {
                assertThat(first.status()).isEqualTo("denied");
                assertThat(first.error()).isTrue();
                assertThat(w.runs).isEmpty();
            }
            case REQUIRE_APPROVAL -> {
                assertThat(first.status()).isEqualTo("pending_approval");
                assertThat(w.runs).isEmpty();
                String id = (String) first.body().get("approval_id");
                answer(w, id, answer);
                if (otherCallerTries) {
                    McpCallOutcome stranger =
                            w.gateway.runApproved(McpToolGateway.actorOf("other"), id);
                    assertThat(stranger.status()).isEqualTo("invalid");
                    assertThat(w.runs).isEmpty();
                }
                McpCallOutcome run = w.gateway.runApproved(ACTOR, id);
                McpCallOutcome again = w.gateway.runApproved(ACTOR, id);
                boolean approved = answer == Answer.APPROVE || answer == Answer.APPROVE_AMENDED;
                // an amended call is gated again (the second scripted effect): only ALLOW, or an
                // approval the supervisor's answer covers, lets it run
                boolean regatedOk =
                        answer != Answer.APPROVE_AMENDED
                                || effects.get(1) == Effect.ALLOW
                                || effects.get(1) == Effect.REQUIRE_APPROVAL;
                int expected = approved && regatedOk ? 1 : 0;
                assertThat(w.runs).as(answer + " then " + effects).hasSize(expected);
                if (expected == 1) {
                    assertThat(run.status()).isEqualTo("done");
                    assertThat(again).isEqualTo(run);
                    if (answer == Answer.APPROVE_AMENDED) {
                        assertThat(w.runs.get(0).call().arguments())
                                .containsEntry("traffic_moved", true);
                    }
                } else if (answer == Answer.NONE) {
                    assertThat(run.status()).isEqualTo("pending_approval");
                } else if (answer == Answer.REJECT) {
                    assertThat(run.status()).isEqualTo("rejected");
                } else if (answer == Answer.TIMEOUT) {
                    assertThat(run.status()).isEqualTo("expired");
                }
            }
        }
        // every run is audited as a call and a result, under the caller's identity
        long calls = w.audit.stream().filter(e -> e.type() == AuditEventType.TOOL_CALL).count();
        assertThat(calls).isEqualTo(w.runs.size());
        assertThat(w.runs).allSatisfy(inv -> assertThat(inv.actor()).isEqualTo(ACTOR));
        // the ledger events are the loop's, marked as MCP's; decisions carry the decision log
        assertThat(w.audit)
                .allSatisfy(e -> assertThat(e.payload()).containsEntry("via", McpToolGateway.VIA));
        assertThat(w.audit)
                .filteredOn(e -> e.type() == AuditEventType.POLICY_DECISION)
                .allSatisfy(
                        e -> {
                            assertThat(e.actor()).isEqualTo(ACTOR);
                            assertThat(e.payload())
                                    .containsKeys("decision_id", "element", "at", "context")
                                    .containsEntry("proposer", ACTOR);
                        });
    }

    @Test
    void an_approved_call_that_ran_before_a_restart_does_not_run_again() {
        World w = new World(List.of(Effect.REQUIRE_APPROVAL));
        String id =
                (String)
                        w.gateway
                                .call(ACTOR, "restart_element", Map.of("element_id", "core-rtr-01"))
                                .body()
                                .get("approval_id");
        w.queue.approve(id, SUPERVISOR, "ok", NOW, Optional.empty());
        McpCallOutcome ran = w.gateway.runApproved(ACTOR, id);
        assertThat(ran.status()).isEqualTo("done");
        assertThat(w.runs).hasSize(1);

        // the service restarts: the queue and the ledger are kept, the gateway's memory is not
        McpCallOutcome again = w.restarted("mcp-test-2").runApproved(ACTOR, id);

        assertThat(w.runs).as("the approved call runs once, across restarts").hasSize(1);
        assertThat(again.status()).isEqualTo("done");
        assertThat(again.body())
                .containsEntry("outcome", "SUCCEEDED")
                .containsEntry("approval_id", id)
                .containsEntry("correlation_id", ran.body().get("correlation_id"));
        assertThat(w.audit.stream().filter(e -> e.type() == AuditEventType.TOOL_CALL)).hasSize(1);
    }

    @Test
    void a_gateway_started_again_in_the_same_second_reuses_no_correlation_nor_key() {
        // the prefix is the start time to the second: a restart within it must not reuse the ids
        // of calls already in the ledger, or a new call would share an old call's idempotency key
        World w = new World(List.of(Effect.ALLOW, Effect.ALLOW));
        McpCallOutcome first =
                w.gateway.call(ACTOR, "restart_element", Map.of("element_id", "core-rtr-01"));

        McpCallOutcome second =
                w.restarted("mcp-test")
                        .call(ACTOR, "restart_element", Map.of("element_id", "core-rtr-01"));

        assertThat(second.body().get("correlation_id"))
                .isNotEqualTo(first.body().get("correlation_id"));
        assertThat(w.runs).hasSize(2);
        assertThat(w.runs.get(1).key()).isNotEqualTo(w.runs.get(0).key());
    }

    private static void answer(World w, String id, Answer answer) {
        switch (answer) {
            case NONE -> {}
            case APPROVE -> w.queue.approve(id, SUPERVISOR, "ok", NOW, Optional.empty());
            case APPROVE_AMENDED ->
                    w.queue.approve(
                            id,
                            SUPERVISOR,
                            "move the traffic first",
                            NOW,
                            Optional.of(
                                    ToolCall.of(
                                            "restart_element",
                                            Map.of(
                                                    "element_id",
                                                    "core-rtr-01",
                                                    "traffic_moved",
                                                    true))));
            case REJECT -> w.queue.reject(id, SUPERVISOR, "not now", NOW);
            case TIMEOUT -> w.simulation.now = NOW.plus(Duration.ofHours(5));
        }
    }

    @Provide
    Arbitrary<List<Effect>> effects() {
        return Arbitraries.of(Effect.values()).list().ofSize(2);
    }

    @Provide
    Arbitrary<Answer> answers() {
        return Arbitraries.of(Answer.values());
    }

    /** The gateway with a scripted gate, a counting tool, the real queue, a list ledger. */
    private static final class World {
        final List<ToolInvocation> runs = new ArrayList<>();
        final List<AuditEvent> audit = new ArrayList<>();
        final InMemoryApprovalQueue queue =
                new InMemoryApprovalQueue(RoleHierarchy.operatorDefault());
        final FixedSimulation simulation = new FixedSimulation();
        final McpToolGateway gateway;

        World(List<Effect> script) {
            Deque<Effect> effects = new ArrayDeque<>(script);
            PolicyGate gate =
                    new PolicyGate() {
                        @Override
                        public String version() {
                            return "sha256:test";
                        }

                        @Override
                        public Decision evaluate(ActionRequest request) {
                            Effect e = effects.isEmpty() ? Effect.DENY : effects.pop();
                            return switch (e) {
                                case ALLOW ->
                                        Decision.allow("d", List.of("r-allow"), List.of("ok"), "v");
                                case DENY ->
                                        Decision.deny("d", List.of("r-deny"), List.of("no"), "v");
                                case REQUIRE_APPROVAL ->
                                        Decision.requireApproval(
                                                "d",
                                                RoleHierarchy.NOC_SUPERVISOR,
                                                List.of("r-ask"),
                                                List.of("ask"),
                                                "v");
                            };
                        }

                        @Override
                        public void recordExecution(ActionRequest request, ToolResult result) {}
                    };
            Tool restart =
                    new Tool() {
                        @Override
                        public ToolDescriptor descriptor() {
                            return new ToolDescriptor(
                                    "restart_element", ToolKind.ACT, "restarts", "{}", "TMF640");
                        }

                        @Override
                        public Estimate estimate(Map<String, Object> arguments) {
                            return new Estimate(0.0, Risk.HIGH, Map.of());
                        }

                        @Override
                        public ToolResult execute(ToolInvocation invocation) {
                            runs.add(invocation);
                            return ToolResult.succeeded(Map.of(), "restarted");
                        }
                    };
            AuditLog ledger =
                    new AuditLog() {
                        @Override
                        public AuditEntry append(AuditEvent event) {
                            audit.add(event);
                            return new AuditEntry(audit.size(), event, NOW, "p", "h");
                        }

                        @Override
                        public List<AuditEntry> query(AuditQuery query) {
                            List<AuditEntry> found = new ArrayList<>();
                            for (int i = 0; i < audit.size(); i++) {
                                AuditEvent e = audit.get(i);
                                if (query.correlationId()
                                                .map(e.correlationId()::equals)
                                                .orElse(true)
                                        && query.type().map(e.type()::equals).orElse(true)) {
                                    found.add(new AuditEntry(i + 1, e, NOW, "p", "h"));
                                }
                            }
                            return found;
                        }

                        @Override
                        public AuditVerification verify() {
                            return AuditVerification.intact(audit.size());
                        }
                    };
            this.gate = gate;
            this.restart = restart;
            this.ledger = ledger;
            gateway = restarted("mcp-test");
        }

        final PolicyGate gate;
        final Tool restart;
        final AuditLog ledger;

        /**
         * A new gateway over the same queue, ledger and tool, as after a restart of the service.
         */
        McpToolGateway restarted(String idPrefix) {
            return new McpToolGateway(
                    simulation,
                    ToolCatalogue.of(List.of(restart)),
                    gate,
                    queue,
                    ledger,
                    new InMemoryCaseStore(),
                    RoleHierarchy.operatorDefault(),
                    Duration.ofHours(4),
                    idPrefix);
        }
    }

    /** A simulation standing still: one element, a settable time, work run inline. */
    private static final class FixedSimulation implements Simulation {
        volatile Instant now = NOW;

        @Override
        public SimulationStatus status() {
            return new SimulationStatus(
                    now, NOW, 1, Duration.ofMinutes(5), false, 0, "metro", 1, Optional.empty());
        }

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public List<Element> elements() {
            return List.of(ROUTER);
        }

        @Override
        public List<Prediction> atRisk() {
            return List.of();
        }

        @Override
        public void pause() {}

        @Override
        public void resume() {}

        @Override
        public SimulationStatus advance(Duration by) {
            now = now.plus(by);
            return status();
        }

        @Override
        public <T> T exclusively(Supplier<T> work) {
            return work.get();
        }

        @Override
        public ToolResult read(ToolCall call) {
            return ToolResult.unavailable("no reads here");
        }
    }
}
