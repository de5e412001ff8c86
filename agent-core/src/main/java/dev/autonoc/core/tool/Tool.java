package dev.autonoc.core.tool;

import java.util.Map;

/**
 * One entry of the tool catalogue. Implementations validate arguments against their schema and
 * answer a bad argument with {@link InvalidArgumentsException} naming the argument and what is
 * accepted.
 */
public interface Tool {

    ToolDescriptor descriptor();

    default String name() {
        return descriptor().name();
    }

    /** Cost, risk and policy facts of the call, before it runs; has no effect. */
    Estimate estimate(Map<String, Object> arguments);

    /**
     * Runs the call. A second call with the same key returns the first result and has no second
     * effect. Failures of the far side come back as a result, not as an exception.
     */
    ToolResult execute(ToolInvocation invocation);
}
