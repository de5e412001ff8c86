package dev.autonoc.core.tool;

import java.util.Objects;

/** A call on its way to a tool: what, under which key, on whose behalf. */
public record ToolInvocation(ToolCall call, IdempotencyKey key, String actor) {

    public ToolInvocation {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(actor, "actor");
    }
}
