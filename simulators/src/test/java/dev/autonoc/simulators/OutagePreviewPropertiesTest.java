package dev.autonoc.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.tools.oss.OutagePreview;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@code preview_outage} predicts what happens: take random elements out at random hours of a
 * regional network's week, beside zero to two core routers or core links drained first, and compare
 * the preview with the twin's own accounting over the hour that follows, tick by tick, against a
 * twin where the element stays in. About half the runs are stressed (two carriers drained, a third
 * out at the evening peak), where links fill up; {@code OutagePreviewTest} pins an overload and a
 * quiet hour by example.
 */
class OutagePreviewPropertiesTest {

    private static final Duration HOUR = Duration.ofMinutes(60);
    private static final Duration TICK = Duration.ofMinutes(5);

    @Property(tries = 30)
    void predicted_overload_is_congestion_observed_and_its_customer_minutes_are_what_it_costs(
            @ForAll @IntRange(min = 1, max = 20) int seed,
            @ForAll @IntRange(min = 0, max = 1) int day,
            @ForAll @IntRange(min = 0, max = 23) int anyHour,
            @ForAll boolean stressed,
            @ForAll @IntRange(min = 0, max = 2) int anyOthers,
            @ForAll @IntRange(min = 0, max = 10_000) int pick,
            @ForAll boolean previewAhead) {
        // Half the runs stressed: two carriers drained, a third taken out at the evening peak,
        // where links can fill up; the others anything at any hour.
        int hour = stressed ? 18 + anyHour % 4 : anyHour;
        int othersOut = stressed ? 2 : anyOthers;
        OperatorTwin withOutage = Specs.of(Preset.REGIONAL, seed).twin();
        OperatorTwin without = Specs.of(Preset.REGIONAL, seed).twin();
        Topology t = withOutage.world().topology;
        Instant at = OperatorTwin.EPOCH.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour));
        // the preview asked at the hour itself, or the day before it (nothing else changes between)
        Instant asked = previewAhead ? at.minus(Duration.ofDays(1)) : at;
        if (asked.isAfter(OperatorTwin.EPOCH)) {
            withOutage.advanceTo(asked, TwinListener.NONE);
            without.advanceTo(asked, TwinListener.NONE);
        }

        List<Integer> carriers = new ArrayList<>();
        for (int c : t.cores) {
            carriers.add(c);
        }
        for (int l : t.links) {
            if (t.isCore(t.linkA[l]) && t.isCore(t.linkB[l])) {
                carriers.add(l); // the core's own links: where a drain moves the most
            }
        }
        List<String> drained = new ArrayList<>();
        for (int i = 0; i < othersOut; i++) {
            String id = t.element(carriers.remove((pick / (i + 1)) % carriers.size())).id().value();
            drained.add(id);
            withOutage.ossBss().serviceActivation().reroute(id, "drain-" + i);
            without.ossBss().serviceActivation().reroute(id, "drain-" + i);
        }
        // half the time another carrier, half any element (radio sites and aggregation routers
        // cut customers off)
        int x;
        do {
            x =
                    stressed || pick % 2 == 0
                            ? carriers.get(Math.floorMod(pick * 31 + seed, carriers.size()))
                            : Math.floorMod(pick * 31 + seed, t.size());
            pick += 2;
        } while (drained.contains(t.element(x).id().value()));
        String target = t.element(x).id().value();

        OutagePreview p = withOutage.ossBss().serviceActivation().previewOutage(target, at, HOUR);
        withOutage.advanceTo(at, TwinListener.NONE);
        without.advanceTo(at, TwinListener.NONE);
        withOutage.ossBss().serviceActivation().reroute(target, "drain-target");

        boolean congestionSeen = false;
        double observedExtra = 0.0;
        // ticks at, at+5, ..., at+60: the preview's window, both ends included
        for (Instant tick = at; !tick.isAfter(at.plus(HOUR)); tick = tick.plus(TICK)) {
            double congestionBefore = congestion(withOutage);
            double impactWith = withOutage.outcome().customerImpactMinutes();
            double impactWithout = without.outcome().customerImpactMinutes();
            withOutage.advanceTo(tick.plus(TICK), TwinListener.NONE);
            without.advanceTo(tick.plus(TICK), TwinListener.NONE);
            congestionSeen |= congestion(withOutage) > congestionBefore;
            if (tick.isBefore(at.plus(HOUR))) {
                observedExtra +=
                        Math.max(
                                0.0,
                                withOutage.outcome().customerImpactMinutes()
                                        - impactWith
                                        - (without.outcome().customerImpactMinutes()
                                                - impactWithout));
            }
        }

        boolean overloadPredicted = p.maxUtilizationAfter() > 1.0;
        assertThat(congestionSeen)
                .as("%s out at %s beside %s: preview %s", target, at, drained, p)
                .isEqualTo(overloadPredicted);
        assertThat(!p.overloadedLinks().isEmpty()).isEqualTo(overloadPredicted);
        assertThat(p.safe())
                .isEqualTo(!overloadPredicted && p.sitesIsolated() == 0 && p.slicesBreached() == 0);
        assertThat(p.customerMinutes())
                .as("%s out at %s beside %s", target, at, drained)
                .isCloseTo(
                        observedExtra,
                        org.assertj.core.data.Offset.offset(1e-6 + observedExtra * 1e-9));
        assertThat(p.elementsOut()).contains(target).containsAll(drained);
    }

    private static double congestion(OperatorTwin twin) {
        return twin.outcome().impactByCause().get("congestion");
    }
}
