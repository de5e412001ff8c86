package dev.autonoc.core.plan;

import dev.autonoc.core.tool.ToolCall;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One step of a plan: a tool call, when it may run, and what it waits for.
 *
 * @param index the step's number in its case: a first plan numbers from 0, a later one from where
 *     the case's steps end ({@link CaseContext#nextIndex()})
 * @param notBefore the step does not run before this time
 * @param afterCompletionOf the index of an earlier step of the same plan whose effect (a delivery,
 *     a job, a restart) must be complete before this one runs
 * @param purpose why the step is there, in words
 * @param undoes the index of an earlier plan's step whose effect this step takes back (its
 *     registered undo), when this step is a compensation
 */
public record PlanStep(
        int index,
        ToolCall call,
        Instant notBefore,
        OptionalInt afterCompletionOf,
        String purpose,
        OptionalInt undoes) {

    public PlanStep {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(afterCompletionOf, "afterCompletionOf");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(undoes, "undoes");
        if (afterCompletionOf.isPresent() && afterCompletionOf.getAsInt() >= index) {
            throw new IllegalArgumentException(
                    "step "
                            + index
                            + " can only wait for an earlier step, not "
                            + afterCompletionOf.getAsInt());
        }
        if (undoes.isPresent() && undoes.getAsInt() >= index) {
            throw new IllegalArgumentException(
                    "step " + index + " can only undo an earlier step, not " + undoes.getAsInt());
        }
    }

    public PlanStep(
            int index,
            ToolCall call,
            Instant notBefore,
            OptionalInt afterCompletionOf,
            String purpose) {
        this(index, call, notBefore, afterCompletionOf, purpose, OptionalInt.empty());
    }

    /** The same step numbered {@code by} further on (an earlier plan's steps came before it). */
    PlanStep shifted(int by) {
        return new PlanStep(
                index + by,
                call,
                notBefore,
                afterCompletionOf.isPresent()
                        ? OptionalInt.of(afterCompletionOf.getAsInt() + by)
                        : OptionalInt.empty(),
                purpose,
                undoes);
    }
}
