package dev.autonoc.core.tool;

import java.util.Map;
import java.util.Objects;

/**
 * A call of one tool with its arguments. Arguments are a JSON-like tree (String, Number, Boolean,
 * List, Map), as a planner or a language model writes them.
 */
public record ToolCall(String tool, Map<String, Object> arguments) {

    public ToolCall {
        Objects.requireNonNull(tool, "tool");
        arguments = Map.copyOf(arguments);
    }

    public static ToolCall of(String tool, Map<String, Object> arguments) {
        return new ToolCall(tool, arguments);
    }
}
