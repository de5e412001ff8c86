package dev.autonoc.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolCatalogue;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import dev.autonoc.core.tool.ToolResult.Outcome;
import dev.autonoc.simulators.http.TmfHttpFacade;
import dev.autonoc.tools.catalogue.ToolCatalogues;
import dev.autonoc.tools.http.TmfHttpClients;
import dev.autonoc.tools.oss.ProductOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The undo tools over real HTTP, with TOOL_FAULTS at the façade: a 503 before the cancellation is
 * TRANSIENT and cancelled nothing; a fault after it is UNCERTAIN, and the retry under the same key
 * answers the one cancellation.
 */
class UndoOverHttpTest {

    /**
     * Well under the façade's 2 s hang, so a hung call times out (UNCERTAIN), and long enough that
     * a plain call on a loaded machine does not (at 300 ms the first order timed out in a busy
     * run).
     */
    private static final Duration CLIENT_TIMEOUT = Duration.ofMillis(1000);

    private static final Map<String, Object> ORDER =
            Map.of(
                    "part", "FAN-TRAY",
                    "source", "north",
                    "site", "site-01",
                    "element_id", "agg-rtr-01");

    private static ToolResult call(
            ToolCatalogue tools, String tool, Map<String, Object> args, String key) {
        return tools.require(tool)
                .execute(
                        new ToolInvocation(
                                ToolCall.of(tool, args), new IdempotencyKey(key), "agent"));
    }

    private static Map<String, Object> cancel(String orderKey) {
        return Map.of("element_id", "agg-rtr-01", "order_key", orderKey, "reason", "plan changed");
    }

    @Test
    void a_503_on_cancel_order_is_transient_and_cancels_nothing_a_retry_cancels_once() {
        OperatorTwin twin =
                Specs.metro(5).disturb(new Disturbance.ToolFaults("cancel_order", 0.7)).twin();
        try (TmfHttpFacade facade =
                TmfHttpFacade.start(
                        twin, HttpFaults.of(twin.spec()).withHang(Duration.ofSeconds(2)))) {
            ToolCatalogue tools =
                    ToolCatalogues.standard(
                            TmfHttpClients.over(facade.baseUri(), CLIENT_TIMEOUT).ossBss(),
                            twin.clock());
            ToolResult ordered = call(tools, ToolNames.ORDER_PART, ORDER, "case-1/0/1");
            assertThat(ordered.outcome()).as(ordered.summary()).isEqualTo(Outcome.SUCCEEDED);
            var ordering = twin.ossBss().productOrdering();

            List<Outcome> seen = new ArrayList<>();
            ToolResult done = null;
            int attempt = 1;
            String key = "case-1/1/" + attempt;
            for (int i = 0; i < 40 && done == null; i++) {
                ToolResult r = call(tools, ToolNames.CANCEL_ORDER, cancel("case-1/0/1"), key);
                seen.add(r.outcome());
                switch (r.outcome()) {
                    case SUCCEEDED -> done = r;
                    case TRANSIENT -> {
                        assertThat(r.summary()).contains("nothing happened");
                        if (ordering.findOrderByKey("case-1/0/1")
                                .orElseThrow()
                                .state()
                                .equals(ProductOrder.CANCELLED)) {
                            // a 503 on this attempt, after an earlier attempt's fault after the
                            // effect: the order may be cancelled already, but not by this call
                            assertThat(seen).contains(Outcome.UNCERTAIN);
                        }
                        key = "case-1/1/" + ++attempt; // nothing happened: a new attempt
                    }
                    case UNCERTAIN -> {} // the same key again
                    default -> throw new AssertionError(r.outcome() + ": " + r.summary());
                }
            }
            assertThat(seen).contains(Outcome.TRANSIENT);
            assertThat(done).as("a cancel got through in 40 calls: " + seen).isNotNull();
            assertThat(done.output())
                    .containsEntry("cancelled", true)
                    .containsEntry("refund_gbp", 450.0);
            assertThat(twin.outcome().opsCostGbp()).isZero();
            assertThat(TwinStock.available(twin, "FAN-TRAY", "site-01", "north")).isEqualTo(2);
        }
    }

    @Test
    void the_first_503_leaves_the_order_as_it_was() {
        OperatorTwin twin =
                Specs.metro(5).disturb(new Disturbance.ToolFaults("cancel_order", 1.0)).twin();
        try (TmfHttpFacade facade =
                TmfHttpFacade.start(
                        twin, HttpFaults.of(twin.spec()).withHang(Duration.ofSeconds(2)))) {
            ToolCatalogue tools =
                    ToolCatalogues.standard(
                            TmfHttpClients.over(facade.baseUri(), CLIENT_TIMEOUT).ossBss(),
                            twin.clock());
            ToolResult ordered = call(tools, ToolNames.ORDER_PART, ORDER, "case-1/0/1");
            assertThat(ordered.outcome()).as(ordered.summary()).isEqualTo(Outcome.SUCCEEDED);
            var ordering = twin.ossBss().productOrdering();
            boolean transientSeen = false;
            for (int i = 0; i < 20 && !transientSeen; i++) {
                String state = ordering.findOrderByKey("case-1/0/1").orElseThrow().state();
                ToolResult r = call(tools, ToolNames.CANCEL_ORDER, cancel("case-1/0/1"), "k-" + i);
                if (r.outcome() == Outcome.TRANSIENT) {
                    transientSeen = true;
                    assertThat(ordering.findOrderByKey("case-1/0/1").orElseThrow().state())
                            .as("a 503 comes before the effect")
                            .isEqualTo(state);
                } else {
                    assertThat(r.outcome()).isEqualTo(Outcome.UNCERTAIN);
                }
            }
            assertThat(transientSeen).isTrue();
        }
    }
}
