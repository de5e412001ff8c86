package dev.autonoc.predictor;

import static dev.autonoc.predictor.ElementFeatures.FIELDS;
import static dev.autonoc.predictor.ElementFeatures.H_FIELDS;
import static dev.autonoc.predictor.ElementFeatures.SNAPSHOT_HOURS;

import java.util.List;

/**
 * The arrays a network's element states share ({@link ElementFeatures}), each element's part after
 * the one made before it ({@link ElementFeatures#so}): hot state in {@code s} and {@code h}, hourly
 * snapshots apart. Used only while the elements are made: each keeps the arrays and its offsets in
 * fields of its own, so a sample's update reads no slab.
 *
 * <p>The snapshots are laid out hour first: the row of one hour of the ring ({@link
 * ElementFeatures#SNAPSHOT_HOURS} rows of {@link #metrics} slots) holds every element's metrics
 * side by side, in the elements' order. Every element takes its snapshot in the same tick (the
 * first sample of the hour), element after element, so that tick writes one row and reads the rows
 * of 6 h and 24 h ago, each in order, and the hardware prefetches them. Laid out element first
 * (each metric's 26 hours together), each metric's snapshot read and wrote five cache lines of
 * their own, about a tenth of a national run's CPU (docs/benchmarks.md, "The seventh speed pass").
 */
final class FeatureSlab {
    final double[] s;
    final long[] h;
    final long[] snapHour;
    final double[] snap1;
    final double[] snap6;
    // the metrics of every element: the length of one hour's row of snapshots
    final int metrics;
    // where the next element's part starts in s, h and each hour's row of snapshots
    int nextS;
    int nextH;
    int nextSnap;

    /** Room for one element of each family listed, in that order. */
    FeatureSlab(List<Family> families) {
        int metrics = 0;
        for (Family f : families) {
            metrics += f.metrics().size();
        }
        this.metrics = metrics;
        s = new double[metrics * FIELDS];
        h = new long[metrics * H_FIELDS];
        snapHour = new long[metrics * SNAPSHOT_HOURS];
        snap1 = new double[metrics * SNAPSHOT_HOURS];
        snap6 = new double[metrics * SNAPSHOT_HOURS];
    }
}
