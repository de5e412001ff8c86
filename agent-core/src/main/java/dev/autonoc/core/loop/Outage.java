package dev.autonoc.core.loop;

import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The loop's own what-if read before it takes an element out of service ({@code preview_outage}),
 * audited as a read of the case that belongs to no step. Empty when the catalogue has no such read
 * or it did not answer: the loop then goes by the plan.
 */
final class Outage {

    private Outage() {}

    static Optional<ToolResult> preview(LoopKit kit, CaseRecord c, Instant at, Instant now) {
        if (kit.tools.find(ToolNames.PREVIEW_OUTAGE).isEmpty()) {
            return Optional.empty();
        }
        ToolInvocation inv =
                new ToolInvocation(
                        ToolCall.of(
                                ToolNames.PREVIEW_OUTAGE,
                                Map.of(
                                        "element_id", c.element().id().value(),
                                        "at", at.toString())),
                        new IdempotencyKey(
                                c.id().value()
                                        + "/harm-"
                                        + now.getEpochSecond()
                                        + "-"
                                        + at.getEpochSecond()
                                        + "/1"),
                        kit.agent());
        ToolResult r =
                kit.calls.read(
                        c.id().value(), c.element().id().value(), Replanner.READ_STEP, inv, now);
        return r.succeeded() ? Optional.of(r) : Optional.empty();
    }
}
