package dev.autonoc.evals.scenario;

import static dev.autonoc.evals.scenario.CheckedReads.DURATION_FORMS;
import static dev.autonoc.evals.scenario.CheckedReads.optional;

import dev.autonoc.evals.scenario.Scenario.Approvals;
import dev.autonoc.evals.scenario.Scenario.Customers;
import dev.autonoc.evals.scenario.Scenario.Expect;
import dev.autonoc.evals.scenario.Scenario.Network;
import dev.autonoc.evals.scenario.Scenario.PolicyRef;
import dev.autonoc.evals.scenario.Scenario.Workforce;
import dev.autonoc.evals.scenario.ScenarioException.Problem;
import dev.autonoc.evals.scenario.YamlNode.Mapping;
import dev.autonoc.simulators.Disturbance;
import dev.autonoc.simulators.FaultSpec;
import dev.autonoc.simulators.StockLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Reads one scenario file against the format of docs/scenarios.md, collecting every problem rather
 * than stopping at the first. One instance per file. This class reads the document and its
 * top-level keys; each section has its reader ({@link NetworkSections}, {@link FaultSection},
 * {@link DisturbanceSection}, {@link ExpectationSections}), and all of them record problems through
 * the file's {@link CheckedReads}.
 */
final class ScenarioParser {

    static final Pattern ID = Pattern.compile("[a-z0-9-]+");
    static final List<String> WAREHOUSES = List.of("central", "north", "south", "east", "west");

    private static final List<String> ROOT_KEYS =
            List.of(
                    "id",
                    "description",
                    "seed",
                    "duration",
                    "tick",
                    "network",
                    "customers",
                    "stock",
                    "workforce",
                    "faults",
                    "disturbances",
                    "approvals",
                    "policy",
                    "expect");

    private final Path file;
    private final CheckedReads reads;
    private final NetworkSections networkKeys;
    private final FaultSection faultKeys;
    private final DisturbanceSection disturbanceKeys;
    private final ExpectationSections expectationKeys;

    private ScenarioParser(Path file) {
        this.file = file;
        this.reads = new CheckedReads(file);
        this.networkKeys = new NetworkSections(reads);
        this.faultKeys = new FaultSection(reads);
        this.disturbanceKeys = new DisturbanceSection(reads);
        this.expectationKeys = new ExpectationSections(reads);
    }

    /**
     * @throws ScenarioException with every problem of the file
     */
    static Scenario parse(Path file, String text) {
        return new ScenarioParser(file).scenario(text);
    }

    private Scenario scenario(String text) {
        YamlNode root;
        try {
            root = YamlReader.read(text);
        } catch (YamlReader.YamlSyntaxException e) {
            throw new ScenarioException(List.of(new Problem(file, "", e.line(), e.getMessage())));
        }
        if (!(root instanceof Mapping doc)) {
            reads.problem(
                    "",
                    root.line(),
                    "a scenario is a YAML mapping of the keys "
                            + String.join(", ", ROOT_KEYS)
                            + "; the file holds "
                            + root.describe());
            throw new ScenarioException(reads.problems());
        }
        reads.onlyKeys(doc, "", ROOT_KEYS);

        Optional<String> id =
                reads.required(doc, "", "id", "the scenario's id, matching [a-z0-9-]+")
                        .flatMap(f -> reads.text(f, "id"))
                        .filter(
                                s -> {
                                    if (ID.matcher(s).matches()) {
                                        return true;
                                    }
                                    reads.problem(
                                            "id",
                                            doc.fields().get("id").line(),
                                            "'"
                                                    + s
                                                    + "' is not a valid id; accepted: lower-case"
                                                    + " letters, digits and '-' ([a-z0-9-]+)");
                                    return false;
                                });
        Optional<String> description =
                reads.required(doc, "", "description", "free text for people")
                        .flatMap(f -> reads.text(f, "description"));
        long seed =
                optional(doc, "seed")
                        .map(f -> reads.integer(f.value(), "seed", Long.MIN_VALUE, Long.MAX_VALUE))
                        .orElse(OptionalLong.of(Scenario.DEFAULT_SEED))
                        .orElse(Scenario.DEFAULT_SEED);
        Optional<Duration> duration =
                reads.required(
                                doc,
                                "",
                                "duration",
                                "the simulated time the run covers, " + DURATION_FORMS)
                        .flatMap(f -> reads.duration(f.value(), "duration", false));
        Duration tick =
                optional(doc, "tick")
                        .map(f -> reads.duration(f.value(), "tick", false))
                        .orElse(Optional.of(Scenario.DEFAULT_TICK))
                        .orElse(Scenario.DEFAULT_TICK);
        if (duration.isPresent() && tick.compareTo(duration.get()) > 0) {
            reads.problem(
                    "tick",
                    doc.fields().get("tick").line(),
                    "the tick ("
                            + tick
                            + ") is longer than the run ("
                            + duration.get()
                            + "); accepted: a tick no longer than duration");
        }
        Optional<Network> network =
                reads.required(
                                doc,
                                "",
                                "network",
                                "a mapping with preset (metro | regional | national)")
                        .flatMap(f -> networkKeys.network(f.value()));
        Optional<ElementIndex> elements = network.flatMap(n -> elementIndex(n, seed, doc));

        Customers customers =
                optional(doc, "customers")
                        .map(f -> networkKeys.customers(f.value()))
                        .orElse(Customers.DEFAULT);
        List<StockLevel> stock =
                optional(doc, "stock").map(f -> networkKeys.stock(f.value())).orElse(List.of());
        Workforce workforce =
                optional(doc, "workforce")
                        .map(f -> networkKeys.workforce(f.value()))
                        .orElse(Workforce.DEFAULT);
        List<FaultSpec> faults =
                reads.required(doc, "", "faults", "a list of faults, [] for a quiet network")
                        .map(f -> faultKeys.faults(f.value(), elements))
                        .orElse(List.of());
        List<Disturbance> disturbances =
                optional(doc, "disturbances")
                        .map(f -> disturbanceKeys.disturbances(f.value(), workforce, elements))
                        .orElse(List.of());
        Approvals approvals =
                optional(doc, "approvals")
                        .map(f -> expectationKeys.approvals(f.value()))
                        .orElse(Approvals.DEFAULT);
        PolicyRef policy =
                optional(doc, "policy")
                        .map(f -> expectationKeys.policy(f.value()))
                        .orElse(new PolicyRef.Default());
        Optional<Expect> expect =
                reads.required(
                                doc,
                                "",
                                "expect",
                                "a mapping of what a passing run shows ({} for nothing)")
                        .flatMap(f -> expectationKeys.expect(f.value(), elements));

        if (!reads.problems().isEmpty()) {
            throw new ScenarioException(reads.problems());
        }
        return new Scenario(
                id.orElseThrow(),
                description.orElseThrow(),
                seed,
                duration.orElseThrow(),
                tick,
                network.orElseThrow(),
                customers,
                stock,
                workforce,
                faults,
                disturbances,
                approvals,
                policy,
                expect.orElseThrow(),
                file);
    }

    private Optional<ElementIndex> elementIndex(Network network, long seed, Mapping doc) {
        try {
            return Optional.of(ElementIndex.of(network.preset(), network.sites(), seed));
        } catch (IllegalArgumentException e) {
            reads.problem(
                    "network",
                    doc.fields().get("network").line(),
                    "the twin refuses this network: " + e.getMessage());
            return Optional.empty();
        }
    }
}
