package dev.autonoc.core.prediction;

import dev.autonoc.core.network.ElementId;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What one instance's predictor learnt from the samples it alone takes that the predictors of the
 * other instances over the same network need too: where several instances share a network's
 * telemetry (each takes its partitions' elements), an element is judged against its peers and its
 * neighbours, some of whose samples go to other instances.
 *
 * @param model the model version whose features these are: a share is joined only by a predictor of
 *     the same model
 * @param at the sharing predictor's time when it was made
 * @param peers per peer group, the members with data and the running sums of their peer-relative
 *     values
 * @param outOfService the elements watched by the sharing instance that are out of service now
 *     (down, silent or drained), whose neighbours take their traffic
 */
public record PredictorShare(
        String model, Instant at, List<Peers> peers, List<ElementId> outOfService) {

    public PredictorShare {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(at, "at");
        peers = List.copyOf(peers);
        outOfService = List.copyOf(outOfService);
    }

    /**
     * One peer group's part in a share.
     *
     * @param group the group's name (its region and family)
     * @param members per metric, how many of the group's elements watched by the sharing instance
     *     have data
     * @param sums per metric and kind of value, the running sums over those members, in the layout
     *     of the predictor that made it
     */
    public record Peers(String group, int[] members, double[] sums) {

        public Peers {
            Objects.requireNonNull(group, "group");
            members = members.clone();
            sums = sums.clone();
        }

        @Override
        public int[] members() {
            return members.clone();
        }

        @Override
        public double[] sums() {
            return sums.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Peers p
                    && group.equals(p.group)
                    && Arrays.equals(members, p.members)
                    && Arrays.equals(sums, p.sums);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * group.hashCode() + Arrays.hashCode(members)) + Arrays.hashCode(sums);
        }

        @Override
        public String toString() {
            return "Peers[" + group + ", " + Arrays.toString(members) + "]";
        }
    }
}
