package dev.autonoc.core.policy;

import dev.autonoc.core.tool.ToolResult;

/**
 * Decides whether an acting step may run. The gate sits outside the planner: the loop sends every
 * acting step here, and nothing the gate has not allowed (or a person approved) reaches a tool.
 */
public interface PolicyGate {

    /** The version of the policy in force: a hash of its content. */
    String version();

    Decision evaluate(ActionRequest request);

    /**
     * Tells the gate that an action ran, so that its guards (rate limits, spend, elements under
     * work) count it.
     */
    void recordExecution(ActionRequest request, ToolResult result);
}
