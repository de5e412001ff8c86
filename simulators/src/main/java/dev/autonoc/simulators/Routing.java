package dev.autonoc.simulators;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Where traffic goes with a given set of elements in service: every aggregation router sends its
 * cells' traffic to the internet gateways (two core routers) over shortest paths in hops, split
 * evenly over equal-cost next hops (ECMP), as link-state routing does. Loads are at the daily peak
 * (load factor 1); the twin scales them by the hour's factor, so a routing is recomputed only when
 * an element leaves or returns to service.
 */
final class Routing {

    static final int UNREACHABLE = Integer.MAX_VALUE;

    final Topology topology;
    final boolean[] usable;

    /** Hops from each router to the internet; {@link #UNREACHABLE} when cut off or out. */
    final int[] dist;

    /** Traffic each element carries at peak: links their load, routers their throughput. */
    final double[] peakLoad;

    /** Routers in order of decreasing distance, the order flows are pushed in. */
    private final int[] order;

    private Routing(Topology topology, boolean[] usable) {
        this.topology = topology;
        this.usable = usable;
        int n = topology.size();
        dist = new int[n];
        Arrays.fill(dist, UNREACHABLE);
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int c : topology.cores) {
            if (topology.gateway[c] && usable[c]) {
                dist[c] = 1;
                queue[tail++] = c;
            }
        }
        while (head < tail) {
            int v = queue[head++];
            if (topology.isAgg(v)) {
                continue; // aggregation routers are leaves: they never carry transit
            }
            for (int l : topology.routerLinks[v]) {
                if (!usable[l]) {
                    continue;
                }
                int u = topology.other(l, v);
                if (usable[u] && dist[u] == UNREACHABLE) {
                    dist[u] = dist[v] + 1;
                    queue[tail++] = u;
                }
            }
        }
        // Aggregation routers first (they only send), then the core from the farthest in.
        order = new int[tail];
        int k = 0;
        for (int i = 0; i < tail; i++) {
            if (topology.isAgg(queue[i])) {
                order[k++] = queue[i];
            }
        }
        for (int i = tail - 1; i >= 0; i--) {
            if (!topology.isAgg(queue[i])) {
                order[k++] = queue[i];
            }
        }
        peakLoad = new double[n];
        for (int a : topology.aggs) {
            if (dist[a] != UNREACHABLE) {
                peakLoad[a] = demand(a);
            }
        }
        push(peakLoad);
        for (int c : topology.cells) {
            if (usable[c] && dist[topology.aggOfCell[c]] != UNREACHABLE) {
                peakLoad[c] = topology.cellPeakGbps[c];
            }
        }
    }

    static Routing compute(Topology topology, boolean[] usable) {
        return new Routing(topology, usable.clone());
    }

    /** The peak traffic an aggregation router's cells in service offer. */
    double demand(int agg) {
        if (!usable[agg]) {
            return 0.0;
        }
        double d = 0.0;
        for (int c : topology.cellsOfAgg[agg]) {
            if (usable[c]) {
                d += topology.cellPeakGbps[c];
            }
        }
        return d;
    }

    boolean reachable(int router) {
        return dist[router] != UNREACHABLE;
    }

    /**
     * Pushes the inflow already set on routers down the shortest-path DAG; adds each link's share
     * to {@code flow[link]} and each router's forwarded total to {@code flow[router]}.
     */
    private void push(double[] flow) {
        for (int v : order) {
            double f = flow[v];
            if (f == 0.0 || (dist[v] == 1 && !topology.isAgg(v))) {
                continue;
            }
            int hops = 0;
            for (int l : topology.routerLinks[v]) {
                if (isNextHop(v, l)) {
                    hops++;
                }
            }
            double share = f / hops;
            for (int l : topology.routerLinks[v]) {
                if (isNextHop(v, l)) {
                    flow[l] += share;
                    flow[topology.other(l, v)] += share;
                }
            }
        }
    }

    /**
     * An aggregation router sends over both its uplinks (active-active dual homing) whatever the
     * core's distances; the core forwards over shortest paths through the core. An aggregation
     * router is never a core router's next hop, even one hop nearer the internet than it: it
     * carries no transit (with a core router or link out, a core router two hops from a gateway can
     * have one on its links, and traffic sent there went nowhere).
     */
    private boolean isNextHop(int v, int l) {
        if (!usable[l]) {
            return false;
        }
        int u = topology.other(l, v);
        if (!usable[u] || dist[u] == UNREACHABLE) {
            return false;
        }
        return topology.isAgg(v)
                ? topology.isCore(u)
                : topology.isCore(u) && dist[u] == dist[v] - 1;
    }

    /**
     * The share of one aggregation router's traffic that crosses each element (the router itself
     * included); empty when it has no path.
     */
    Map<Integer, Double> shares(int agg) {
        Map<Integer, Double> out = new HashMap<>();
        if (dist[agg] == UNREACHABLE) {
            return out;
        }
        double[] flow = new double[topology.size()];
        flow[agg] = 1.0;
        push(flow);
        for (int i = 0; i < flow.length; i++) {
            if (flow[i] > 1e-12) {
                out.put(i, flow[i]);
            }
        }
        return out;
    }

    /**
     * Which routers send traffic across {@code x} (a router or a link): those with {@code x} on a
     * path of their shortest-path DAG to the internet, {@code x} itself among them when it is a
     * router with a path. The same as {@code shares(r).containsKey(x)} for every router {@code r},
     * in one pass over the DAG from the gateways out instead of one push per router: a router's
     * next hops are nearer the internet, so they are settled before it.
     */
    boolean[] crossing(int x) {
        boolean[] crosses = new boolean[topology.size()];
        for (int i = order.length - 1; i >= 0; i--) {
            int v = order[i];
            if (v == x) {
                crosses[v] = true;
                continue;
            }
            if (dist[v] == 1 && !topology.isAgg(v)) {
                continue; // a gateway hands its traffic to the internet, not on
            }
            for (int l : topology.routerLinks[v]) {
                if (isNextHop(v, l) && (l == x || crosses[topology.other(l, v)])) {
                    crosses[v] = true;
                    break;
                }
            }
        }
        return crosses;
    }

    /** The highest peak utilisation over links in service. */
    double maxPeakUtilisation(double[] capacity) {
        double max = 0.0;
        for (int l : topology.links) {
            if (usable[l] && capacity[l] > 0) {
                max = Math.max(max, peakLoad[l] / capacity[l]);
            }
        }
        return max;
    }

    /**
     * Link capacities for N-1 planning: each link carries its normal peak at no more than 60 %, and
     * the peak with any one core router or link out at no more than 80 %, in steps of 10 Gbps.
     */
    static double[] planCapacities(Topology topology) {
        int n = topology.size();
        boolean[] all = new boolean[n];
        Arrays.fill(all, true);
        Routing normal = new Routing(topology, all);
        double[] need = new double[n];
        for (int l : topology.links) {
            need[l] = normal.peakLoad[l] / 0.6;
        }
        int[] candidates = new int[topology.cores.length + topology.links.length];
        System.arraycopy(topology.cores, 0, candidates, 0, topology.cores.length);
        System.arraycopy(
                topology.links, 0, candidates, topology.cores.length, topology.links.length);
        for (int out : candidates) {
            all[out] = false;
            Routing r = new Routing(topology, all);
            all[out] = true;
            for (int l : topology.links) {
                need[l] = Math.max(need[l], r.peakLoad[l] / 0.8);
            }
        }
        double[] capacity = new double[n];
        for (int l : topology.links) {
            capacity[l] = Math.max(10.0, Math.ceil(need[l] / 10.0) * 10.0);
        }
        return capacity;
    }
}
