package dev.autonoc.predictor;

import dev.autonoc.core.prediction.PredictorShare;

/**
 * The elements of one family in one region, for the peer features: per metric, how many members
 * have data and the running sums of their own peer-relative values (the 6 h, 24 h and long-term
 * deviations from their baselines, both slopes and the jitter). Each member adds the change of its
 * own values as it updates them, so a member's peer feature is its own value less the others' mean,
 * read in constant time.
 *
 * <p>Where several instances share a network, each takes part of a group's members' samples: the
 * sums and counts then hold the other instances' parts too ({@link #join}, from their shares), so a
 * member is compared with all its peers, wherever their samples go.
 *
 * <p>For the predictor's skip: {@link #movement} grows by a bound on how far any member's score can
 * have moved through the others' means, and {@link #version} changes whenever the number of members
 * with data does (which changes every member's peer features at once).
 */
final class PeerGroup {

    /** The own values kept in the sums, per metric. */
    static final int DEV_6H = 0;

    static final int DEV_24H = 1;
    static final int SLOPE_6H = 2;
    static final int SLOPE_24H = 3;
    static final int JITTER = 4;
    static final int DEV_LONG = 5;
    static final int KINDS = 6;

    final String name;
    final Family family;
    final double[] sum;
    final int[] count;
    // the other instances' parts of sum and count (0 alone)
    private final double[] othersSum;
    private final int[] othersCount;
    // 1 / (members with data - 1) per metric, 0 while there is no other member
    final double[] invOthers;
    // the sums at the end of the last tick, and the weights of the family's model per sum
    private final double[] sumAtTick;
    double[] coef;
    // per metric, REACH weights (from i * REACH), null while untracked: what a member's update
    // adds to its movement per unit of each of its changes (ElementFeatures.update), its own
    // weight and its peer weight times (1 + 1 / others) in one, worked out when the members with
    // data change rather than at every sample
    double[] reach;
    private double[] ownCoef;
    int members;
    long version;
    double movement;

    PeerGroup(String name, Family family) {
        this.name = name;
        this.family = family;
        int metrics = family.metrics().size();
        sum = new double[metrics * KINDS];
        count = new int[metrics];
        othersSum = new double[metrics * KINDS];
        othersCount = new int[metrics];
        invOthers = new double[metrics];
        sumAtTick = new double[metrics * KINDS];
    }

    /**
     * Ends a tick: adds the bound of how far the others' means moved since the last tick (times the
     * weights, while tracked).
     */
    void tick() {
        if (coef != null) {
            double moved = 0.0;
            for (int i = 0; i < count.length; i++) {
                double part = 0.0;
                for (int k = 0; k < KINDS; k++) {
                    int j = i * KINDS + k;
                    part += coef[j] * Math.abs(sum[j] - sumAtTick[j]);
                }
                moved += part * invOthers[i];
            }
            movement += moved;
        }
        System.arraycopy(sum, 0, sumAtTick, 0, sum.length);
    }

    /**
     * Starts from {@code before}'s own part (its sums and counts less the other instances'): the
     * same group of an extractor an inventory change replaced. Right after construction.
     */
    void carry(PeerGroup before) {
        for (int i = 0; i < count.length; i++) {
            int own = before.count[i] - before.othersCount[i];
            if (own != 0) {
                countChanged(i, own);
            }
        }
        for (int j = 0; j < sum.length; j++) {
            sum[j] = before.sum[j] - before.othersSum[j];
        }
        System.arraycopy(sum, 0, sumAtTick, 0, sum.length);
    }

    /**
     * Adds (sign +1) or takes out (-1) a member's own values of metric {@code i} ({@link
     * ElementFeatures#own}) from the sums.
     */
    void add(int i, double[] own, double sign) {
        int g = i * KINDS;
        sum[g + DEV_6H] += sign * own[ElementFeatures.OWN_DEV_6H];
        sum[g + DEV_24H] += sign * own[ElementFeatures.OWN_DEV_24H];
        sum[g + SLOPE_6H] += sign * own[ElementFeatures.OWN_SLOPE_6H];
        sum[g + SLOPE_24H] += sign * own[ElementFeatures.OWN_SLOPE_24H];
        sum[g + JITTER] += sign * own[ElementFeatures.OWN_JITTER];
        sum[g + DEV_LONG] += sign * own[ElementFeatures.OWN_DEV_LONG];
    }

    /** This instance's part of the group: its members with data and their sums. */
    PredictorShare.Peers share() {
        int[] members = new int[count.length];
        for (int i = 0; i < count.length; i++) {
            members[i] = count[i] - othersCount[i];
        }
        double[] own = new double[sum.length];
        for (int j = 0; j < sum.length; j++) {
            own[j] = sum[j] - othersSum[j];
        }
        return new PredictorShare.Peers(name, members, own);
    }

    /**
     * The other instances' parts, in place of those joined before: the sums move by the difference
     * (counted in the movement at the next {@link #tick}, as any member's change is), the counts as
     * members gaining or losing data do.
     */
    void join(int[] members, double[] sums) {
        for (int i = 0; i < count.length; i++) {
            int delta = members[i] - othersCount[i];
            if (delta != 0) {
                othersCount[i] = members[i];
                countChanged(i, delta);
            }
        }
        for (int j = 0; j < sum.length; j++) {
            sum[j] += sums[j] - othersSum[j];
            othersSum[j] = sums[j];
        }
    }

    /** The changes of a member's update the reach weighs, per metric: see {@link #reach}. */
    static final int R_LEVEL_1H = 0;

    static final int R_LEVEL_24H = 1;
    static final int R_DEV_6H = 2;
    static final int R_DEV_24H = 3;
    static final int R_SPIKES = 4;
    static final int R_DEV_LONG = 5;
    static final int R_SLOPE_6H = 6;
    static final int R_SLOPE_24H = 7;
    static final int R_JITTER = 8;
    static final int REACH = 9;

    /**
     * Tracks the family's model: {@code own} per metric and {@link ElementFeatures#OWN_KINDS}, the
     * weights of the member's own values; {@code peer} per metric and {@link #KINDS}, those of its
     * peer-relative values.
     */
    void weigh(double[] own, double[] peer) {
        ownCoef = own;
        coef = peer;
        reach = new double[count.length * REACH];
        for (int i = 0; i < count.length; i++) {
            reweigh(i);
        }
    }

    /**
     * A change {@code δ} of a member's own value moves its own feature by {@code |δ|} and its peer
     * feature by at most {@code |δ| (1 + 1/k)} (see ElementFeatures.peerMovement): one weight per
     * change, the sum of both. It differs from weighing each apart by rounding only, far inside the
     * margin {@link CompiledScorer#canSkip} keeps.
     */
    private void reweigh(int i) {
        if (reach == null) {
            return;
        }
        double f = 1.0 + invOthers[i];
        int o = i * ElementFeatures.OWN_KINDS;
        int g = i * KINDS;
        int r = i * REACH;
        reach[r + R_LEVEL_1H] = ownCoef[o + ElementFeatures.OWN_LEVEL_1H];
        reach[r + R_LEVEL_24H] = ownCoef[o + ElementFeatures.OWN_LEVEL_24H];
        reach[r + R_DEV_6H] = ownCoef[o + ElementFeatures.OWN_DEV_6H] + coef[g + DEV_6H] * f;
        reach[r + R_DEV_24H] = ownCoef[o + ElementFeatures.OWN_DEV_24H] + coef[g + DEV_24H] * f;
        reach[r + R_SPIKES] = ownCoef[o + ElementFeatures.OWN_SPIKES];
        reach[r + R_DEV_LONG] = ownCoef[o + ElementFeatures.OWN_DEV_LONG] + coef[g + DEV_LONG] * f;
        reach[r + R_SLOPE_6H] = coef[g + SLOPE_6H] * f;
        reach[r + R_SLOPE_24H] = coef[g + SLOPE_24H] * f;
        reach[r + R_JITTER] = coef[g + JITTER] * f;
    }

    /** A member's metric has its first sample, or was forgotten. */
    void countChanged(int metric, int delta) {
        count[metric] += delta;
        invOthers[metric] = count[metric] > 1 ? 1.0 / (count[metric] - 1) : 0.0;
        version++;
        reweigh(metric);
    }

    /**
     * A peer-relative feature: the member's own value less the mean of the others', or the own
     * value alone while it has no peer ({@code zeroAlone}: 0 instead, for the peer deviations).
     */
    double relative(int metric, int kind, double own, boolean zeroAlone) {
        int others = count[metric] - 1;
        if (others <= 0) {
            return zeroAlone ? 0.0 : own;
        }
        return own - (sum[metric * KINDS + kind] - own) * invOthers[metric];
    }

    /**
     * What a change of a member's own peer-relative values of metric {@code i} moves its peer
     * features by, at most: a peer feature is {@code own - (S - own) / k} with {@code S} the sum
     * over the group, its own value included, and {@code k} the others; when its own value moves by
     * {@code δ} and the sum by {@code ΔS}, the feature moves by {@code δ - (ΔS - δ) / k}, at most
     * {@code |δ| (1 + 1/k) + |ΔS| / k}. The {@code |ΔS| / k} is counted at the end of the tick
     * ({@link #tick}); this is the rest, 0 while the family's model is not tracked.
     */
    double movement(
            int i, double dDev6, double dDev24, double dS6, double dS24, double dJ, double dLong) {
        double[] g = coef;
        if (g == null) {
            return 0.0;
        }
        int j = i * KINDS;
        return (g[j + DEV_6H] * Math.abs(dDev6)
                        + g[j + DEV_24H] * Math.abs(dDev24)
                        + g[j + SLOPE_6H] * Math.abs(dS6)
                        + g[j + SLOPE_24H] * Math.abs(dS24)
                        + g[j + JITTER] * Math.abs(dJ)
                        + g[j + DEV_LONG] * Math.abs(dLong))
                * (1.0 + invOthers[i]);
    }
}
