package dev.autonoc.evals.scenario;

import static dev.autonoc.evals.scenario.CheckedReads.DURATION_FORMS;
import static dev.autonoc.evals.scenario.CheckedReads.fmt;
import static dev.autonoc.evals.scenario.CheckedReads.optional;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.evals.scenario.YamlNode.Field;
import dev.autonoc.evals.scenario.YamlNode.Mapping;
import dev.autonoc.simulators.ElementSelector;
import dev.autonoc.simulators.FaultSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code faults} key: each fault's mode, onset, time to failure and optional speedup, and the
 * element it strikes, named ({@code element}) or selected ({@code select}) and checked against the
 * generated network and the kinds its mode can strike.
 */
final class FaultSection {

    /** A fault that speeds up a thousand times fails at once; more is surely a typo. */
    private static final double MAX_SPEEDUP = 1000;

    private final CheckedReads reads;

    FaultSection(CheckedReads reads) {
        this.reads = reads;
    }

    List<FaultSpec> faults(YamlNode node, Optional<ElementIndex> elements) {
        return reads.mappings(node, "faults", (path, m) -> fault(m, path, elements));
    }

    private Optional<FaultSpec> fault(Mapping m, String path, Optional<ElementIndex> elements) {
        reads.onlyKeys(
                m,
                path,
                List.of("element", "select", "mode", "onset", "time_to_failure", "speedup"));
        Optional<FailureMode> mode =
                reads.required(m, path, "mode", FailureMode.names().replace(", ", " | "))
                        .flatMap(
                                f ->
                                        reads.choice(
                                                f.value(),
                                                path + ".mode",
                                                "failure mode",
                                                Arrays.stream(FailureMode.values())
                                                        .map(Enum::name)
                                                        .toList(),
                                                FailureMode::parse));
        Optional<Duration> onset =
                reads.required(m, path, "onset", "when the degradation starts, " + DURATION_FORMS)
                        .flatMap(f -> reads.duration(f.value(), path + ".onset", true));
        Optional<Duration> ttf =
                reads.required(
                                m,
                                path,
                                "time_to_failure",
                                "how long after onset the element fails, " + DURATION_FORMS)
                        .flatMap(f -> reads.duration(f.value(), path + ".time_to_failure", false));
        Optional<ElementSelector> target = target(m, path, mode, elements);
        Optional<FaultSpec.Speedup> speedup =
                optional(m, "speedup")
                        .flatMap(f -> speedup(f.value(), path + ".speedup", onset, ttf));
        if (mode.isEmpty() || onset.isEmpty() || ttf.isEmpty() || target.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new FaultSpec(target.get(), mode.get(), onset.get(), ttf.get(), speedup));
    }

    /**
     * {@code speedup: {at, factor}}: from {@code at} (from the run's start, after the onset and
     * before the failure it would have had) the degradation runs {@code factor} (above 1) times
     * faster.
     */
    private Optional<FaultSpec.Speedup> speedup(
            YamlNode node, String path, Optional<Duration> onset, Optional<Duration> ttf) {
        Optional<Mapping> m = reads.mapping(node, path);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        reads.onlyKeys(m.get(), path, List.of("at", "factor"));
        Optional<Duration> at =
                reads.required(
                                m.get(),
                                path,
                                "at",
                                "when it speeds up, from the run's start, " + DURATION_FORMS)
                        .flatMap(f -> reads.duration(f.value(), path + ".at", false));
        OptionalDouble factor =
                reads.required(m.get(), path, "factor", "how many times faster, a number above 1")
                        .map(f -> speedupFactor(f.value(), path + ".factor"))
                        .orElse(OptionalDouble.empty());
        if (at.isPresent() && onset.isPresent() && ttf.isPresent()) {
            Duration fails = onset.get().plus(ttf.get());
            if (at.get().compareTo(onset.get()) <= 0 || at.get().compareTo(fails) >= 0) {
                reads.problem(
                        path + ".at",
                        m.get().fields().get("at").line(),
                        "the speedup at "
                                + at.get()
                                + " is outside the fault's degradation; accepted: after its onset ("
                                + onset.get()
                                + ") and before its failure (onset + time_to_failure = "
                                + fails
                                + ")");
                return Optional.empty();
            }
        }
        if (at.isEmpty() || factor.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FaultSpec.Speedup(at.get(), factor.getAsDouble()));
    }

    private OptionalDouble speedupFactor(YamlNode node, String path) {
        OptionalDouble f = reads.number(node, path, 0, MAX_SPEEDUP);
        if (f.isPresent() && f.getAsDouble() <= 1.0) {
            reads.problem(
                    path,
                    node.line(),
                    "a factor of "
                            + fmt(f.getAsDouble())
                            + " does not speed anything up; accepted: a number above 1 up to "
                            + fmt(MAX_SPEEDUP));
            return OptionalDouble.empty();
        }
        return f;
    }

    /** The fault's {@code element} or {@code select}: exactly one of them. */
    private Optional<ElementSelector> target(
            Mapping fault,
            String path,
            Optional<FailureMode> mode,
            Optional<ElementIndex> elements) {
        Field element = fault.fields().get("element");
        Field select = fault.fields().get("select");
        if (element != null && select != null) {
            reads.problem(
                    path,
                    fault.line(),
                    "names both element and select; accepted: one of them (element: <id>, or select:"
                            + " {kind, role, region})");
            return Optional.empty();
        }
        if (element == null && select == null) {
            reads.problem(
                    path + ".element",
                    fault.line(),
                    "missing required key; a fault names its element (element: core-rtr-02) or"
                            + " selects one (select: {kind: ROUTER, role: core})");
            return Optional.empty();
        }
        if (element != null) {
            return named(fault, element, path, mode, elements);
        }
        return selected(fault, select, path, mode, elements);
    }

    /** {@code element: <id>}: an element of the generated network that the mode can strike. */
    private Optional<ElementSelector> named(
            Mapping fault,
            Field element,
            String path,
            Optional<FailureMode> mode,
            Optional<ElementIndex> elements) {
        String elementPath = path + ".element";
        Optional<String> id = reads.text(element, elementPath);
        if (id.isEmpty() || elements.isEmpty()) {
            return Optional.empty();
        }
        Optional<ElementKind> kind = elements.get().kindOf(id.get());
        if (kind.isEmpty()) {
            reads.problem(elementPath, element.line(), elements.get().unknown(id.get()));
            return Optional.empty();
        }
        if (mode.isPresent() && !mode.get().strikes(kind.get())) {
            reads.problem(
                    path + ".mode",
                    fault.fields().get("mode").line(),
                    mode.get()
                            + " cannot strike '"
                            + id.get()
                            + "', a "
                            + kind.get()
                            + "; "
                            + mode.get()
                            + " strikes "
                            + strikes(mode.get())
                            + "; accepted for a "
                            + kind.get()
                            + ": "
                            + modesFor(kind.get()));
            return Optional.empty();
        }
        return Optional.of(new ElementSelector.ById(ElementId.of(id.get())));
    }

    /**
     * {@code select: {kind, role, region}}: at least one element of the generated network matches,
     * and the mode can strike every kind it matches.
     */
    private Optional<ElementSelector> selected(
            Mapping fault,
            Field select,
            String path,
            Optional<FailureMode> mode,
            Optional<ElementIndex> elements) {
        String selectPath = path + ".select";
        Optional<Mapping> m = reads.mapping(select.value(), selectPath);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        reads.onlyKeys(m.get(), selectPath, List.of("kind", "role", "region"));
        List<String> kinds = Arrays.stream(ElementKind.values()).map(Enum::name).toList();
        Optional<ElementKind> kind = Optional.empty();
        Optional<String> role = Optional.empty();
        Optional<String> region = Optional.empty();
        boolean ok = true;
        if (m.get().fields().containsKey("kind")) {
            kind =
                    reads.choice(
                            m.get().fields().get("kind").value(),
                            selectPath + ".kind",
                            "element kind",
                            kinds,
                            k ->
                                    Arrays.stream(ElementKind.values())
                                            .filter(e -> e.name().equals(k))
                                            .findFirst());
            ok &= kind.isPresent();
        }
        if (m.get().fields().containsKey("role")) {
            List<String> roles = List.of("core", "aggregation", "cell", "fibre");
            role =
                    reads.oneOf(
                            m.get().fields().get("role").value(),
                            selectPath + ".role",
                            "role",
                            roles);
            ok &= role.isPresent();
        }
        if (m.get().fields().containsKey("region")) {
            region = reads.region(m.get().fields().get("region").value(), selectPath + ".region");
            ok &= region.isPresent();
        }
        if (!ok || elements.isEmpty()) {
            return Optional.empty();
        }
        Set<ElementKind> matched = elements.get().match(kind, role, region);
        if (matched.isEmpty()) {
            reads.problem(
                    selectPath,
                    select.line(),
                    "no element matches "
                            + describeSelect(kind, role, region)
                            + "; roles: core and aggregation are ROUTERs, cell is RADIO, fibre is"
                            + " LINK; regions: "
                            + String.join(", ", ElementIndex.REGIONS));
            return Optional.empty();
        }
        if (mode.isPresent()) {
            Set<ElementKind> cannot =
                    matched.stream()
                            .filter(k -> !mode.get().strikes(k))
                            .collect(Collectors.toCollection(LinkedHashSet::new));
            if (!cannot.isEmpty()) {
                reads.problem(
                        path + ".mode",
                        fault.fields().get("mode").line(),
                        mode.get()
                                + " strikes "
                                + strikes(mode.get())
                                + ", but "
                                + describeSelect(kind, role, region)
                                + " matches "
                                + cannot
                                + " elements too; name a kind that "
                                + mode.get()
                                + " strikes in select");
                return Optional.empty();
            }
        }
        return Optional.of(new ElementSelector.ByMatch(kind, role, region));
    }

    private static String describeSelect(
            Optional<ElementKind> kind, Optional<String> role, Optional<String> region) {
        List<String> parts = new ArrayList<>();
        kind.ifPresent(k -> parts.add("kind: " + k));
        role.ifPresent(r -> parts.add("role: " + r));
        region.ifPresent(r -> parts.add("region: " + r));
        return "{" + String.join(", ", parts) + "}";
    }

    private static String strikes(FailureMode mode) {
        return Arrays.stream(ElementKind.values())
                .filter(mode::strikes)
                .map(Enum::name)
                .collect(Collectors.joining(" and "));
    }

    private static String modesFor(ElementKind kind) {
        return Arrays.stream(FailureMode.values())
                .filter(m -> m.strikes(kind))
                .map(Enum::name)
                .collect(Collectors.joining(", "));
    }
}
