package dev.autonoc.evals.scenario;

import static dev.autonoc.evals.scenario.CheckedReads.DURATION_FORMS;
import static dev.autonoc.evals.scenario.CheckedReads.optional;

import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.evals.scenario.YamlNode.Field;
import dev.autonoc.evals.scenario.YamlNode.Mapping;
import dev.autonoc.simulators.Disturbance;
import dev.autonoc.simulators.Disturbance.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The bad-data kinds of {@code disturbances} (TELEMETRY_GAP, STUCK_SENSOR, SPIKES, LATE_SAMPLES,
 * CLOCK_SKEW, INVENTORY_DRIFT, STALE_STOCK): data that lies about a network that is as it is. Each
 * kind's keys are checked like the others', elements against the scenario's network.
 */
final class BadDataSection {

    static final List<String> KINDS =
            List.of(
                    "TELEMETRY_GAP",
                    "STUCK_SENSOR",
                    "SPIKES",
                    "LATE_SAMPLES",
                    "CLOCK_SKEW",
                    "INVENTORY_DRIFT",
                    "STALE_STOCK");

    private static final String RATE = "a share of the samples, a number above 0 and at most 1";

    private final CheckedReads reads;
    private final DisturbanceSection windows;

    BadDataSection(CheckedReads reads, DisturbanceSection windows) {
        this.reads = reads;
        this.windows = windows;
    }

    Optional<? extends Disturbance> read(
            String kind, Mapping d, String path, Optional<ElementIndex> elements) {
        return switch (kind) {
            case "TELEMETRY_GAP" -> gap(d, path, elements);
            case "STUCK_SENSOR" -> stuck(d, path, elements);
            case "SPIKES" -> spikes(d, path, elements);
            case "LATE_SAMPLES" -> late(d, path, elements);
            case "CLOCK_SKEW" -> skew(d, path, elements);
            case "INVENTORY_DRIFT" -> drift(d, path, elements);
            case "STALE_STOCK" -> staleStock(d, path);
            default -> throw new IllegalStateException("unreachable: " + kind);
        };
    }

    private Optional<Disturbance.TelemetryGap> gap(
            Mapping d, String path, Optional<ElementIndex> elements) {
        reads.onlyKeys(d, path, List.of("kind", "element", "region", "window"), "TELEMETRY_GAP");
        Optional<Scope> scope = scope(d, path, elements);
        Optional<Duration[]> w = windows.windowKey(d, path);
        return scope.flatMap(s -> w.map(x -> new Disturbance.TelemetryGap(s, x[0], x[1])));
    }

    private Optional<Disturbance.StuckSensor> stuck(
            Mapping d, String path, Optional<ElementIndex> elements) {
        reads.onlyKeys(d, path, List.of("kind", "element", "metric", "window"), "STUCK_SENSOR");
        Optional<String> element = element(d, path, elements, true);
        Optional<ElementKind> kind = element.flatMap(e -> elements.flatMap(i -> i.kindOf(e)));
        List<String> accepted =
                kind.map(k -> Metric.reportedBy(k).stream().map(Metric::key).toList())
                        .orElseGet(() -> List.of(keys(Metric.values())));
        Optional<Metric> metric =
                reads.requiredOneOf(d, path, "metric", "metric", accepted).flatMap(Metric::fromKey);
        Optional<Duration[]> w = windows.windowKey(d, path);
        if (element.isEmpty() || metric.isEmpty() || w.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new Disturbance.StuckSensor(element.get(), metric.get(), w.get()[0], w.get()[1]));
    }

    private Optional<Disturbance.Spikes> spikes(
            Mapping d, String path, Optional<ElementIndex> elements) {
        reads.onlyKeys(d, path, List.of("kind", "element", "region", "rate", "window"), "SPIKES");
        Optional<Scope> scope = scope(d, path, elements);
        OptionalDouble rate = rate(d, path);
        Optional<Duration[]> w = windows.windowKey(d, path);
        if (scope.isEmpty() || rate.isEmpty() || w.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new Disturbance.Spikes(scope.get(), rate.getAsDouble(), w.get()[0], w.get()[1]));
    }

    private Optional<Disturbance.LateSamples> late(
            Mapping d, String path, Optional<ElementIndex> elements) {
        reads.onlyKeys(
                d,
                path,
                List.of("kind", "element", "region", "rate", "max_delay", "window"),
                "LATE_SAMPLES");
        Optional<Scope> scope = scope(d, path, elements);
        OptionalDouble rate = rate(d, path);
        Optional<Duration> delay =
                reads.required(
                                d,
                                path,
                                "max_delay",
                                "how late a sample may come, at least one tick; " + DURATION_FORMS)
                        .flatMap(f -> reads.duration(f.value(), path + ".max_delay", false));
        Optional<Duration[]> w = windows.windowKey(d, path);
        if (scope.isEmpty() || rate.isEmpty() || delay.isEmpty() || w.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new Disturbance.LateSamples(
                        scope.get(), rate.getAsDouble(), delay.get(), w.get()[0], w.get()[1]));
    }

    private Optional<Disturbance.ClockSkew> skew(
            Mapping d, String path, Optional<ElementIndex> elements) {
        reads.onlyKeys(d, path, List.of("kind", "element", "drift", "window"), "CLOCK_SKEW");
        Optional<String> element = element(d, path, elements, true);
        Optional<Duration> drift =
                reads.required(
                                d,
                                path,
                                "drift",
                                "how far the clock runs ahead per hour; " + DURATION_FORMS)
                        .flatMap(f -> reads.duration(f.value(), path + ".drift", false));
        Optional<Duration[]> w = windows.windowKey(d, path);
        if (element.isEmpty() || drift.isEmpty() || w.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new Disturbance.ClockSkew(element.get(), drift.get(), w.get()[0], w.get()[1]));
    }

    private Optional<Disturbance.InventoryDrift> drift(
            Mapping d, String path, Optional<ElementIndex> elements) {
        reads.onlyKeys(d, path, List.of("kind", "element", "says", "from"), "INVENTORY_DRIFT");
        Optional<String> element = element(d, path, elements, true);
        Optional<Disturbance.InventoryDrift.Says> says =
                reads.requiredOneOf(
                                d, path, "says", "inventory reading", List.of("missing", "down"))
                        .map(
                                s ->
                                        Disturbance.InventoryDrift.Says.valueOf(
                                                s.toUpperCase(Locale.ROOT)));
        Optional<Duration> from =
                optional(d, "from")
                        .map(f -> reads.duration(f.value(), path + ".from", true))
                        .orElse(Optional.of(Duration.ZERO));
        if (element.isEmpty() || says.isEmpty() || from.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Disturbance.InventoryDrift(element.get(), says.get(), from.get()));
    }

    private Optional<Disturbance.StaleStock> staleStock(Mapping d, String path) {
        reads.onlyKeys(d, path, List.of("kind", "lag"), "STALE_STOCK");
        return reads.required(
                        d, path, "lag", "how old check_stock's figures are; " + DURATION_FORMS)
                .flatMap(f -> reads.duration(f.value(), path + ".lag", false))
                .map(Disturbance.StaleStock::new);
    }

    /** {@code element} or {@code region}, exactly one. */
    private Optional<Scope> scope(Mapping d, String path, Optional<ElementIndex> elements) {
        boolean hasElement = d.fields().containsKey("element");
        boolean hasRegion = d.fields().containsKey("region");
        if (hasElement == hasRegion) {
            reads.problem(
                    path,
                    d.line(),
                    (hasElement ? "both element and region given" : "missing element or region")
                            + "; accepted: one element id, or one region ("
                            + String.join(" | ", ElementIndex.REGIONS)
                            + ") for all its elements");
            return Optional.empty();
        }
        if (hasRegion) {
            return optional(d, "region")
                    .flatMap(f -> reads.region(f.value(), path + ".region"))
                    .map(Scope::region);
        }
        return element(d, path, elements, false).map(Scope::element);
    }

    private Optional<String> element(
            Mapping d, String path, Optional<ElementIndex> elements, boolean required) {
        Optional<Field> field =
                required
                        ? reads.required(d, path, "element", "an element id of the network")
                        : optional(d, "element");
        if (field.isEmpty()) {
            return Optional.empty();
        }
        String elementPath = path + ".element";
        Optional<String> id = reads.text(field.get(), elementPath);
        if (id.isEmpty() || elements.isEmpty()) {
            return Optional.empty();
        }
        if (elements.get().kindOf(id.get()).isEmpty()) {
            reads.problem(elementPath, field.get().line(), elements.get().unknown(id.get()));
            return Optional.empty();
        }
        return id;
    }

    private OptionalDouble rate(Mapping d, String path) {
        OptionalDouble rate =
                reads.required(d, path, "rate", RATE)
                        .map(f -> reads.number(f.value(), path + ".rate", 0, 1))
                        .orElse(OptionalDouble.empty());
        if (rate.isPresent() && rate.getAsDouble() == 0.0) {
            reads.problem(path + ".rate", d.line(), "0 is not allowed; expected " + RATE);
            return OptionalDouble.empty();
        }
        return rate;
    }

    private static String[] keys(Metric[] metrics) {
        List<String> out = new ArrayList<>();
        for (Metric m : metrics) {
            out.add(m.key());
        }
        return out.toArray(String[]::new);
    }
}
