package dev.autonoc.service.policy;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.tool.ToolNames;
import java.util.List;

/**
 * A rule as written in a policy file: what it matches, its condition, its effect and message.
 *
 * @param tools the act tools it matches ({@code *}: every act tool)
 * @param kinds element kinds it matches; empty means any
 * @param regions element regions it matches; empty means any
 * @param condition the CEL condition; empty means always true
 * @param role the approver's role, with REQUIRE_APPROVAL
 */
public record PolicyRule(
        String id,
        String description,
        List<String> tools,
        List<String> kinds,
        List<String> regions,
        String condition,
        String effect,
        String role,
        String message) {

    public PolicyRule {
        tools = List.copyOf(tools);
        kinds = List.copyOf(kinds);
        regions = List.copyOf(regions);
    }

    /** Whether the rule applies to this tool on this element, before its condition. */
    public boolean matches(String tool, Element element) {
        boolean toolMatches =
                tools.contains(tool) || (tools.contains("*") && ToolNames.ACT.contains(tool));
        return toolMatches
                && (kinds.isEmpty() || kinds.contains(element.kind().name()))
                && (regions.isEmpty() || regions.contains(element.region()));
    }
}
