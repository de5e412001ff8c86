package dev.autonoc.core.loop;

import dev.autonoc.core.casefile.StepRecord;
import dev.autonoc.core.casefile.StepState;
import dev.autonoc.core.cases.CaseRecord;
import dev.autonoc.core.tool.IdempotencyKey;
import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolInvocation;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.core.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
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
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("element_id", c.element().id().value());
        args.put("at", at.toString());
        workEnd(c, at).ifPresent(end -> args.put("duration_minutes", minutesBetween(at, end)));
        ToolInvocation inv =
                new ToolInvocation(
                        ToolCall.of(ToolNames.PREVIEW_OUTAGE, args),
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

    /**
     * When the element is back: the end of the booked visit that still stands, when the outage from
     * {@code at} runs up to it (traffic moved off before the engineer leaves). Without one the
     * tool's own default length applies (a restart's).
     */
    private static Optional<Instant> workEnd(CaseRecord c, Instant at) {
        return c.steps().stream()
                .filter(s -> s.call().tool().equals(ToolNames.DISPATCH_ENGINEER))
                .filter(s -> s.state() == StepState.DONE && s.commitment().undoable())
                .map(StepRecord::completesAt)
                .flatMap(Optional::stream)
                .filter(end -> end.isAfter(at))
                .max(Instant::compareTo);
    }

    private static long minutesBetween(Instant from, Instant to) {
        long minutes = Duration.between(from, to).toMinutes();
        return Math.max(1, minutes);
    }
}
