package dev.autonoc.service.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.policy.Decision;
import dev.autonoc.core.policy.Effect;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.policy.CelPolicyGate;
import dev.autonoc.service.store.GateMemory;
import dev.autonoc.service.store.InMemoryState;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gate's guards count after a restart what they were told before it, and a step told twice (run
 * again under its key after a crash) once. The default policy allows ten act calls a day on one
 * element ({@code any-deny-element-rate}).
 */
class DurablePolicyGateTest {

    private static final Instant MONDAY_NOON = Instant.parse("2025-01-06T12:00:00Z");
    private static final Element ROUTER =
            new Element(
                    ElementId.of("core-rtr-01"), ElementKind.ROUTER, "core", "north", "site-01");

    private final InMemoryState state = new InMemoryState("durable-gate", Clock.systemUTC());

    @AfterEach
    void close() {
        state.close();
    }

    private DurablePolicyGate gate() {
        return new DurablePolicyGate(
                CelPolicyGate.defaultPolicy(), new GateMemory(state.db(), "world-1"));
    }

    private static ActionRequest notice(String caseId, int step) {
        return new ActionRequest(
                new CaseId(caseId),
                step,
                ToolCall.of(
                        "notify_customers", Map.of("element_id", "core-rtr-01", "message", "m")),
                new Estimate(0.0, Risk.LOW, Map.of()),
                ROUTER,
                MONDAY_NOON,
                "agent:autonoc",
                Optional.empty());
    }

    private static final ToolResult SENT = ToolResult.succeeded(Map.of("sent", 1L), "sent");

    private static Decision tenthCall(DurablePolicyGate gate) {
        return gate.evaluate(notice("case-9", 0));
    }

    @Test
    void a_new_gate_over_the_same_memory_counts_what_the_old_one_was_told() {
        DurablePolicyGate before = gate();
        for (int i = 1; i <= 10; i++) {
            before.recordExecution(notice("case-" + i, 0), SENT);
        }
        assertThat(before.evaluate(notice("case-11", 0)).ruleIds())
                .contains("any-deny-element-rate");

        DurablePolicyGate after = gate();

        Decision eleventh = after.evaluate(notice("case-11", 0));
        assertThat(eleventh.effect()).isEqualTo(Effect.DENY);
        assertThat(eleventh.ruleIds()).contains("any-deny-element-rate");
        assertThat(after.version()).isEqualTo(before.version());
    }

    @Test
    void a_step_told_again_is_counted_once() {
        DurablePolicyGate gate = gate();
        for (int i = 1; i <= 8; i++) {
            gate.recordExecution(notice("case-" + i, 0), SENT);
        }
        // case-8 step 0 runs again under its key after a crash: the same execution
        gate.recordExecution(notice("case-8", 0), SENT);

        assertThat(tenthCall(gate).allowed()).as("nine calls counted, not ten").isTrue();
        gate.recordExecution(notice("case-9", 0), SENT);
        assertThat(gate.evaluate(notice("case-10", 0)).allowed()).isTrue();
        gate.recordExecution(notice("case-10", 0), SENT);
        assertThat(gate.evaluate(notice("case-11", 0)).effect()).isEqualTo(Effect.DENY);
        assertThat(new GateMemory(state.db(), "world-1").recall()).hasSize(10);
    }
}
