package dev.autonoc.service.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.CaseId;
import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.policy.ActionRequest;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.tool.Estimate;
import dev.autonoc.core.tool.Risk;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The gate's memory keeps what the guards were told, whole and in order, per world; a case's step
 * is kept once.
 */
class GateMemoryTest {

    private static final AtomicInteger WORLDS = new AtomicInteger();
    private static final Instant T0 = Instant.parse("2025-01-07T06:00:00Z");
    private static final Element ROUTER =
            new Element(
                    ElementId.of("core-rtr-02"), ElementKind.ROUTER, "core", "north", "site-02");

    private ServiceDatabase db;

    DataSource database() {
        return TestDatabases.h2();
    }

    private ServiceDatabase db() {
        if (db == null) {
            db = ServiceDatabase.open(database());
        }
        return db;
    }

    private static GateMemory.Execution execution(
            String caseId, int step, String tool, Instant at) {
        ActionRequest request =
                new ActionRequest(
                        new CaseId(caseId),
                        step,
                        ToolCall.of(tool, Map.of("element_id", "core-rtr-02", "part", "FAN-TRAY")),
                        new Estimate(450.0, Risk.LOW, Map.of("cost", 450.0, "in_shift", true)),
                        ROUTER,
                        at,
                        "agent:autonoc",
                        Optional.of(
                                new Prediction(
                                        ROUTER.id(),
                                        at,
                                        0.42,
                                        FailureMode.FAN_WEAR,
                                        Duration.ofHours(60),
                                        List.of(),
                                        "model-1")));
        ToolResult result =
                new ToolResult(
                        ToolResult.Outcome.SUCCEEDED,
                        Map.of("order_id", "PO-7", "quantity", 1L, "price_gbp", 450.0),
                        "ordered FAN-TRAY",
                        Optional.of(at.plus(Duration.ofHours(4))),
                        450.0);
        return new GateMemory.Execution(request, result);
    }

    @Test
    void what_the_gate_was_told_comes_back_whole_and_in_order() {
        GateMemory memory = new GateMemory(db(), "world-" + WORLDS.incrementAndGet());
        List<GateMemory.Execution> told =
                List.of(
                        execution("case-1", 2, "order_part", T0),
                        execution("case-1", 3, "dispatch_engineer", T0.plusSeconds(300)),
                        execution("mcp-1", 0, "notify_customers", T0.plusSeconds(600)));
        told.forEach(e -> assertThat(memory.remember(e)).isTrue());

        assertThat(memory.recall()).containsExactlyElementsOf(told);
    }

    @Test
    void a_step_told_again_is_kept_once() {
        GateMemory memory = new GateMemory(db(), "world-" + WORLDS.incrementAndGet());
        GateMemory.Execution first = execution("case-1", 2, "order_part", T0);

        assertThat(memory.remember(first)).isTrue();
        assertThat(memory.remember(execution("case-1", 2, "order_part", T0.plusSeconds(300))))
                .as("the same step run again under its key after a restart")
                .isFalse();
        assertThat(memory.recall()).containsExactly(first);
    }

    @Test
    void worlds_do_not_share_their_memory() {
        String world = "world-" + WORLDS.incrementAndGet();
        new GateMemory(db(), world).remember(execution("case-1", 2, "order_part", T0));

        assertThat(new GateMemory(db(), world + "-other").recall()).isEmpty();
        assertThat(new GateMemory(db(), world).recall()).hasSize(1);
    }
}
