package dev.autonoc.audit;

/**
 * A value that has no canonical JSON form (an unsupported type, NaN, a lone surrogate), or text
 * that is not JSON of the expected shape. The message names where in the tree the problem is.
 */
public final class CanonicalJsonException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final String problem;

    CanonicalJsonException(String path, String problem) {
        super(path.isEmpty() ? problem : problem + " (at " + path + ")");
        this.path = path;
        this.problem = problem;
    }

    /** The same problem, one level further out: {@code key} is prepended to the path. */
    CanonicalJsonException under(String key) {
        return new CanonicalJsonException(key + join(path), problem);
    }

    CanonicalJsonException at(int index) {
        return new CanonicalJsonException("[" + index + "]" + join(path), problem);
    }

    private static String join(String inner) {
        return inner.isEmpty() || inner.startsWith("[") ? inner : "." + inner;
    }
}
