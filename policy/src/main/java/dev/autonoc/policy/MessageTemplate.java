package dev.autonoc.policy;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import java.util.List;

/**
 * A rule's message: text with {@code ${cel expression}} parts, each compiled at load and evaluated
 * against the same variables as the condition, so that a reason names the numbers ("the part costs
 * 1200 GBP"). A part that fails at evaluation prints as {@code [expression: error]}: a message
 * never changes an effect.
 */
record MessageTemplate(List<Part> parts) {

    MessageTemplate {
        parts = List.copyOf(parts);
    }

    /** Literal text, or an expression. */
    sealed interface Part permits Literal, Expression {}

    record Literal(String text) implements Part {}

    record Expression(String source, CelRuntime.Program program) implements Part {}

    String render(CelVariableResolver variables) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                out.append(literal.text());
            } else if (part instanceof Expression e) {
                try {
                    out.append(Values.format(e.program().eval(variables)));
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
