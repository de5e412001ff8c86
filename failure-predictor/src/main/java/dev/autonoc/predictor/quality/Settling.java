package dev.autonoc.predictor.quality;

import java.util.Arrays;

/**
 * Which elements are settling after a telemetry gap: their data are back, but the windows the
 * failure model reads still span the gap (docs/data-quality.md, "Settling"). While an element
 * settles the predictor raises no new alarm on it; one standing stays.
 *
 * <p>Why two spells, measured feature by feature on the twin with the default model ({@code
 * GapDistortionProbe}, evals test sources): the first sample after a gap of hours is taken in with
 * the weight of the whole silence, so the 1 h mean, the jitter and the 6 h mean jump to one noisy
 * reading and it counts as a spike. For about {@link #REFILL_SECONDS 6 h} (the 6 h window's time
 * constant) the jitter, the spikes, the 6 h slope and the 6 h peer deviations read that jump, and
 * the healthy elements of a region back from an 8 h gap scored up to 0.94 (the bar is 0.9). Then
 * the features are sound again, until the 24 h slope reads the hourly snapshots of the 6 h mean
 * taken in those first hours back: a day after the gap's end the same elements scored up to 0.99
 * for four hours, on the PSU ripple's and temperature's 24 h slopes. So an element settles from its
 * return for 6 h, and again from 23 h (the snapshot of the hour it came back in is read from the
 * start of that hour a day on) to 30 h after it; between the two it is judged as usual, so a real
 * fault costs at most the first spell and the persistence in warning delay. The other choice, the
 * slopes and peer sums re-based when the data return, would change the features the model was
 * trained on, in the per-sample path, for every element; waiting costs nothing per sample.
 *
 * <p>A gap shorter than {@link #GAP_SECONDS an hour} is not one: the first sample back then weighs
 * less than two-thirds of the 1 h mean, and the windows ride it out.
 *
 * <p>Peers: an element's peer features are its own values less its region-and-family group's mean.
 * When a quarter or more of its group came back from a gap within the same hour (a region's
 * collector silent), the group mean carries their jumps, so every member settles on the group's
 * schedule, those that never went silent too. One element's gap moves its peers' features by a
 * share its group spreads out: they are judged as usual.
 *
 * <p>Arrays indexed by the tracker's element number, and by group number; nothing allocated per
 * sample, a comparison per sample to find a gap. Not thread-safe: one writer, as the tracker.
 */
final class Settling {

    /** A silence at least this long makes the element settle. */
    static final long GAP_SECONDS = 3_600;

    /** The first spell, from the element's return: the 6 h windows refill. */
    static final long REFILL_SECONDS = 6 * 3_600;

    /** The second spell: the 24 h slope reads the snapshots of the first spell's hours. */
    static final long SLOPE_FROM_SECONDS = 23 * 3_600;

    static final long SLOPE_UNTIL_SECONDS = 24 * 3_600 + REFILL_SECONDS;

    /** Returns of a group's members further apart than this are separate gaps. */
    private static final long SAME_GAP_SECONDS = 3_600;

    static final long NEVER = Long.MIN_VALUE;

    // per element: the stamp (epoch seconds) of its first sample after its last gap, and the
    // silence it came back from, in seconds; its group's number, or -1
    private long[] backAt = new long[16];
    private long[] silence = new long[16];
    private int[] groupOf = new int[16];
    // started afresh (new, or its readings forgotten after work): its first step is no gap
    private boolean[] restarted = new boolean[16];
    // per group: the newest return of a member, how many members came back within the same gap,
    // and its members
    private long[] groupBackAt = new long[0];
    private int[] groupReturns = new int[0];
    private int[] groupMembers = new int[0];

    Settling() {
        Arrays.fill(backAt, NEVER);
        Arrays.fill(groupOf, -1);
    }

    /** Makes room for the element numbered {@code n} (numbers are handed out in order). */
    void track(int n) {
        if (n >= backAt.length) {
            int grown = Math.max(n + 1, backAt.length * 2);
            int was = backAt.length;
            backAt = Arrays.copyOf(backAt, grown);
            silence = Arrays.copyOf(silence, grown);
            groupOf = Arrays.copyOf(groupOf, grown);
            restarted = Arrays.copyOf(restarted, grown);
            Arrays.fill(backAt, was, grown, NEVER);
            Arrays.fill(groupOf, was, grown, -1);
        }
    }

    /** Puts the element numbered {@code n} in peer group {@code group} (0, 1, ...). */
    void group(int n, int group) {
        track(n);
        if (group >= groupMembers.length) {
            int was = groupMembers.length;
            groupMembers = Arrays.copyOf(groupMembers, group + 1);
            groupReturns = Arrays.copyOf(groupReturns, group + 1);
            groupBackAt = Arrays.copyOf(groupBackAt, group + 1);
            Arrays.fill(groupBackAt, was, group + 1, NEVER);
        }
        if (groupOf[n] >= 0) {
            groupMembers[groupOf[n]]--;
        }
        groupOf[n] = group;
        groupMembers[group]++;
    }

    /**
     * The element numbered {@code n} took in a sample stamped {@code at} (epoch seconds), {@code
     * step} seconds after its previous one.
     */
    void taken(int n, long at, long step) {
        if (step < GAP_SECONDS || restarted[n]) {
            restarted[n] = false;
            return;
        }
        backAt[n] = at;
        silence[n] = step;
        int g = groupOf[n];
        if (g >= 0) {
            if (groupBackAt[g] == NEVER || at - groupBackAt[g] > SAME_GAP_SECONDS) {
                groupReturns[g] = 0;
            }
            groupReturns[g]++;
            groupBackAt[g] = at;
        }
    }

    /**
     * Forgets the element's gap: after work on it its windows start afresh, and the silence the
     * work made (an element down, restarted) is no gap in them.
     */
    void forget(int n) {
        track(n);
        backAt[n] = NEVER;
        restarted[n] = true;
    }

    /**
     * Since when the windows of the element numbered {@code n} span a gap at {@code now} (epoch
     * seconds): the stamp of the return they are settling from, its own or its group's, or {@link
     * #NEVER} when they do not.
     */
    long settlingFrom(int n, long now) {
        long own = backAt[n];
        if (own != NEVER && within(now - own)) {
            return own;
        }
        int g = groupOf[n];
        if (g >= 0 && groupReturns[g] * 4 >= groupMembers[g]) {
            long theirs = groupBackAt[g];
            if (theirs != NEVER && within(now - theirs)) {
                return theirs;
            }
        }
        return NEVER;
    }

    /** Whether the element numbered {@code n} settles at {@code now} (epoch seconds). */
    boolean settling(int n, long now) {
        return settlingFrom(n, now) != NEVER;
    }

    /** The stamp of the element's own last return from a gap, or {@link #NEVER}. */
    long backAt(int n) {
        return backAt[n];
    }

    /** The silence, in seconds, the element's own last return ended. */
    long silence(int n) {
        return silence[n];
    }

    /** Whether a time {@code since} seconds after a return lies in one of the two spells. */
    static boolean within(long since) {
        return since >= 0 && since < REFILL_SECONDS
                || since >= SLOPE_FROM_SECONDS && since < SLOPE_UNTIL_SECONDS;
    }

    /** The end (epoch seconds) of the spell {@code now} lies in, for a return at {@code from}. */
    static long until(long from, long now) {
        return now - from < REFILL_SECONDS ? from + REFILL_SECONDS : from + SLOPE_UNTIL_SECONDS;
    }
}
