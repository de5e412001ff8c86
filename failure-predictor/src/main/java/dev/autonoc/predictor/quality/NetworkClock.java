package dev.autonoc.predictor.quality;

import java.time.Instant;
import java.util.Arrays;

/**
 * Where most of the network is: the lower median of every element's newest stamp seen, kept as the
 * stamps move rather than worked out per sample.
 *
 * <p>The stamps are held as a multiset of distinct values in sorted arrays (a network's elements
 * share a few stamps: this tick's, the last tick's, and the old ones of elements gone silent), with
 * the median's index and the number of elements below it. A sample moves one element's stamp
 * forward: its new stamp is almost always the newest key (found at the end of the arrays) and its
 * old one the key before, so a move costs a couple of comparisons, and the median steps to the next
 * key once a tick, when half the network has moved on. A stamp elsewhere is found by binary search
 * over the distinct stamps; a key is inserted or dropped by shifting the keys after it. It was a
 * {@code TreeMap} of {@link Instant} counts, merged twice and walked to the middle for every
 * sample: an eighth of a national run's CPU.
 *
 * <p>A tick's samples share their stamp's object, and so do the stamps they move from: the moves of
 * such a run are counted once, when the run ends or the clock is read ({@link #now}), by the run's
 * length (docs/data-quality.md, "The states"). The median is a function of the multiset alone, so
 * it is the same as after moving them one by one. Moves not yet counted only move stamps forward,
 * so the clock as counted ({@link #counted}) is never after the clock: a caller that only needs to
 * know that a stamp is not far ahead of it can ask that first.
 *
 * <p>Not thread-safe: one writer, like the tracker it serves.
 */
final class NetworkClock {

    private long[] seconds = new long[16];
    private int[] nanos = new int[16];
    private Instant[] stamps = new Instant[16];
    private int[] counts = new int[16];
    private int size;
    // elements with a stamp, the median key's index, and the elements whose stamp is below it
    private int elements;
    private int median;
    private int below;
    // the run of moves not yet counted: this many elements' stamps moved from the object
    // runFrom to the object runTo
    private Instant runFrom;
    private Instant runTo;
    private int run;

    /** An element's first stamp. */
    void add(Instant at) {
        count();
        elements++;
        insert(at, 1);
        settle();
    }

    /**
     * An element's newest stamp moves from {@code from} (its stamp before) to the later {@code to}.
     */
    void move(Instant from, Instant to) {
        if (from == runFrom && to == runTo) {
            run++;
            return;
        }
        count();
        runFrom = from;
        runTo = to;
        run = 1;
    }

    /**
     * An element's stamp {@code at} (its newest) leaves the multiset: the element is no longer
     * watched here, so where it was says nothing of where the network is.
     */
    void drop(Instant at) {
        count();
        remove(at, 1);
        elements--;
        settle();
    }

    /** The lower median of the elements' stamps; null while no element has one. */
    Instant now() {
        count();
        return counted();
    }

    /**
     * The clock as counted so far: never after {@link #now}, the same once it has been read; null
     * while no element has a stamp.
     */
    Instant counted() {
        return elements == 0 ? null : stamps[median];
    }

    /** Counts the run of moves not yet counted. */
    private void count() {
        if (run > 0) {
            insert(runTo, run);
            remove(runFrom, run);
            settle();
            run = 0;
        }
    }

    /** {@code k} elements' stamps are {@code at}. */
    private void insert(Instant at, int k) {
        long s = at.getEpochSecond();
        int n = at.getNano();
        int i = find(s, n);
        if (i >= 0) {
            counts[i] += k;
            if (i < median) {
                below += k;
            }
            return;
        }
        int at0 = -i - 1;
        if (size == seconds.length) {
            int grown = size * 2;
            seconds = Arrays.copyOf(seconds, grown);
            nanos = Arrays.copyOf(nanos, grown);
            stamps = Arrays.copyOf(stamps, grown);
            counts = Arrays.copyOf(counts, grown);
        }
        int tail = size - at0;
        if (tail > 0) {
            System.arraycopy(seconds, at0, seconds, at0 + 1, tail);
            System.arraycopy(nanos, at0, nanos, at0 + 1, tail);
            System.arraycopy(stamps, at0, stamps, at0 + 1, tail);
            System.arraycopy(counts, at0, counts, at0 + 1, tail);
        }
        seconds[at0] = s;
        nanos[at0] = n;
        stamps[at0] = at;
        counts[at0] = k;
        size++;
        // a key before the median's (or at its place) shifts it right, and is below it
        if (at0 <= median && size > 1) {
            median++;
            below += k;
        }
    }

    /** {@code k} elements' stamps are no longer {@code at}. */
    private void remove(Instant at, int k) {
        int i = find(at.getEpochSecond(), at.getNano());
        if (i < 0 || counts[i] < k) {
            throw new IllegalStateException("fewer than " + k + " elements' stamps are " + at);
        }
        counts[i] -= k;
        if (i < median) {
            below -= k;
        }
        if (counts[i] > 0) {
            return;
        }
        int tail = size - i - 1;
        if (tail > 0) {
            System.arraycopy(seconds, i + 1, seconds, i, tail);
            System.arraycopy(nanos, i + 1, nanos, i, tail);
            System.arraycopy(stamps, i + 1, stamps, i, tail);
            System.arraycopy(counts, i + 1, counts, i, tail);
        }
        size--;
        stamps[size] = null;
        // a key before the median's shifts it left; the median's own gone, the next takes its
        // place with the same elements below it
        if (i < median) {
            median--;
        }
    }

    /** Moves the median's index until {@code below <= rank < below + counts[median]}. */
    private void settle() {
        int rank = (elements - 1) / 2;
        while (median < size && below + counts[median] <= rank) {
            below += counts[median];
            median++;
        }
        while (below > rank) {
            median--;
            below -= counts[median];
        }
    }

    /** The key's index, or {@code -(insertion point) - 1}; the newest keys are tried first. */
    private int find(long s, int n) {
        int last = size - 1;
        if (last < 0) {
            return -1;
        }
        int c = compare(s, n, last);
        if (c >= 0) {
            return c == 0 ? last : -(size) - 1;
        }
        if (last > 0 && compare(s, n, last - 1) == 0) {
            return last - 1;
        }
        int lo = 0;
        int hi = last - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int d = compare(s, n, mid);
            if (d > 0) {
                lo = mid + 1;
            } else if (d < 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    private int compare(long s, int n, int i) {
        int c = Long.compare(s, seconds[i]);
        return c != 0 ? c : Integer.compare(n, nanos[i]);
    }
}
