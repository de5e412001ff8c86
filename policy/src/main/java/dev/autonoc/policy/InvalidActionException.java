package dev.autonoc.policy;

import java.util.Objects;

/**
 * An action ({@link ActionInput}) that cannot be put before the gate: which field was wrong, and
 * what was wrong with it, including what is accepted.
 */
public final class InvalidActionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The field of the whole action: the text is not a JSON object at all. */
    public static final String WHOLE_ACTION = "action";

    private final String field;
    private final String problem;

    public InvalidActionException(String field, String problem) {
        super(
                (field.equals(WHOLE_ACTION) ? "the action" : "field '" + field + "'")
                        + " "
                        + problem);
        this.field = Objects.requireNonNull(field, "field");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /**
     * The field that was wrong ({@code tool}, {@code cost}, {@code facts.region}, ...), or {@value
     * #WHOLE_ACTION} when the text as a whole is not an action.
     */
    public String field() {
        return field;
    }

    /** What was wrong with it and what is accepted, without the field's name. */
    public String problem() {
        return problem;
    }
}
