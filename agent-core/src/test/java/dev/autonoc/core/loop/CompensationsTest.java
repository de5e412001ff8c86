package dev.autonoc.core.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolNames;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The undo of each acting tool (STYLE.md, Temporal's saga): it names the call it takes back by that
 * call's idempotency key, acts on the same element (so the gate judges the same one), and exists
 * only where an effect can be taken back.
 */
class CompensationsTest {

    static final IdempotencyKey KEY = new IdempotencyKey("case-0001/2/3");

    static ToolCall undo(String tool) {
        return Compensations.undoFor(
                        "case-0001",
                        ToolCall.of(tool, Map.of("element_id", "core-rtr-02", "x", 1L)),
                        KEY)
                .orElseThrow();
    }

    @Test
    void an_order_is_cancelled_and_a_booking_called_off_by_the_key_they_were_made_under() {
        assertThat(undo(ToolNames.ORDER_PART).tool()).isEqualTo(ToolNames.CANCEL_ORDER);
        assertThat(undo(ToolNames.ORDER_PART).arguments())
                .containsEntry("order_key", "case-0001/2/3")
                .containsEntry("element_id", "core-rtr-02")
                .doesNotContainKey("x");
        assertThat(undo(ToolNames.DISPATCH_ENGINEER).tool())
                .isEqualTo(ToolNames.CANCEL_APPOINTMENT);
        assertThat(undo(ToolNames.DISPATCH_ENGINEER).arguments())
                .containsEntry("appointment_key", "case-0001/2/3")
                .containsEntry("element_id", "core-rtr-02");
    }

    @Test
    void traffic_moved_off_is_put_back_and_a_ticket_opened_is_closed() {
        assertThat(undo(ToolNames.REROUTE_TRAFFIC))
                .isEqualTo(
                        ToolCall.of(
                                ToolNames.RESTORE_TRAFFIC, Map.of("element_id", "core-rtr-02")));
        ToolCall close = undo(ToolNames.OPEN_TICKET);
        assertThat(close.tool()).isEqualTo(ToolNames.CLOSE_TICKET);
        assertThat(close.arguments())
                .containsEntry("case_id", "case-0001")
                .doesNotContainKey("element_id");
        assertThat((String) close.arguments().get("resolution")).startsWith("closed without work");
    }

    @Test
    void what_cannot_be_taken_back_has_no_undo() {
        for (String tool :
                new String[] {
                    ToolNames.RESTART_ELEMENT,
                    ToolNames.NOTIFY_CUSTOMERS,
                    ToolNames.APPLY_SLA_CREDIT,
                    ToolNames.RESTORE_TRAFFIC,
                    ToolNames.GET_ELEMENT
                }) {
            assertThat(Compensations.undoFor("case-0001", ToolCall.of(tool, Map.of()), KEY))
                    .as(tool)
                    .isEmpty();
        }
    }
}
