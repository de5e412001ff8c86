package dev.autonoc.core.tool;

/**
 * A call's arguments do not fit the tool's schema; the message names the argument and what is
 * accepted.
 */
public class InvalidArgumentsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidArgumentsException(String tool, String message) {
        super(tool + ": " + message);
    }
}
