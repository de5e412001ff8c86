package dev.autonoc.core.plan;

import dev.autonoc.core.tool.ToolResult;
import java.util.Objects;

/**
 * A read a planner needed came back without an answer, so no plan can be made now. Whether planning
 * again later may do better is the read's outcome class: a TRANSIENT or UNCERTAIN read is worth
 * another try after a backoff (the loop plans the case again then); a REFUSED or INVALID one is
 * not.
 */
public final class ReadFailed extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String tool;
    private final ToolResult.Outcome outcome;

    public ReadFailed(String tool, ToolResult result) {
        super(
                Objects.requireNonNull(tool, "tool")
                        + " failed: "
                        + Objects.requireNonNull(result, "result").summary());
        this.tool = tool;
        this.outcome = result.outcome();
    }

    /** The read tool that failed. */
    public String tool() {
        return tool;
    }

    /** How it failed. */
    public ToolResult.Outcome outcome() {
        return outcome;
    }

    /** Whether the same read may succeed later. */
    public boolean worthRetrying() {
        return outcome.worthRetrying();
    }
}
