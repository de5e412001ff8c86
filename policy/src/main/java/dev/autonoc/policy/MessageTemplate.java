package dev.autonoc.policy;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.List;
import java.util.Objects;

/**
 * A rule's message: text with {@code ${cel expression}} parts, each compiled at load and evaluated
 * against the same variables as the condition, so that a reason names the numbers ("the part costs
 * 1200 GBP"). A part that fails at evaluation prints as {@code [expression: error]}: a message
 * never changes an effect.
 *
 * @param source the message as the file wrote it, {@code ${...}} parts and all
 */
record MessageTemplate(String source, List<Part> parts) {

    MessageTemplate {
        Objects.requireNonNull(source, "source");
        parts = List.copyOf(parts);
    }

    /** Literal text, or an expression. */
    sealed interface Part permits Literal, Expression {}

    record Literal(String text) implements Part {}

    /**
     * A {@code ${...}} part.
     *
     * @param direct the expression compiled to Java, asked first ({@link DirectExpressions})
     */
    record Expression(String source, CelRuntime.Program program, DirectExpressions.Direct direct)
            implements Part {

        /** The part's value: the direct expression's, or CEL's when it is unsure. */
        Object eval(Activation variables) throws CelEvaluationException {
            Object v = DirectExpressions.evalOrFallback(direct, variables);
            // a message prints scalars; anything else is CEL's to render
            if (v instanceof String
                    || v instanceof Boolean
                    || v instanceof Long
                    || v instanceof Double) {
                return v;
            }
            return program.eval(variables);
        }
    }

    /** The same message with every part evaluated by CEL alone: for tests. */
    MessageTemplate celOnly() {
        return new MessageTemplate(
                source,
                parts.stream()
                        .map(
                                p ->
                                        p instanceof Expression e
                                                ? new Expression(
                                                        e.source(),
                                                        e.program(),
                                                        DirectExpressions.CEL_ONLY)
                                                : p)
                        .toList());
    }

    String render(Activation variables) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                out.append(literal.text());
            } else if (part instanceof Expression e) {
                try {
                    out.append(Values.format(e.eval(variables)));
                } catch (CelEvaluationException | RuntimeException ex) {
                    out.append('[')
                            .append(e.source())
                            .append(": ")
                            .append(ex.getMessage())
                            .append(']');
                }
            }
        }
        return out.toString();
    }
}
