package dev.autonoc.core.plan;

import dev.autonoc.core.tool.ToolCall;
import dev.autonoc.core.tool.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The read-only tools, as a planner sees them. The loop behind it refuses acting tools and writes
 * every read to the audit trail.
 */
@FunctionalInterface
public interface ToolReader {

    ToolResult read(String tool, Map<String, Object> arguments);

    /**
     * Reads that do not depend on each other's answers, which the planner would make one after
     * another in this order, stopping at the first that does not succeed (a planning that cannot go
     * on without it). This default reads them so, one after another, and its answer stops there: it
     * holds the answers up to and including the first that did not succeed.
     *
     * <p>A loop that asks them at once (connected mode, {@code
     * RemediationLoopBuilder#planningReadsOn}) writes them to the trail in this order, each call
     * before its result, under the keys they would have had one after another: the trail is the
     * same as this default's as long as every read but the last succeeds. When one fails, the reads
     * after it were asked too, and are in the trail and the answer as well.
     *
     * @throws IllegalArgumentException if a call is not a read tool of the catalogue, as {@link
     *     #read} does (a loop that asks the reads at once checks them all before asking any)
     */
    default List<ToolResult> readTogether(List<ToolCall> calls) {
        List<ToolResult> out = new ArrayList<>(calls.size());
        for (ToolCall call : calls) {
            ToolResult result = read(call.tool(), call.arguments());
            out.add(result);
            if (!result.succeeded()) {
                break;
            }
        }
        return out;
    }

    /**
     * Reads of which the planner needs the first now and may need the next ones, each only if those
     * before it answered a certain way (the do-no-harm what-ifs of the next windows for the work,
     * asked only when the one before found harm). This default reads the first only, as one after
     * another would: the trail holds only what the plan asked for.
     *
     * <p>A loop that asks reads at once (connected mode, {@code
     * RemediationLoopBuilder#planningReadsOn}) asks them all together, as {@link #readTogether}
     * does, and so trades a read the plan may not use (in the trail all the same, with its answer)
     * for the wait of asking them one after another.
     *
     * @return the answers in the order given, the first's at least
     * @throws IllegalArgumentException if a call is not a read tool of the catalogue, as {@link
     *     #read} does
     */
    default List<ToolResult> readAhead(List<ToolCall> calls) {
        if (calls.isEmpty()) {
            return List.of();
        }
        ToolCall first = calls.get(0);
        return List.of(read(first.tool(), first.arguments()));
    }
}
