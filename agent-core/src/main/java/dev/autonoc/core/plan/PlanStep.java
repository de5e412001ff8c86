package dev.autonoc.core.plan;

import dev.autonoc.core.tool.ToolCall;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One step of a plan: a tool call, when it may run, and what it waits for.
 *
 * @param index the step's position, from 0
 * @param notBefore the step does not run before this time
 * @param afterCompletionOf the index of an earlier step whose effect (a delivery, a job, a restart)
 *     must be complete before this one runs
 * @param purpose why the step is there, in words
 */
public record PlanStep(
        int index,
        ToolCall call,
        Instant notBefore,
        OptionalInt afterCompletionOf,
        String purpose) {

    public PlanStep {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(afterCompletionOf, "afterCompletionOf");
        Objects.requireNonNull(purpose, "purpose");
        if (afterCompletionOf.isPresent() && afterCompletionOf.getAsInt() >= index) {
            throw new IllegalArgumentException(
                    "step "
                            + index
                            + " can only wait for an earlier step, not "
                            + afterCompletionOf.getAsInt());
        }
    }
}
