package dev.autonoc.evals.scenario;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.Preset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The elements a scenario may name: the topology the twin generates for (preset, sites, seed),
 * without building a twin.
 */
final class ElementIndex {

    static final List<String> REGIONS = List.of("north", "south", "east", "west");

    /** A pass^k eval asks for each network k times; generating one is cheap but not free. */
    private static final Map<String, ElementIndex> CACHE = new ConcurrentHashMap<>();

    private final List<Element> elements;
    private final Map<String, ElementKind> kinds = new LinkedHashMap<>();
    private final Preset preset;
    private final long seed;

    private ElementIndex(List<Element> elements, Preset preset, long seed) {
        this.elements = List.copyOf(elements);
        this.preset = preset;
        this.seed = seed;
        elements.forEach(e -> kinds.put(e.id().value(), e.kind()));
    }

    /**
     * The index for a network.
     *
     * @throws IllegalArgumentException when the twin refuses the network (its message says why)
     */
    static ElementIndex of(Preset preset, OptionalInt sites, long seed) {
        return CACHE.computeIfAbsent(
                preset + "/" + sites + "/" + seed,
                key -> new ElementIndex(OperatorTwin.topology(preset, sites, seed), preset, seed));
    }

    /** The element's kind, or empty when there is no such element. */
    Optional<ElementKind> kindOf(String id) {
        return Optional.ofNullable(kinds.get(id));
    }

    /** Why an id is unknown, with what the network has: per kind and role, how many and which. */
    String unknown(String id) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (Element e : elements) {
            groups.computeIfAbsent(
                            e.kind().name().toLowerCase(Locale.ROOT) + " " + e.role(),
                            k -> new ArrayList<>())
                    .add(e.id().value());
        }
        String accepted =
                groups.entrySet().stream()
                        .map(
                                g -> {
                                    List<String> ids = g.getValue().stream().sorted().toList();
                                    return ids.size()
                                            + " "
                                            + g.getKey()
                                            + " ("
                                            + ids.get(0)
                                            + (ids.size() > 1
                                                    ? " … " + ids.get(ids.size() - 1)
                                                    : "")
                                            + ")";
                                })
                        .collect(Collectors.joining(", "));
        return "no element '"
                + id
                + "' in the "
                + preset.key()
                + " network of seed "
                + seed
                + "; it has "
                + accepted;
    }

    /** The kinds of the elements that match a selector; empty when none matches. */
    Set<ElementKind> match(
            Optional<ElementKind> kind, Optional<String> role, Optional<String> region) {
        Set<ElementKind> matched = EnumSet.noneOf(ElementKind.class);
        for (Element e : elements) {
            if (kind.map(k -> k == e.kind()).orElse(true)
                    && role.map(r -> r.equals(e.role())).orElse(true)
                    && region.map(r -> r.equals(e.region())).orElse(true)) {
                matched.add(e.kind());
            }
        }
        return matched;
    }
}
