package dev.autonoc.simulators;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Who the network serves: consumers on every radio site, and enterprise slices, each sold to one
 * customer, spanning several sites with an availability and latency SLA and a monthly fee.
 */
final class Customers {

    /** The round trip a router hop adds to a slice's latency. */
    static final double HOP_LATENCY_MS = 2.0;

    /**
     * @param sites positions in {@link Topology#aggs} of the sites it spans
     * @param latencySlaMs the round-trip budget; a hop costs {@link #HOP_LATENCY_MS}
     */
    record Slice(
            String id, String customerId, int[] sites, double monthlyFeeGbp, double latencySlaMs) {}

    final List<Slice> slices;
    private final int[][] slicesOfAgg;
    final int consumersPerCell;

    Customers(Topology topology, TwinSpec spec, SplittableRandom rng) {
        this.consumersPerCell = spec.consumersPerCell();
        int siteCount = topology.aggs.length;
        List<Slice> out = new ArrayList<>();
        List<List<Integer>> byAgg = new ArrayList<>();
        for (int i = 0; i < siteCount; i++) {
            byAgg.add(new ArrayList<>());
        }
        for (int s = 1; s <= spec.enterpriseSlices(); s++) {
            int span = Math.min(siteCount, 3 + rng.nextInt(3));
            int[] sites = new int[span];
            List<Integer> pool = new ArrayList<>();
            for (int i = 0; i < siteCount; i++) {
                pool.add(i);
            }
            for (int k = 0; k < span; k++) {
                sites[k] = pool.remove(rng.nextInt(pool.size()));
            }
            java.util.Arrays.sort(sites);
            double fee = 2_000 + 100 * rng.nextInt(181);
            String num = s < 10 ? "0" + s : Integer.toString(s);
            Slice slice = new Slice("slice-" + num, "ent-" + num, sites, fee, 20.0);
            out.add(slice);
            for (int site : sites) {
                byAgg.get(site).add(s - 1);
            }
        }
        this.slices = List.copyOf(out);
        slicesOfAgg = new int[siteCount][];
        for (int i = 0; i < siteCount; i++) {
            slicesOfAgg[i] = byAgg.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    int[] slicesOfAgg(int aggPosition) {
        return slicesOfAgg[aggPosition];
    }

    boolean knownCustomer(String id) {
        for (Slice s : slices) {
            if (s.customerId().equals(id)) {
                return true;
            }
        }
        return false;
    }
}
