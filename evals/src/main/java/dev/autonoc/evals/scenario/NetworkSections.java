package dev.autonoc.evals.scenario;

import static dev.autonoc.evals.scenario.CheckedReads.optional;
import static dev.autonoc.evals.scenario.CheckedReads.toInt;
import static dev.autonoc.evals.scenario.ScenarioParser.WAREHOUSES;

import dev.autonoc.core.prediction.Part;
import dev.autonoc.evals.scenario.Scenario.Customers;
import dev.autonoc.evals.scenario.Scenario.Network;
import dev.autonoc.evals.scenario.Scenario.Workforce;
import dev.autonoc.evals.scenario.YamlNode.Mapping;
import dev.autonoc.simulators.Preset;
import dev.autonoc.simulators.StockLevel;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The keys that shape the world a scenario runs in: {@code network}, {@code customers}, {@code
 * stock} and {@code workforce}. Problems go to the file's {@link CheckedReads}.
 */
final class NetworkSections {

    private final CheckedReads reads;

    NetworkSections(CheckedReads reads) {
        this.reads = reads;
    }

    Optional<Network> network(YamlNode node) {
        Optional<Mapping> m = reads.mapping(node, "network");
        if (m.isEmpty()) {
            return Optional.empty();
        }
        reads.onlyKeys(m.get(), "network", List.of("preset", "sites"));
        Optional<Preset> preset =
                reads.required(m.get(), "network", "preset", "metro | regional | national")
                        .flatMap(
                                f ->
                                        reads.choice(
                                                f.value(),
                                                "network.preset",
                                                "preset",
                                                Arrays.stream(Preset.values())
                                                        .map(Preset::key)
                                                        .toList(),
                                                Preset::fromKey));
        OptionalInt sites =
                optional(m.get(), "sites")
                        .map(f -> toInt(reads.integer(f.value(), "network.sites", 1, 10_000)))
                        .orElse(OptionalInt.empty());
        return preset.map(p -> new Network(p, sites));
    }

    Customers customers(YamlNode node) {
        Optional<Mapping> m = reads.mapping(node, "customers");
        if (m.isEmpty()) {
            return Customers.DEFAULT;
        }
        reads.onlyKeys(m.get(), "customers", List.of("enterprise_slices", "consumers_per_cell"));
        int slices =
                reads.intKey(m.get(), "customers", "enterprise_slices", 0, 10_000)
                        .orElse(Customers.DEFAULT.enterpriseSlices());
        int consumers =
                reads.intKey(m.get(), "customers", "consumers_per_cell", 0, 1_000_000)
                        .orElse(Customers.DEFAULT.consumersPerCell());
        return new Customers(slices, consumers);
    }

    Workforce workforce(YamlNode node) {
        Optional<Mapping> m = reads.mapping(node, "workforce");
        if (m.isEmpty()) {
            return Workforce.DEFAULT;
        }
        reads.onlyKeys(m.get(), "workforce", List.of("engineers_per_region"));
        return new Workforce(reads.intKey(m.get(), "workforce", "engineers_per_region", 0, 1_000));
    }

    List<StockLevel> stock(YamlNode node) {
        Set<String> seen = new HashSet<>();
        return reads.mappings(node, "stock", (path, m) -> stockLevel(m, path, seen));
    }

    /** One {@code stock} entry; {@code seen} holds the warehouse/part pairs of those before it. */
    private Optional<StockLevel> stockLevel(Mapping m, String path, Set<String> seen) {
        reads.onlyKeys(m, path, List.of("warehouse", "part", "quantity"));
        Optional<String> warehouse =
                reads.requiredOneOf(m, path, "warehouse", "warehouse", WAREHOUSES);
        Optional<Part> part =
                reads.required(m, path, "part", Part.codes().replace(", ", " | "))
                        .flatMap(f -> reads.part(f.value(), path + ".part"));
        OptionalInt quantity =
                reads.required(m, path, "quantity", "a whole number >= 0")
                        .map(f -> toInt(reads.integer(f.value(), path + ".quantity", 0, 1_000_000)))
                        .orElse(OptionalInt.empty());
        if (warehouse.isEmpty() || part.isEmpty() || quantity.isEmpty()) {
            return Optional.empty();
        }
        if (!seen.add(warehouse.get() + "/" + part.get())) {
            reads.problem(
                    path,
                    m.line(),
                    "the stock of "
                            + part.get().code()
                            + " in "
                            + warehouse.get()
                            + " is given twice; accepted: one entry per warehouse and part");
        }
        return Optional.of(new StockLevel(warehouse.get(), part.get(), quantity.getAsInt()));
    }
}
