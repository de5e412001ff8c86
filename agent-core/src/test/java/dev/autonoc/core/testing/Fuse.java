package dev.autonoc.core.testing;

/**
 * Where a test kills the process: every point that may be the last (a ledger write, a tool call
 * before or after it acts) lights the fuse once; at number {@link #at} the process dies, throwing
 * {@link Killed}, which nothing in the loop catches (as nothing survives a {@code kill -9}).
 */
public final class Fuse {

    /** The process died here. */
    public static final class Killed extends Error {
        private static final long serialVersionUID = 1L;

        Killed(String where) {
            super("killed " + where);
        }
    }

    /** The point to die at, from 1; 0 never. */
    public int at;

    private int points;

    /** Counts a point; dies if it is the one. */
    public void point(String where) {
        points++;
        if (points == at) {
            throw new Killed("at point " + points + ": " + where);
        }
    }

    /** How many points were passed. */
    public int points() {
        return points;
    }
}
