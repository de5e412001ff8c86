package dev.autonoc.core.tool;

import java.util.Objects;

/**
 * What a tool is, for planners, the policy, the MCP server and people.
 *
 * @param name the catalogue name ({@code order_part}); scenarios, policies and the audit trail use
 *     it
 * @param argumentSchema a JSON Schema (draft 2020-12) of the arguments object, as JSON text
 * @param tmfApi the TM Forum Open API its payloads follow ({@code TMF622})
 */
public record ToolDescriptor(
        String name, ToolKind kind, String description, String argumentSchema, String tmfApi) {

    public ToolDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(argumentSchema, "argumentSchema");
        Objects.requireNonNull(tmfApi, "tmfApi");
    }
}
