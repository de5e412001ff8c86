package dev.autonoc.simulators;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.simulators.Disturbance.BadData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The telemetry kinds of bad data (TELEMETRY_GAP, STUCK_SENSOR, SPIKES, LATE_SAMPLES, CLOCK_SKEW)
 * between the sensors and the stream. The sensor kinds (a stuck value, a drifting clock) change the
 * sample itself, so a direct read shows them too ({@link #atSensor}); the collector kinds (a gap, a
 * spike, a late or duplicated sample) change only what the stream delivers ({@link #deliver}). Its
 * random draws come from a stream of its own, seeded from the spec's seed, so that a spec without
 * bad data runs exactly as before and one with it shifts nothing else.
 */
final class BadTelemetry {

    private record Window(boolean[] elements, long from, long to) {
        boolean covers(int e, long at) {
            return elements[e] && at >= from && at < to;
        }
    }

    private record Stuck(int element, int metric, long from, long to) {}

    private record Skew(int element, double driftPerHour, long from, long to) {}

    private record Rated(Window window, double rate, long maxDelaySeconds) {}

    private record Held(Instant due, long seq, TelemetrySample sample) {}

    private final List<Window> gaps = new ArrayList<>();
    private final List<Stuck> stuck = new ArrayList<>();
    private final List<Skew> skews = new ArrayList<>();
    private final List<Rated> spikes = new ArrayList<>();
    private final List<Rated> late = new ArrayList<>();
    private final double[] stuckValue;
    // for the elements with a sensor or clock of their own gone wrong: their newest true reading,
    // which a neighbour's interface still sees (TwinResourceInventory#neighbourViews)
    private final java.util.Map<Integer, TelemetrySample> truth = new java.util.HashMap<>();
    private final java.util.Set<Integer> ownFaults = new java.util.HashSet<>();
    private final PriorityQueue<Held> held =
            new PriorityQueue<>(Comparator.comparing(Held::due).thenComparingLong(Held::seq));
    private final SplittableRandom rng;
    private final long tickSeconds;
    private final Instant start;
    private long seq;

    BadTelemetry(TwinSpec spec, Topology topology) {
        this.start = spec.start();
        this.rng = new SplittableRandom(spec.seed() ^ 0xBADD_A7A1L);
        this.tickSeconds = spec.tick().toSeconds();
        this.stuckValue = new double[spec.disturbances().size()];
        for (Disturbance d : spec.disturbances()) {
            if (d instanceof Disturbance.TelemetryGap g) {
                gaps.add(window(topology, g.scope(), g.from(), g.to()));
            } else if (d instanceof Disturbance.StuckSensor s) {
                stuck.add(
                        new Stuck(
                                index(topology, s.element()),
                                s.metric().ordinal(),
                                at(s.from()),
                                at(s.to())));
            } else if (d instanceof Disturbance.ClockSkew c) {
                skews.add(
                        new Skew(
                                index(topology, c.element()),
                                c.driftPerHour().toMillis() / 1000.0,
                                at(c.from()),
                                at(c.to())));
            } else if (d instanceof Disturbance.Spikes s) {
                spikes.add(new Rated(window(topology, s.scope(), s.from(), s.to()), s.rate(), 0));
            } else if (d instanceof Disturbance.LateSamples l) {
                late.add(
                        new Rated(
                                window(topology, l.scope(), l.from(), l.to()),
                                l.rate(),
                                l.maxDelay().toSeconds()));
            }
        }
        Arrays.fill(stuckValue, Double.NaN);
        stuck.forEach(s -> ownFaults.add(s.element()));
        skews.forEach(s -> ownFaults.add(s.element()));
    }

    /**
     * The element's newest reading as it truly was, when its own sensor or clock lies; empty for an
     * element whose sensors and clock are sound (its recent samples are the truth).
     */
    java.util.Optional<TelemetrySample> truth(int e) {
        return java.util.Optional.ofNullable(truth.get(e));
    }

    boolean any() {
        return !(gaps.isEmpty()
                && stuck.isEmpty()
                && skews.isEmpty()
                && spikes.isEmpty()
                && late.isEmpty());
    }

    /**
     * What the element's own sensors and clock report: a stuck metric holds the value it had when
     * it stuck, a drifting clock moves the timestamp. {@code v} is changed in place.
     */
    Instant atSensor(int e, Instant now, double[] v, ElementId id) {
        long t = now.getEpochSecond();
        if (ownFaults.contains(e)) {
            truth.put(e, new TelemetrySample(id, now, v.clone()));
        }
        for (int i = 0; i < stuck.size(); i++) {
            Stuck s = stuck.get(i);
            if (s.element() != e) {
                continue;
            }
            if (t < s.from()) {
                stuckValue[i] = v[s.metric()]; // the last value before it sticks
            } else if (t < s.to() && !Double.isNaN(stuckValue[i])) {
                v[s.metric()] = stuckValue[i];
            }
        }
        Instant stamped = now;
        for (Skew s : skews) {
            if (s.element() == e && t >= s.from() && t < s.to()) {
                double hours = (t - s.from()) / 3600.0;
                stamped = stamped.plusMillis(Math.round(1000.0 * s.driftPerHour() * hours));
            }
        }
        return stamped;
    }

    /**
     * Samples held back whose time has come, then this one as the collector delivers it: dropped in
     * a gap, with a spike, late, or twice.
     */
    void deliver(int e, TelemetrySample sample, Instant now, TwinListener listener) {
        long t = now.getEpochSecond();
        for (Window g : gaps) {
            if (g.covers(e, t)) {
                return;
            }
        }
        TelemetrySample out = sample;
        for (Rated s : spikes) {
            if (s.window().covers(e, t) && rng.nextDouble() < s.rate()) {
                out = spiked(out);
            }
        }
        for (Rated l : late) {
            if (l.window().covers(e, t)) {
                double u = rng.nextDouble();
                if (u < l.rate()) {
                    long ticks = Math.max(1, l.maxDelaySeconds() / tickSeconds);
                    Instant due = now.plusSeconds(tickSeconds * (1 + rng.nextLong(ticks)));
                    held.add(new Held(due, seq++, out));
                    if (u >= l.rate() / 2) {
                        listener.onTelemetry(out); // a duplicate: on time, and again later
                    }
                    return;
                }
            }
        }
        listener.onTelemetry(out);
    }

    /** Delivers the held-back samples due by {@code now}, oldest due first. */
    void release(Instant now, TwinListener listener) {
        while (!held.isEmpty() && !held.peek().due().isAfter(now)) {
            listener.onTelemetry(held.poll().sample());
        }
    }

    private TelemetrySample spiked(TelemetrySample s) {
        double[] v = s.values().clone();
        int reported = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                reported++;
            }
        }
        int pick = rng.nextInt(Math.max(1, reported));
        double scale = 20 + 80 * rng.nextDouble();
        boolean flip = rng.nextBoolean();
        for (int m = 0, seen = 0; m < v.length; m++) {
            if (!Double.isNaN(v[m]) && seen++ == pick) {
                double big = (Math.abs(v[m]) + 1.0) * scale;
                v[m] = flip ? -big : big;
            }
        }
        return new TelemetrySample(s.element(), s.at(), v);
    }

    private long at(Duration fromStart) {
        return start.plus(fromStart).getEpochSecond();
    }

    private static int index(Topology topology, String id) {
        return topology.index.get(ElementId.of(id));
    }

    private Window window(Topology topology, Disturbance.Scope scope, Duration from, Duration to) {
        boolean[] hit = new boolean[topology.size()];
        if (scope.element().isPresent()) {
            hit[index(topology, scope.element().get())] = true;
        } else {
            for (int i = 0; i < topology.size(); i++) {
                hit[i] = topology.element(i).region().equals(scope.region().get());
            }
        }
        return new Window(hit, at(from), at(to));
    }

    /**
     * Checks the bad-data disturbances against the topology, naming what is wrong and what is
     * accepted: known elements and regions, windows that end after they start, rates in (0, 1], a
     * stuck metric the element reports.
     */
    static void check(TwinSpec spec, Topology topology) {
        for (Disturbance d : spec.disturbances()) {
            if (!(d instanceof BadData bad)) {
                continue;
            }
            String kind = kind(bad);
            if (bad instanceof Disturbance.TelemetryGap g) {
                scope(topology, g.scope(), kind);
                window(g.from(), g.to(), kind);
            } else if (bad instanceof Disturbance.StuckSensor s) {
                element(topology, s.element(), kind);
                window(s.from(), s.to(), kind);
                var el = topology.element(index(topology, s.element()));
                if (!s.metric().isReportedBy(el.kind())) {
                    throw new IllegalArgumentException(
                            kind
                                    + ": "
                                    + s.element()
                                    + " (a "
                                    + el.kind()
                                    + ") does not report "
                                    + s.metric().key()
                                    + "; accepted: "
                                    + Metric.reportedBy(el.kind()).stream()
                                            .map(Metric::key)
                                            .toList());
                }
            } else if (bad instanceof Disturbance.Spikes s) {
                scope(topology, s.scope(), kind);
                window(s.from(), s.to(), kind);
                rate(s.rate(), kind);
            } else if (bad instanceof Disturbance.LateSamples l) {
                scope(topology, l.scope(), kind);
                window(l.from(), l.to(), kind);
                rate(l.rate(), kind);
                if (l.maxDelay().compareTo(spec.tick()) < 0) {
                    throw new IllegalArgumentException(
                            kind
                                    + " max_delay must be at least one tick ("
                                    + spec.tick()
                                    + "), got "
                                    + l.maxDelay());
                }
            } else if (bad instanceof Disturbance.ClockSkew c) {
                element(topology, c.element(), kind);
                window(c.from(), c.to(), kind);
                if (c.driftPerHour().isNegative() || c.driftPerHour().isZero()) {
                    throw new IllegalArgumentException(
                            kind
                                    + " drift must be a duration > 0 per hour, got "
                                    + c.driftPerHour());
                }
            } else if (bad instanceof Disturbance.InventoryDrift i) {
                element(topology, i.element(), kind);
                if (i.from().isNegative()) {
                    throw new IllegalArgumentException(
                            kind + " from must be >= 0, got " + i.from());
                }
            } else if (bad instanceof Disturbance.StaleStock s) {
                if (s.lag().isNegative() || s.lag().isZero()) {
                    throw new IllegalArgumentException(
                            kind + " lag must be a duration > 0, got " + s.lag());
                }
            }
        }
    }

    static String kind(BadData d) {
        if (d instanceof Disturbance.TelemetryGap) {
            return "TELEMETRY_GAP";
        } else if (d instanceof Disturbance.StuckSensor) {
            return "STUCK_SENSOR";
        } else if (d instanceof Disturbance.Spikes) {
            return "SPIKES";
        } else if (d instanceof Disturbance.LateSamples) {
            return "LATE_SAMPLES";
        } else if (d instanceof Disturbance.ClockSkew) {
            return "CLOCK_SKEW";
        } else if (d instanceof Disturbance.InventoryDrift) {
            return "INVENTORY_DRIFT";
        }
        return "STALE_STOCK";
    }

    private static void scope(Topology topology, Disturbance.Scope scope, String kind) {
        if (scope.element().isPresent()) {
            element(topology, scope.element().get(), kind);
        } else if (!Topology.REGIONS.contains(scope.region().get())) {
            throw new IllegalArgumentException(
                    "unknown region '"
                            + scope.region().get()
                            + "' in "
                            + kind
                            + "; accepted: "
                            + String.join(", ", Topology.REGIONS));
        }
    }

    private static void element(Topology topology, String id, String kind) {
        if (id.isBlank() || !topology.index.containsKey(ElementId.of(id))) {
            throw new IllegalArgumentException(
                    "unknown element '"
                            + id
                            + "' in "
                            + kind
                            + "; ids look like "
                            + topology.someIds());
        }
    }

    private static void window(Duration from, Duration to, String kind) {
        if (from.isNegative() || from.compareTo(to) >= 0) {
            throw new IllegalArgumentException(
                    kind
                            + " window must be [from, to) with 0 <= from < to, got ["
                            + from
                            + ", "
                            + to
                            + "]");
        }
    }

    private static void rate(double rate, String kind) {
        if (!(rate > 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException(
                    kind + " rate must be a number in (0, 1], got " + rate);
        }
    }
}
