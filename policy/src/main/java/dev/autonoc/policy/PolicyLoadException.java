package dev.autonoc.policy;

/**
 * A policy file was refused at load: it does not parse, or it names something the policy engine
 * does not know. The message holds the file name, the line and the reason, e.g. {@code "strict.yaml
 * line 12: rule 'order-big': unknown tool 'order_parts'; accepted: ..."}. Nothing of a refused file
 * is ever used: the gate is built from a whole valid file or not at all.
 */
public final class PolicyLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String reason;

    PolicyLoadException(String file, int line, String reason) {
        this(file, line, reason, null);
    }

    PolicyLoadException(String file, int line, String reason, Throwable cause) {
        super(file + " line " + line + ": " + reason, cause);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    /** The file name (or the name given with the text). */
    public String file() {
        return file;
    }

    /** The 1-based line of the offending node; 0 when the parser could not tell. */
    public int line() {
        return line;
    }

    /** What was wrong and what is accepted, without the file and line. */
    public String reason() {
        return reason;
    }
}
