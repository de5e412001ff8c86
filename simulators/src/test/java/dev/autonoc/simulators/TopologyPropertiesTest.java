package dev.autonoc.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class TopologyPropertiesTest {

    @Property(tries = 60)
    void every_aggregation_router_is_dual_homed_to_two_core_routers(
            @ForAll Preset preset,
            @ForAll @IntRange(min = 1, max = 60) int sites,
            @ForAll long seed) {
        Topology t = Topology.generate(preset, sites, seed);

        for (int a : t.aggs) {
            Set<Integer> cores = new HashSet<>();
            for (int l : t.routerLinks[a]) {
                int other = t.other(l, a);
                assertThat(t.isCore(other)).isTrue();
                cores.add(other);
            }
            assertThat(t.routerLinks[a]).hasSize(2);
            assertThat(cores).hasSize(2);
        }
    }

    @Property(tries = 60)
    void with_nothing_down_every_cell_is_reachable(
            @ForAll Preset preset,
            @ForAll @IntRange(min = 1, max = 60) int sites,
            @ForAll long seed) {
        Topology t = Topology.generate(preset, sites, seed);
        boolean[] all = new boolean[t.size()];
        Arrays.fill(all, true);
        Routing r = Routing.compute(t, all);

        for (int c : t.cells) {
            assertThat(r.reachable(t.aggOfCell[c])).isTrue();
            assertThat(r.peakLoad[c]).isPositive();
        }
    }

    @Property(tries = 60)
    void with_core_elements_out_each_site_sends_all_its_traffic_to_the_internet(
            @ForAll Preset preset,
            @ForAll @IntRange(min = 1, max = 40) int sites,
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 3) int down) {
        Topology t = Topology.generate(preset, sites, seed);
        int[] core =
                IntStream.range(0, t.size())
                        .filter(
                                i ->
                                        t.isCore(i)
                                                || (t.isLink(i)
                                                        && t.isCore(t.linkA[i])
                                                        && t.isCore(t.linkB[i])))
                        .toArray();
        boolean[] usable = withOut(t, core, down, seed);
        Routing r = Routing.compute(t, usable);

        for (int a : t.aggs) {
            if (!usable[a] || !r.reachable(a)) {
                continue;
            }
            double toInternet = 0.0;
            for (Map.Entry<Integer, Double> share : r.shares(a).entrySet()) {
                int e = share.getKey();
                assertThat(t.isAgg(e) && e != a)
                        .as("site %d's traffic reaches aggregation router %d", a, e)
                        .isFalse();
                if (t.isCore(e) && t.gateway[e]) {
                    toInternet += share.getValue();
                }
            }
            assertThat(toInternet).as("site %d", a).isCloseTo(1.0, within(1e-9));
        }
    }

    @Property(tries = 60)
    void the_routers_whose_traffic_crosses_an_element_are_those_whose_shares_hold_it(
            @ForAll Preset preset,
            @ForAll @IntRange(min = 1, max = 40) int sites,
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 6) int down) {
        Topology t = Topology.generate(preset, sites, seed);
        boolean[] usable = withOut(t, IntStream.range(0, t.size()).toArray(), down, seed);
        Routing r = Routing.compute(t, usable);
        int[] routers =
                IntStream.range(0, t.size()).filter(i -> t.isCore(i) || t.isAgg(i)).toArray();
        // every router and link, and a few cells (which no traffic crosses as a hop)
        int[] xs = IntStream.range(0, t.size()).filter(i -> !t.isCell(i) || i % 7 == 0).toArray();
        for (int x : xs) {
            boolean[] crosses = r.crossing(x);
            for (int v : routers) {
                assertThat(crosses[v])
                        .as("router %d, element %d", v, x)
                        .isEqualTo(r.shares(v).containsKey(x));
            }
        }
    }

    @Property(tries = 30)
    void links_are_planned_for_any_single_core_router_or_link_out(
            @ForAll Preset preset,
            @ForAll @IntRange(min = 1, max = 40) int sites,
            @ForAll long seed) {
        Topology t = Topology.generate(preset, sites, seed);
        double[] capacity = Routing.planCapacities(t);
        boolean[] usable = new boolean[t.size()];
        Arrays.fill(usable, true);

        assertThat(Routing.compute(t, usable).maxPeakUtilisation(capacity))
                .isLessThanOrEqualTo(0.6);
        for (int out : t.cores) {
            usable[out] = false;
            Routing r = Routing.compute(t, usable);
            usable[out] = true;
            assertThat(r.maxPeakUtilisation(capacity)).isLessThanOrEqualTo(0.8);
            for (int a : t.aggs) {
                assertThat(r.reachable(a)).isTrue();
            }
        }
    }

    /**
     * Every element in service but {@code down} drawn from {@code candidates} (some maybe twice).
     */
    private static boolean[] withOut(Topology t, int[] candidates, int down, long seed) {
        Random random = new Random(seed);
        boolean[] usable = new boolean[t.size()];
        Arrays.fill(usable, true);
        for (int i = 0; i < down; i++) {
            usable[candidates[random.nextInt(candidates.length)]] = false;
        }
        return usable;
    }
}
