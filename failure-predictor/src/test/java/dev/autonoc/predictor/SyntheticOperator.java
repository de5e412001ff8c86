package dev.autonoc.predictor;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A small stand-in for the digital twin, for tests: per element a healthy baseline, a daily cycle
 * and noise; a fault's latent level grows from 0 at onset to 1 at failure (slow first, faster late)
 * and scales its mode's signature; a heatwave lifts a whole region's temperatures and fan speeds.
 */
final class SyntheticOperator {

    static final Instant EPOCH = Instant.parse("2025-01-06T00:00:00Z");
    static final List<String> REGIONS = List.of("north", "south", "east", "west");

    record Fault(ElementId element, FailureMode mode, Duration onset, Duration timeToFailure) {
        Instant onsetAt() {
            return EPOCH.plus(onset);
        }

        Instant failsAt() {
            return EPOCH.plus(onset).plus(timeToFailure);
        }

        double latent(Instant at) {
            if (at.isBefore(onsetAt())) {
                return 0;
            }
            double x =
                    (double) Duration.between(onsetAt(), at).toSeconds()
                            / timeToFailure.toSeconds();
            return Math.min(1.0, x * x);
        }
    }

    record Heatwave(String region, Duration from, Duration to, double degrees) {}

    final long seed;
    final List<Element> elements;
    final List<Fault> faults;
    final List<Heatwave> heatwaves;
    final Duration tick;
    private final Map<ElementId, double[]> baselines = new HashMap<>();
    private final SplittableRandom noise;

    SyntheticOperator(long seed, List<Fault> faults, List<Heatwave> heatwaves, Duration tick) {
        this.seed = seed;
        this.elements = topology();
        this.faults = faults;
        this.heatwaves = heatwaves;
        this.tick = tick;
        SplittableRandom rng = new SplittableRandom(seed);
        for (Element e : elements) {
            double[] b = TelemetrySample.emptyValues();
            if (e.kind() == ElementKind.LINK) {
                b[Metric.OPTICAL_RX_DBM.ordinal()] = -8 + rng.nextDouble(-3, 3);
                b[Metric.PRE_FEC_BER.ordinal()] = Math.pow(10, -9 + rng.nextDouble(-1, 1));
                b[Metric.TRAFFIC_GBPS.ordinal()] = 20 + rng.nextDouble(0, 40);
                b[Metric.UTILIZATION.ordinal()] = 0.3 + rng.nextDouble(0, 0.3);
            } else {
                boolean core = e.role().equals("core");
                b[Metric.TEMPERATURE_C.ordinal()] = (core ? 45 : 38) + rng.nextDouble(-4, 4);
                b[Metric.FAN_RPM.ordinal()] =
                        (core ? 9000 : 5000) * (1 + rng.nextDouble(-0.1, 0.1));
                b[Metric.PSU_VOLTAGE_RIPPLE_MV.ordinal()] = 20 + rng.nextDouble(-5, 5);
                b[Metric.MEMORY_UTIL_PCT.ordinal()] = 40 + rng.nextDouble(-10, 10);
                b[Metric.CPU_UTIL_PCT.ordinal()] = 30 + rng.nextDouble(-10, 10);
                b[Metric.TRAFFIC_GBPS.ordinal()] =
                        (core ? 200 : 20) * (1 + rng.nextDouble(-0.2, 0.2));
                b[Metric.CRC_ERRORS.ordinal()] = 1 + rng.nextDouble(0, 2);
            }
            baselines.put(e.id(), b);
        }
        this.noise = rng.split();
    }

    /** Four regions, each with a core router, two aggregation routers, six radios, three links. */
    static List<Element> topology() {
        List<Element> out = new ArrayList<>();
        for (int r = 0; r < REGIONS.size(); r++) {
            String region = REGIONS.get(r);
            String core = String.format("core-rtr-%02d", r + 1);
            out.add(
                    new Element(
                            ElementId.of(core), ElementKind.ROUTER, "core", region, "site-" + r));
            for (int a = 0; a < 2; a++) {
                String agg = String.format("agg-rtr-%02d", r * 2 + a + 1);
                String site = String.format("%02d", r * 2 + a + 1);
                out.add(
                        new Element(
                                ElementId.of(agg),
                                ElementKind.ROUTER,
                                "aggregation",
                                region,
                                site));
                for (int c = 1; c <= 3; c++) {
                    out.add(
                            new Element(
                                    ElementId.of("cell-" + site + "-" + c),
                                    ElementKind.RADIO,
                                    "cell",
                                    region,
                                    site));
                }
                out.add(
                        new Element(
                                ElementId.of("link-" + agg + "-" + core),
                                ElementKind.LINK,
                                "fibre",
                                region,
                                site));
            }
            out.add(
                    new Element(
                            ElementId.of(
                                    String.format(
                                            "link-core-rtr-%02d-core-rtr-%02d",
                                            r + 1, (r + 1) % 4 + 1)),
                            ElementKind.LINK,
                            "fibre",
                            region,
                            "site-" + r));
        }
        return out;
    }

    /** A run with random faults (every mode, on elements it strikes) and sometimes a heatwave. */
    static SyntheticOperator random(long seed, int faults, Duration duration) {
        SplittableRandom rng = new SplittableRandom(seed * 31 + 7);
        List<Element> elements = topology();
        List<Fault> list = new ArrayList<>();
        List<ElementId> used = new ArrayList<>();
        FailureMode[] modes = FailureMode.values();
        for (int i = 0; i < faults; i++) {
            FailureMode mode = modes[(int) ((seed + i) % modes.length)];
            // by role first, so that core routers (few) fail as often as cells (many) and a model
            // cannot learn "core routers fail" from their traffic level
            List<String> roles =
                    elements.stream()
                            .filter(e -> mode.strikes(e.kind()))
                            .map(Element::role)
                            .distinct()
                            .sorted()
                            .toList();
            String role = roles.get(rng.nextInt(roles.size()));
            List<Element> candidates =
                    elements.stream()
                            .filter(e -> e.role().equals(role) && !used.contains(e.id()))
                            .toList();
            if (candidates.isEmpty()) {
                continue;
            }
            Element e = candidates.get(rng.nextInt(candidates.size()));
            used.add(e.id());
            long ttfHours = rng.nextLong(48, 8 * 24 + 1);
            long maxOnset = Math.max(12, duration.toHours() - ttfHours - 12);
            long onsetHours = rng.nextLong(12, Math.max(13, Math.min(maxOnset, 4 * 24)));
            list.add(
                    new Fault(
                            e.id(),
                            mode,
                            Duration.ofHours(onsetHours),
                            Duration.ofHours(ttfHours)));
        }
        List<Heatwave> hw = new ArrayList<>();
        if (rng.nextBoolean()) {
            long from = rng.nextLong(24, 4 * 24);
            hw.add(
                    new Heatwave(
                            REGIONS.get(rng.nextInt(REGIONS.size())),
                            Duration.ofHours(from),
                            Duration.ofHours(from + rng.nextLong(24, 72)),
                            rng.nextDouble(6, 12)));
        }
        return new SyntheticOperator(seed, list, hw, Duration.ofMinutes(15));
    }

    Optional<Fault> faultOf(ElementId element) {
        return faults.stream().filter(f -> f.element().equals(element)).findFirst();
    }

    /** Emits every sample in time order up to {@code duration}; failed elements fall silent. */
    void run(Duration duration, Consumer<TelemetrySample> sink) {
        Map<ElementId, Fault> byElement = new HashMap<>();
        for (Fault f : faults) {
            byElement.put(f.element(), f);
        }
        Element[] regionOf = elements.toArray(Element[]::new);
        for (Instant at = EPOCH; !at.isAfter(EPOCH.plus(duration)); at = at.plus(tick)) {
            double hourOfDay = (at.getEpochSecond() % 86_400) / 3600.0;
            double daily = Math.sin((hourOfDay - 14) / 24 * 2 * Math.PI); // peak in the evening
            for (Element e : regionOf) {
                Fault f = byElement.get(e.id());
                if (f != null && !at.isBefore(f.failsAt())) {
                    continue;
                }
                double level = f == null ? 0 : f.latent(at);
                double heat = 0;
                for (Heatwave h : heatwaves) {
                    if (h.region().equals(e.region())
                            && !at.isBefore(EPOCH.plus(h.from()))
                            && at.isBefore(EPOCH.plus(h.to()))) {
                        heat = h.degrees();
                    }
                }
                sink.accept(new TelemetrySample(e.id(), at, values(e, f, level, heat, daily)));
            }
        }
    }

    /**
     * As {@link #run}, and {@code endOfTick} told each tick's instant after its samples (the last
     * tick's too).
     */
    void runTicks(Duration duration, Consumer<TelemetrySample> sink, Consumer<Instant> endOfTick) {
        Instant[] tick = {null};
        run(
                duration,
                s -> {
                    if (tick[0] != null && !s.at().equals(tick[0])) {
                        endOfTick.accept(tick[0]);
                    }
                    tick[0] = s.at();
                    sink.accept(s);
                });
        if (tick[0] != null) {
            endOfTick.accept(tick[0]);
        }
    }

    private double[] values(Element e, Fault f, double level, double heat, double daily) {
        double[] b = baselines.get(e.id());
        double[] v = TelemetrySample.emptyValues();
        FailureMode mode = f == null ? null : f.mode();
        if (e.kind() == ElementKind.LINK) {
            double laser = mode == FailureMode.LASER_AGING ? level : 0;
            v[Metric.OPTICAL_RX_DBM.ordinal()] =
                    b[Metric.OPTICAL_RX_DBM.ordinal()] - 6 * laser + gauss(0.3);
            v[Metric.PRE_FEC_BER.ordinal()] =
                    b[Metric.PRE_FEC_BER.ordinal()] * Math.pow(10, 3 * laser + gauss(0.2));
            double traffic =
                    b[Metric.TRAFFIC_GBPS.ordinal()] * (1 + 0.4 * daily) * (1 + gauss(0.05));
            v[Metric.TRAFFIC_GBPS.ordinal()] = traffic;
            v[Metric.UTILIZATION.ordinal()] =
                    b[Metric.UTILIZATION.ordinal()] * (1 + 0.4 * daily) + gauss(0.02);
            return v;
        }
        double fan = mode == FailureMode.FAN_WEAR ? level : 0;
        double psu = mode == FailureMode.PSU_DEGRADATION ? level : 0;
        double mem = mode == FailureMode.MEMORY_LEAK ? level : 0;
        v[Metric.TEMPERATURE_C.ordinal()] =
                b[Metric.TEMPERATURE_C.ordinal()] + 3 * daily + heat + 15 * fan + gauss(1.0);
        v[Metric.FAN_RPM.ordinal()] =
                b[Metric.FAN_RPM.ordinal()]
                        * (1 + 0.02 * heat - 0.35 * fan + gauss(0.02 + 0.06 * fan));
        double ripple = b[Metric.PSU_VOLTAGE_RIPPLE_MV.ordinal()] * (1 + 1.5 * psu + gauss(0.08));
        if (psu > 0 && noise.nextDouble() < 0.05 * psu) {
            ripple *= 3; // brief spikes
        }
        v[Metric.PSU_VOLTAGE_RIPPLE_MV.ordinal()] = ripple;
        v[Metric.MEMORY_UTIL_PCT.ordinal()] =
                Math.min(100, b[Metric.MEMORY_UTIL_PCT.ordinal()] + 50 * mem + gauss(1.5));
        v[Metric.CPU_UTIL_PCT.ordinal()] =
                b[Metric.CPU_UTIL_PCT.ordinal()] * (1 + 0.3 * daily) + gauss(3);
        v[Metric.TRAFFIC_GBPS.ordinal()] =
                b[Metric.TRAFFIC_GBPS.ordinal()] * (1 + 0.5 * daily) * (1 + gauss(0.05));
        v[Metric.CRC_ERRORS.ordinal()] = Math.max(0, b[Metric.CRC_ERRORS.ordinal()] + gauss(1));
        return v;
    }

    private double gauss(double sd) {
        // Box–Muller from the seeded generator: no java.util.Random in the loop
        double u1 = Math.max(noise.nextDouble(), 1e-12);
        double u2 = noise.nextDouble();
        return sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** The label of an element at a time: the ground truth the trainer learns. */
    TrainingSet.Label label(ElementId element, Instant at, Duration horizon) {
        Optional<Fault> f = faultOf(element);
        if (f.isEmpty()) {
            return TrainingSet.Label.healthy();
        }
        Fault fault = f.get();
        return TrainingSet.Label.fault(
                fault.mode(),
                Duration.between(at, fault.failsAt()),
                horizon,
                !at.isBefore(fault.onsetAt()),
                fault.latent(at));
    }

    /** Records this run into the builder, one row per element every {@code every}. */
    void record(TrainingSet.Builder builder, Duration duration, Duration every) {
        TrainingSet.Builder.Recorder recorder = builder.run(seed, elements);
        Instant[] nextRow = {EPOCH};
        List<TelemetrySample> tickSamples = new ArrayList<>();
        Instant[] current = {EPOCH};
        Consumer<List<TelemetrySample>> flush =
                samples -> {
                    if (samples.isEmpty()) {
                        return;
                    }
                    Instant at = samples.get(0).at();
                    recorder.tick(at);
                    if (!at.isBefore(nextRow[0])) {
                        for (TelemetrySample s : samples) {
                            if (recorder.isScorable(s.element())) {
                                recorder.record(
                                        s.element(), at, label(s.element(), at, builder.horizon()));
                            }
                        }
                        nextRow[0] = at.plus(every);
                    }
                };
        run(
                duration,
                s -> {
                    if (!s.at().equals(current[0])) {
                        flush.accept(tickSamples);
                        tickSamples.clear();
                        current[0] = s.at();
                    }
                    recorder.observe(s);
                    tickSamples.add(s);
                });
        flush.accept(tickSamples);
    }
}
