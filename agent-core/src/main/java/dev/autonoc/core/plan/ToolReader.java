package dev.autonoc.core.plan;

import dev.autonoc.core.tool.ToolResult;
import java.util.Map;

/**
 * The read-only tools, as a planner sees them. The loop behind it refuses acting tools and writes
 * every read to the audit trail.
 */
@FunctionalInterface
public interface ToolReader {

    ToolResult read(String tool, Map<String, Object> arguments);
}
