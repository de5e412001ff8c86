package dev.autonoc.evals.generate;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.evals.generate.ScenarioDraft.DraftFault;
import dev.autonoc.simulators.Disturbance;
import dev.autonoc.simulators.ElementSelector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The bad data {@code eval generate --bad-data} draws (evals README, "Generated scenarios"): in
 * seven scenarios in ten, one disturbance, each kind equally likely.
 *
 * <ul>
 *   <li>TELEMETRY_GAP: a region (50 %) or an element, silent for 2 to 12 whole hours
 *   <li>STUCK_SENSOR: one metric the element reports, stuck for one or two days
 *   <li>SPIKES: a region (50 %) or an element, 1 to 10 % of samples, for one to three days
 *   <li>LATE_SAMPLES: a region (50 %) or an element, 5 to 30 % of samples held back 10 to 60
 *       minutes (in fives), for one to three days
 *   <li>CLOCK_SKEW: an element's clock gaining 1 to 5 minutes an hour for one or two days
 *   <li>INVENTORY_DRIFT: the inventory missing an element or listing it down, from a whole hour of
 *       the run
 *   <li>STALE_STOCK: check_stock 6 to 48 whole hours behind
 * </ul>
 *
 * The element is a faulted one named by id (70 %, when there is one) or a router of the network;
 * either way one that exists in every seed's network.
 */
final class BadDataDraw {

    private static final int KINDS = 7;

    private BadDataDraw() {}

    static Optional<Disturbance.BadData> draw(
            SplittableRandom rng,
            List<List<Element>> networks,
            List<DraftFault> faults,
            Duration duration) {
        if (rng.nextDouble() >= 0.70) {
            return Optional.empty();
        }
        int kind = rng.nextInt(KINDS);
        Element element = element(rng, networks, faults);
        String region = ScenarioDrawer.REGIONS.get(rng.nextInt(ScenarioDrawer.REGIONS.size()));
        Disturbance.Scope scope =
                rng.nextBoolean()
                        ? Disturbance.Scope.region(region)
                        : Disturbance.Scope.element(element.id().value());
        return Optional.of(
                switch (kind) {
                    case 0 -> {
                        Duration[] w = window(rng, duration, 2, 12);
                        yield new Disturbance.TelemetryGap(scope, w[0], w[1]);
                    }
                    case 1 -> {
                        List<Metric> metrics = Metric.reportedBy(element.kind());
                        Duration[] w = window(rng, duration, 24, 48);
                        yield new Disturbance.StuckSensor(
                                element.id().value(),
                                metrics.get(rng.nextInt(metrics.size())),
                                w[0],
                                w[1]);
                    }
                    case 2 -> {
                        Duration[] w = window(rng, duration, 24, 72);
                        yield new Disturbance.Spikes(
                                scope, (1 + rng.nextInt(10)) / 100.0, w[0], w[1]);
                    }
                    case 3 -> {
                        Duration[] w = window(rng, duration, 24, 72);
                        yield new Disturbance.LateSamples(
                                scope,
                                (5 + rng.nextInt(26)) / 100.0,
                                Duration.ofMinutes(5L * (2 + rng.nextInt(11))),
                                w[0],
                                w[1]);
                    }
                    case 4 -> {
                        Duration[] w = window(rng, duration, 24, 48);
                        yield new Disturbance.ClockSkew(
                                element.id().value(),
                                Duration.ofMinutes(1 + rng.nextInt(5)),
                                w[0],
                                w[1]);
                    }
                    case 5 ->
                            new Disturbance.InventoryDrift(
                                    element.id().value(),
                                    Disturbance.InventoryDrift.Says.values()[rng.nextInt(2)],
                                    Duration.ofHours(
                                            rng.nextLong(Math.max(1, duration.toHours()))));
                    default -> new Disturbance.StaleStock(Duration.ofHours(6 + rng.nextInt(43)));
                });
    }

    /** One bad-data disturbance in words, for a generated scenario's description. */
    static String describe(Disturbance.BadData b) {
        if (b instanceof Disturbance.TelemetryGap g) {
            return "no telemetry from " + g.scope() + during(g.from(), g.to());
        }
        if (b instanceof Disturbance.StuckSensor s) {
            return "element "
                    + s.element()
                    + "'s "
                    + s.metric().key()
                    + " sensor stuck"
                    + during(s.from(), s.to());
        }
        if (b instanceof Disturbance.Spikes s) {
            return "absurd spikes in "
                    + ScenarioYaml.number(s.rate())
                    + " of the samples of "
                    + s.scope()
                    + during(s.from(), s.to());
        }
        if (b instanceof Disturbance.LateSamples l) {
            return ScenarioYaml.number(l.rate())
                    + " of the samples of "
                    + l.scope()
                    + " late or repeated, by up to "
                    + ScenarioYaml.iso(l.maxDelay())
                    + during(l.from(), l.to());
        }
        if (b instanceof Disturbance.ClockSkew c) {
            return "element "
                    + c.element()
                    + "'s clock gaining "
                    + ScenarioYaml.iso(c.driftPerHour())
                    + " an hour"
                    + during(c.from(), c.to());
        }
        if (b instanceof Disturbance.InventoryDrift i) {
            return "the inventory "
                    + (i.says() == Disturbance.InventoryDrift.Says.MISSING
                            ? "no longer listing element " + i.element()
                            : "showing element " + i.element() + " down while it runs")
                    + " from "
                    + ScenarioYaml.iso(i.from());
        }
        Disturbance.StaleStock s = (Disturbance.StaleStock) b;
        return "stock shown as it was " + ScenarioYaml.iso(s.lag()) + " before";
    }

    private static String during(Duration from, Duration to) {
        return " [" + ScenarioYaml.iso(from) + ", " + ScenarioYaml.iso(to) + "]";
    }

    /** A faulted element named by id (70 %), else a router, present in every seed's network. */
    private static Element element(
            SplittableRandom rng, List<List<Element>> networks, List<DraftFault> faults) {
        List<Element> first = networks.get(0);
        List<Element> named = new ArrayList<>();
        for (DraftFault f : faults) {
            if (f.spec().target() instanceof ElementSelector.ById byId
                    && inEvery(networks, byId.id())) {
                first.stream()
                        .filter(e -> e.id().equals(byId.id()))
                        .findFirst()
                        .ifPresent(named::add);
            }
        }
        boolean useNamed = !named.isEmpty() && rng.nextDouble() < 0.70;
        if (useNamed) {
            return named.get(rng.nextInt(named.size()));
        }
        List<Element> routers =
                first.stream()
                        .filter(e -> e.kind() == ElementKind.ROUTER)
                        .filter(e -> inEvery(networks, e.id()))
                        .toList();
        return routers.get(rng.nextInt(routers.size()));
    }

    private static boolean inEvery(List<List<Element>> networks, ElementId id) {
        return networks.stream().allMatch(n -> n.stream().anyMatch(e -> e.id().equals(id)));
    }

    /** [from, to): from a whole hour within the run, lasting min..max whole hours, inside it. */
    private static Duration[] window(
            SplittableRandom rng, Duration duration, int minHours, int maxHours) {
        long hours = duration.toHours();
        long length = minHours + rng.nextInt(maxHours - minHours + 1);
        long from = rng.nextLong(Math.max(1, hours - Math.min(length, hours - 1)));
        long to = Math.min(hours, from + length);
        return new Duration[] {Duration.ofHours(from), Duration.ofHours(Math.max(to, from + 1))};
    }
}
