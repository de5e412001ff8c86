package dev.autonoc.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.simulators.Disturbance.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class BadDataPropertiesTest {

    private static final ElementId ROUTER = ElementId.of("agg-rtr-02");

    private static Map<Instant, Integer> times(OperatorTwin twin, Duration to) {
        Map<Instant, Integer> seen = new HashMap<>();
        twin.advanceTo(
                Specs.at(to),
                s -> {
                    if (s.element().equals(ROUTER)) {
                        seen.merge(s.at(), 1, Integer::sum);
                    }
                });
        return seen;
    }

    @Property(tries = 15)
    void late_samples_deliver_every_sample_once_or_twice_and_none_outside_the_window_late(
            @ForAll @IntRange(min = 1, max = 1000) long seed,
            @ForAll @DoubleRange(min = 0.01, max = 1.0) double rate,
            @ForAll @IntRange(min = 1, max = 12) int delayTicks,
            @ForAll @IntRange(min = 0, max = 5) int fromHour) {
        Duration from = Duration.ofHours(fromHour);
        Duration to = from.plusHours(3);
        Disturbance late =
                new Disturbance.LateSamples(
                        Scope.element(ROUTER.value()),
                        rate,
                        Duration.ofMinutes(5L * delayTicks),
                        from,
                        to);
        List<TelemetrySample> got = new ArrayList<>();
        Specs.metro(seed)
                .disturb(late)
                .twin()
                .advanceTo(
                        Specs.at(Duration.ofHours(10)),
                        s -> {
                            if (s.element().equals(ROUTER)) {
                                got.add(s);
                            }
                        });
        Map<Instant, Integer> clean = times(Specs.metro(seed).twin(), Duration.ofHours(10));

        Map<Instant, Integer> count = new HashMap<>();
        got.forEach(s -> count.merge(s.at(), 1, Integer::sum));
        assertThat(count.keySet()).isEqualTo(clean.keySet());
        assertThat(count.values()).allMatch(n -> n == 1 || n == 2);
        for (int i = 1; i < got.size(); i++) {
            Instant at = got.get(i).at();
            if (at.isBefore(got.get(i - 1).at())) {
                // only a sample of the window comes back out of order
                assertThat(at).isBetween(Specs.at(from), Specs.at(to));
            }
        }
    }

    @Property(tries = 15)
    void a_gap_removes_exactly_the_samples_of_its_window(
            @ForAll @IntRange(min = 1, max = 1000) long seed,
            @ForAll @IntRange(min = 0, max = 100) int fromTick,
            @ForAll @IntRange(min = 1, max = 60) int ticks) {
        Duration from = Duration.ofMinutes(5L * fromTick);
        Duration to = from.plusMinutes(5L * ticks);
        Map<Instant, Integer> gappy =
                times(
                        Specs.metro(seed)
                                .disturb(
                                        new Disturbance.TelemetryGap(
                                                Scope.element(ROUTER.value()), from, to))
                                .twin(),
                        Duration.ofHours(16));
        Map<Instant, Integer> clean = times(Specs.metro(seed).twin(), Duration.ofHours(16));

        for (Instant at : clean.keySet()) {
            boolean inWindow = !at.isBefore(Specs.at(from)) && at.isBefore(Specs.at(to));
            assertThat(gappy.containsKey(at)).as(at.toString()).isEqualTo(!inWindow);
        }
    }
}
