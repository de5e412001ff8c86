package dev.autonoc.simulators;

import static java.time.Duration.ofHours;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CongestionTest {

    @Test
    void two_elements_out_at_once_can_overload_a_path_and_degrade_service_at_the_peak() {
        OperatorTwin twin = Specs.of(Preset.REGIONAL, 1).twin();
        World world = twin.world();
        Topology t = world.topology;
        // find two elements that, drained together, leave every site a path but overload one
        int[] pair = null;
        int[] candidates =
                java.util.stream.IntStream.concat(
                                java.util.Arrays.stream(t.cores), java.util.Arrays.stream(t.links))
                        .toArray();
        search:
        for (int i = 0; i < candidates.length; i++) {
            for (int j = i + 1; j < candidates.length; j++) {
                boolean[] usable = new boolean[t.size()];
                java.util.Arrays.fill(usable, true);
                usable[candidates[i]] = false;
                usable[candidates[j]] = false;
                Routing r = Routing.compute(t, usable);
                boolean allReached = java.util.Arrays.stream(t.aggs).allMatch(r::reachable);
                if (allReached && r.maxPeakUtilisation(world.capacity) > 1.05) {
                    pair = new int[] {candidates[i], candidates[j]};
                    break search;
                }
            }
        }
        assertThat(pair).as("a pair of elements whose loss overloads another").isNotNull();
        var activation = twin.ossBss().serviceActivation();
        var preview = activation.previewReroute(t.element(pair[0]).id().value());
        assertThat(preview.maxUtilizationAfter()).isLessThanOrEqualTo(0.8);

        activation.reroute(t.element(pair[0]).id().value(), "a");
        activation.reroute(t.element(pair[1]).id().value(), "b");
        twin.advanceTo(Specs.at(ofHours(6)), TwinListener.NONE);
        double offPeak = twin.outcome().impactByCause().get("congestion");
        twin.advanceTo(Specs.at(ofHours(23)), TwinListener.NONE);

        assertThat(offPeak).isZero();
        assertThat(twin.outcome().impactByCause().get("congestion")).isPositive();
        assertThat(twin.outcome().impactByCause().get("failure")).isZero();
    }
}
