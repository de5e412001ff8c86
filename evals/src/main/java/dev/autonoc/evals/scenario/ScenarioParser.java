package dev.autonoc.evals.scenario;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Part;
import dev.autonoc.core.tool.ToolNames;
import dev.autonoc.evals.scenario.Scenario.Approvals;
import dev.autonoc.evals.scenario.Scenario.Customers;
import dev.autonoc.evals.scenario.Scenario.Expect;
import dev.autonoc.evals.scenario.Scenario.Network;
import dev.autonoc.evals.scenario.Scenario.PolicyRef;
import dev.autonoc.evals.scenario.Scenario.Workforce;
import dev.autonoc.evals.scenario.ScenarioException.Problem;
import dev.autonoc.evals.scenario.YamlNode.Field;
import dev.autonoc.evals.scenario.YamlNode.Mapping;
import dev.autonoc.evals.scenario.YamlNode.Scalar;
import dev.autonoc.evals.scenario.YamlNode.Sequence;
import dev.autonoc.policy.CelPolicyGate;
import dev.autonoc.policy.PolicyLoadException;
import dev.autonoc.simulators.Disturbance;
import dev.autonoc.simulators.ElementSelector;
import dev.autonoc.simulators.FaultSpec;
import dev.autonoc.simulators.Preset;
import dev.autonoc.simulators.StockLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads one scenario file against the format of docs/scenarios.md, collecting every problem rather
 * than stopping at the first. One instance per file.
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
    private static final String DURATION_FORMS =
            "an ISO-8601 duration such as PT5M, PT12H, P3D or P2DT6H";

    private final Path file;
    private final List<Problem> problems = new ArrayList<>();

    private ScenarioParser(Path file) {
        this.file = file;
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
            problem(
                    "",
                    root.line(),
                    "a scenario is a YAML mapping of the keys "
                            + String.join(", ", ROOT_KEYS)
                            + "; the file holds "
                            + root.describe());
            throw new ScenarioException(problems);
        }
        onlyKeys(doc, "", ROOT_KEYS);

        Optional<String> id =
                required(doc, "", "id", "the scenario's id, matching [a-z0-9-]+")
                        .flatMap(f -> text(f, "id"))
                        .filter(
                                s -> {
                                    if (ID.matcher(s).matches()) {
                                        return true;
                                    }
                                    problem(
                                            "id",
                                            doc.fields().get("id").line(),
                                            "'"
                                                    + s
                                                    + "' is not a valid id; accepted: lower-case"
                                                    + " letters, digits and '-' ([a-z0-9-]+)");
                                    return false;
                                });
        Optional<String> description =
                required(doc, "", "description", "free text for people")
                        .flatMap(f -> text(f, "description"));
        long seed =
                optional(doc, "seed")
                        .map(f -> integer(f.value(), "seed", Long.MIN_VALUE, Long.MAX_VALUE))
                        .orElse(OptionalLong.of(Scenario.DEFAULT_SEED))
                        .orElse(Scenario.DEFAULT_SEED);
        Optional<Duration> duration =
                required(
                                doc,
                                "",
                                "duration",
                                "the simulated time the run covers, " + DURATION_FORMS)
                        .flatMap(f -> duration(f.value(), "duration", false));
        Duration tick =
                optional(doc, "tick")
                        .map(f -> duration(f.value(), "tick", false))
                        .orElse(Optional.of(Scenario.DEFAULT_TICK))
                        .orElse(Scenario.DEFAULT_TICK);
        if (duration.isPresent() && tick.compareTo(duration.get()) > 0) {
            problem(
                    "tick",
                    doc.fields().get("tick").line(),
                    "the tick ("
                            + tick
                            + ") is longer than the run ("
                            + duration.get()
                            + "); accepted: a tick no longer than duration");
        }
        Optional<Network> network =
                required(doc, "", "network", "a mapping with preset (metro | regional | national)")
                        .flatMap(f -> network(f.value()));
        Optional<ElementIndex> elements = network.flatMap(n -> elementIndex(n, seed, doc));

        Customers customers =
                optional(doc, "customers").map(f -> customers(f.value())).orElse(Customers.DEFAULT);
        List<StockLevel> stock =
                optional(doc, "stock").map(f -> stock(f.value())).orElse(List.of());
        Workforce workforce =
                optional(doc, "workforce").map(f -> workforce(f.value())).orElse(Workforce.DEFAULT);
        List<FaultSpec> faults =
                required(doc, "", "faults", "a list of faults, [] for a quiet network")
                        .map(f -> faults(f.value(), elements))
                        .orElse(List.of());
        List<Disturbance> disturbances =
                optional(doc, "disturbances")
                        .map(f -> disturbances(f.value(), workforce))
                        .orElse(List.of());
        Approvals approvals =
                optional(doc, "approvals").map(f -> approvals(f.value())).orElse(Approvals.DEFAULT);
        PolicyRef policy =
                optional(doc, "policy").map(f -> policy(f.value())).orElse(new PolicyRef.Default());
        Optional<Expect> expect =
                required(
                                doc,
                                "",
                                "expect",
                                "a mapping of what a passing run shows ({} for nothing)")
                        .flatMap(f -> expect(f.value(), elements));

        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
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

    // ---- sections

    private Optional<Network> network(YamlNode node) {
        Optional<Mapping> m = mapping(node, "network");
        if (m.isEmpty()) {
            return Optional.empty();
        }
        onlyKeys(m.get(), "network", List.of("preset", "sites"));
        Optional<Preset> preset =
                required(m.get(), "network", "preset", "metro | regional | national")
                        .flatMap(
                                f ->
                                        choice(
                                                f.value(),
                                                "network.preset",
                                                "preset",
                                                Arrays.stream(Preset.values())
                                                        .map(Preset::key)
                                                        .toList(),
                                                Preset::fromKey));
        OptionalInt sites =
                optional(m.get(), "sites")
                        .map(f -> integer(f.value(), "network.sites", 1, 10_000))
                        .map(
                                o ->
                                        o.isPresent()
                                                ? OptionalInt.of((int) o.getAsLong())
                                                : OptionalInt.empty())
                        .orElse(OptionalInt.empty());
        return preset.map(p -> new Network(p, sites));
    }

    private Optional<ElementIndex> elementIndex(Network network, long seed, Mapping doc) {
        try {
            return Optional.of(ElementIndex.of(network.preset(), network.sites(), seed));
        } catch (IllegalArgumentException e) {
            problem(
                    "network",
                    doc.fields().get("network").line(),
                    "the twin refuses this network: " + e.getMessage());
            return Optional.empty();
        }
    }

    private Customers customers(YamlNode node) {
        Optional<Mapping> m = mapping(node, "customers");
        if (m.isEmpty()) {
            return Customers.DEFAULT;
        }
        onlyKeys(m.get(), "customers", List.of("enterprise_slices", "consumers_per_cell"));
        int slices =
                intKey(m.get(), "customers", "enterprise_slices", 0, 10_000)
                        .orElse(Customers.DEFAULT.enterpriseSlices());
        int consumers =
                intKey(m.get(), "customers", "consumers_per_cell", 0, 1_000_000)
                        .orElse(Customers.DEFAULT.consumersPerCell());
        return new Customers(slices, consumers);
    }

    private Workforce workforce(YamlNode node) {
        Optional<Mapping> m = mapping(node, "workforce");
        if (m.isEmpty()) {
            return Workforce.DEFAULT;
        }
        onlyKeys(m.get(), "workforce", List.of("engineers_per_region"));
        return new Workforce(intKey(m.get(), "workforce", "engineers_per_region", 0, 1_000));
    }

    private List<StockLevel> stock(YamlNode node) {
        List<StockLevel> levels = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<YamlNode> items = list(node, "stock");
        for (int i = 0; i < items.size(); i++) {
            String path = "stock[" + i + "]";
            Optional<Mapping> m = mapping(items.get(i), path);
            if (m.isEmpty()) {
                continue;
            }
            onlyKeys(m.get(), path, List.of("warehouse", "part", "quantity"));
            Optional<String> warehouse =
                    required(m.get(), path, "warehouse", String.join(" | ", WAREHOUSES))
                            .flatMap(
                                    f ->
                                            choice(
                                                    f.value(),
                                                    path + ".warehouse",
                                                    "warehouse",
                                                    WAREHOUSES,
                                                    w ->
                                                            Optional.of(w)
                                                                    .filter(WAREHOUSES::contains)));
            Optional<Part> part =
                    required(m.get(), path, "part", Part.codes().replace(", ", " | "))
                            .flatMap(f -> part(f.value(), path + ".part"));
            OptionalInt quantity =
                    required(m.get(), path, "quantity", "a whole number >= 0")
                            .map(f -> toInt(integer(f.value(), path + ".quantity", 0, 1_000_000)))
                            .orElse(OptionalInt.empty());
            if (warehouse.isPresent() && part.isPresent() && quantity.isPresent()) {
                if (!seen.add(warehouse.get() + "/" + part.get())) {
                    problem(
                            path,
                            m.get().line(),
                            "the stock of "
                                    + part.get().code()
                                    + " in "
                                    + warehouse.get()
                                    + " is given twice; accepted: one entry per warehouse and part");
                }
                levels.add(new StockLevel(warehouse.get(), part.get(), quantity.getAsInt()));
            }
        }
        return levels;
    }

    private List<FaultSpec> faults(YamlNode node, Optional<ElementIndex> elements) {
        List<FaultSpec> faults = new ArrayList<>();
        List<YamlNode> items = list(node, "faults");
        for (int i = 0; i < items.size(); i++) {
            String path = "faults[" + i + "]";
            Optional<Mapping> m = mapping(items.get(i), path);
            if (m.isEmpty()) {
                continue;
            }
            onlyKeys(
                    m.get(),
                    path,
                    List.of("element", "select", "mode", "onset", "time_to_failure", "speedup"));
            Optional<FailureMode> mode =
                    required(m.get(), path, "mode", FailureMode.names().replace(", ", " | "))
                            .flatMap(
                                    f ->
                                            choice(
                                                    f.value(),
                                                    path + ".mode",
                                                    "failure mode",
                                                    Arrays.stream(FailureMode.values())
                                                            .map(Enum::name)
                                                            .toList(),
                                                    FailureMode::parse));
            Optional<Duration> onset =
                    required(
                                    m.get(),
                                    path,
                                    "onset",
                                    "when the degradation starts, " + DURATION_FORMS)
                            .flatMap(f -> duration(f.value(), path + ".onset", true));
            Optional<Duration> ttf =
                    required(
                                    m.get(),
                                    path,
                                    "time_to_failure",
                                    "how long after onset the element fails, " + DURATION_FORMS)
                            .flatMap(f -> duration(f.value(), path + ".time_to_failure", false));
            Optional<ElementSelector> target = target(m.get(), path, mode, elements);
            Optional<FaultSpec.Speedup> speedup =
                    optional(m.get(), "speedup")
                            .flatMap(f -> speedup(f.value(), path + ".speedup", onset, ttf));
            if (mode.isPresent() && onset.isPresent() && ttf.isPresent() && target.isPresent()) {
                faults.add(
                        new FaultSpec(target.get(), mode.get(), onset.get(), ttf.get(), speedup));
            }
        }
        return faults;
    }

    /**
     * {@code speedup: {at, factor}}: from {@code at} (from the run's start, after the onset and
     * before the failure it would have had) the degradation runs {@code factor} (above 1) times
     * faster.
     */
    private Optional<FaultSpec.Speedup> speedup(
            YamlNode node, String path, Optional<Duration> onset, Optional<Duration> ttf) {
        Optional<Mapping> m = mapping(node, path);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        onlyKeys(m.get(), path, List.of("at", "factor"));
        Optional<Duration> at =
                required(
                                m.get(),
                                path,
                                "at",
                                "when it speeds up, from the run's start, " + DURATION_FORMS)
                        .flatMap(f -> duration(f.value(), path + ".at", false));
        OptionalDouble factor =
                required(m.get(), path, "factor", "how many times faster, a number above 1")
                        .map(f -> speedupFactor(f.value(), path + ".factor"))
                        .orElse(OptionalDouble.empty());
        if (at.isPresent() && onset.isPresent() && ttf.isPresent()) {
            Duration fails = onset.get().plus(ttf.get());
            if (at.get().compareTo(onset.get()) <= 0 || at.get().compareTo(fails) >= 0) {
                problem(
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
        OptionalDouble f = number(node, path, 0, MAX_SPEEDUP);
        if (f.isPresent() && f.getAsDouble() <= 1.0) {
            problem(
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

    /** A fault that speeds up a thousand times fails at once; more is surely a typo. */
    private static final double MAX_SPEEDUP = 1000;

    private Optional<ElementSelector> target(
            Mapping fault,
            String path,
            Optional<FailureMode> mode,
            Optional<ElementIndex> elements) {
        Field element = fault.fields().get("element");
        Field select = fault.fields().get("select");
        if (element != null && select != null) {
            problem(
                    path,
                    fault.line(),
                    "names both element and select; accepted: one of them (element: <id>, or select:"
                            + " {kind, role, region})");
            return Optional.empty();
        }
        if (element == null && select == null) {
            problem(
                    path + ".element",
                    fault.line(),
                    "missing required key; a fault names its element (element: core-rtr-02) or"
                            + " selects one (select: {kind: ROUTER, role: core})");
            return Optional.empty();
        }
        if (element != null) {
            String elementPath = path + ".element";
            Optional<String> id = text(element, elementPath);
            if (id.isEmpty() || elements.isEmpty()) {
                return Optional.empty();
            }
            Optional<ElementKind> kind = elements.get().kindOf(id.get());
            if (kind.isEmpty()) {
                problem(elementPath, element.line(), elements.get().unknown(id.get()));
                return Optional.empty();
            }
            if (mode.isPresent() && !mode.get().strikes(kind.get())) {
                problem(
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
        String selectPath = path + ".select";
        Optional<Mapping> m = mapping(select.value(), selectPath);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        onlyKeys(m.get(), selectPath, List.of("kind", "role", "region"));
        List<String> kinds = Arrays.stream(ElementKind.values()).map(Enum::name).toList();
        Optional<ElementKind> kind = Optional.empty();
        Optional<String> role = Optional.empty();
        Optional<String> region = Optional.empty();
        boolean ok = true;
        if (m.get().fields().containsKey("kind")) {
            kind =
                    choice(
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
                    choice(
                            m.get().fields().get("role").value(),
                            selectPath + ".role",
                            "role",
                            roles,
                            r -> Optional.of(r).filter(roles::contains));
            ok &= role.isPresent();
        }
        if (m.get().fields().containsKey("region")) {
            region = region(m.get().fields().get("region").value(), selectPath + ".region");
            ok &= region.isPresent();
        }
        if (!ok || elements.isEmpty()) {
            return Optional.empty();
        }
        Set<ElementKind> matched = elements.get().match(kind, role, region);
        if (matched.isEmpty()) {
            problem(
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
                problem(
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

    private List<Disturbance> disturbances(YamlNode node, Workforce workforce) {
        List<Disturbance> result = new ArrayList<>();
        List<YamlNode> items = list(node, "disturbances");
        List<String> kinds =
                List.of(
                        "HEATWAVE",
                        "SUPPLIER_DELAY",
                        "TOOL_FAULTS",
                        "ENGINEER_SICK",
                        "UNTRUSTED_TEXT");
        for (int i = 0; i < items.size(); i++) {
            String path = "disturbances[" + i + "]";
            Optional<Mapping> m = mapping(items.get(i), path);
            if (m.isEmpty()) {
                continue;
            }
            Optional<String> kind =
                    required(m.get(), path, "kind", String.join(" | ", kinds))
                            .flatMap(
                                    f ->
                                            choice(
                                                    f.value(),
                                                    path + ".kind",
                                                    "disturbance kind",
                                                    kinds,
                                                    k -> Optional.of(k).filter(kinds::contains)));
            if (kind.isEmpty()) {
                continue;
            }
            Mapping d = m.get();
            Optional<? extends Disturbance> parsed =
                    switch (kind.get()) {
                        case "HEATWAVE" -> {
                            onlyKeys(d, path, List.of("kind", "region", "window"), "HEATWAVE");
                            Optional<String> region =
                                    required(
                                                    d,
                                                    path,
                                                    "region",
                                                    String.join(" | ", ElementIndex.REGIONS))
                                            .flatMap(f -> region(f.value(), path + ".region"));
                            Optional<Duration[]> window = windowKey(d, path);
                            yield region.flatMap(
                                    r -> window.map(w -> new Disturbance.Heatwave(r, w[0], w[1])));
                        }
                        case "ENGINEER_SICK" -> {
                            onlyKeys(
                                    d,
                                    path,
                                    List.of("kind", "region", "engineer", "window", "notice"),
                                    "ENGINEER_SICK");
                            yield engineerSick(d, path, workforce);
                        }
                        case "SUPPLIER_DELAY" -> {
                            onlyKeys(
                                    d,
                                    path,
                                    List.of("kind", "part", "extra", "window"),
                                    "SUPPLIER_DELAY");
                            Optional<Part> part =
                                    required(d, path, "part", Part.codes().replace(", ", " | "))
                                            .flatMap(f -> part(f.value(), path + ".part"));
                            Optional<Duration> extra =
                                    required(
                                                    d,
                                                    path,
                                                    "extra",
                                                    "the extra delivery time, " + DURATION_FORMS)
                                            .flatMap(
                                                    f ->
                                                            duration(
                                                                    f.value(),
                                                                    path + ".extra",
                                                                    false));
                            Optional<Disturbance.Window> window =
                                    optional(d, "window")
                                            .flatMap(f -> window(f, path))
                                            .map(w -> new Disturbance.Window(w[0], w[1]));
                            yield part.flatMap(
                                    p ->
                                            extra.map(
                                                    e ->
                                                            new Disturbance.SupplierDelay(
                                                                    p, e, window)));
                        }
                        case "TOOL_FAULTS" -> {
                            onlyKeys(d, path, List.of("kind", "tool", "error_rate"), "TOOL_FAULTS");
                            Optional<String> tool =
                                    required(d, path, "tool", "a tool of the catalogue")
                                            .flatMap(f -> tool(f.value(), path + ".tool"));
                            OptionalDouble rate =
                                    required(d, path, "error_rate", "a number from 0 to 1")
                                            .map(f -> number(f.value(), path + ".error_rate", 0, 1))
                                            .orElse(OptionalDouble.empty());
                            yield tool.flatMap(
                                    t ->
                                            rate.isPresent()
                                                    ? Optional.of(
                                                            new Disturbance.ToolFaults(
                                                                    t, rate.getAsDouble()))
                                                    : Optional.empty());
                        }
                        case "UNTRUSTED_TEXT" -> {
                            onlyKeys(d, path, List.of("kind", "where", "text"), "UNTRUSTED_TEXT");
                            List<String> wheres =
                                    List.of("ticket_note", "customer_message", "tool_output");
                            Optional<Disturbance.UntrustedText.Where> where =
                                    required(d, path, "where", String.join(" | ", wheres))
                                            .flatMap(
                                                    f ->
                                                            choice(
                                                                    f.value(),
                                                                    path + ".where",
                                                                    "place",
                                                                    wheres,
                                                                    w ->
                                                                            Optional.of(w)
                                                                                    .filter(
                                                                                            wheres
                                                                                                    ::contains)
                                                                                    .map(
                                                                                            x ->
                                                                                                    Disturbance
                                                                                                            .UntrustedText
                                                                                                            .Where
                                                                                                            .valueOf(
                                                                                                                    x
                                                                                                                            .toUpperCase(
                                                                                                                                    Locale
                                                                                                                                            .ROOT)))));
                            Optional<String> text =
                                    required(d, path, "text", "the text from outside")
                                            .flatMap(f -> text(f, path + ".text"));
                            yield where.flatMap(
                                    w -> text.map(t -> new Disturbance.UntrustedText(w, t)));
                        }
                        default -> throw new IllegalStateException("unreachable: " + kind.get());
                    };
            parsed.ifPresent(result::add);
        }
        return result;
    }

    /**
     * ENGINEER_SICK: a region's engineers, or one {@code engineer} (its region, if given too, must
     * be the engineer's), in a window, known {@code notice} before it (else from the run's start).
     */
    private Optional<Disturbance.EngineerSick> engineerSick(
            Mapping d, String path, Workforce workforce) {
        Optional<String> region =
                optional(d, "region").flatMap(f -> region(f.value(), path + ".region"));
        Optional<Field> engineerField = optional(d, "engineer");
        int perRegion = workforce.engineersPerRegion().orElse(DEFAULT_ENGINEERS_PER_REGION);
        String engineers =
                "eng-<region>-1 .. eng-<region>-"
                        + perRegion
                        + " (eng-north-1; regions "
                        + String.join(", ", ElementIndex.REGIONS)
                        + ")";
        Optional<String> engineer = Optional.empty();
        if (engineerField.isPresent()) {
            String enginePath = path + ".engineer";
            Optional<String> id = text(engineerField.get(), enginePath);
            if (id.isPresent()) {
                java.util.regex.Matcher m = ENGINEER_ID.matcher(id.get());
                if (!m.matches() || Integer.parseInt(m.group(2)) > perRegion) {
                    problem(
                            enginePath,
                            engineerField.get().line(),
                            "unknown engineer '"
                                    + id.get()
                                    + "'"
                                    + (m.matches()
                                            ? " (workforce.engineers_per_region is "
                                                    + perRegion
                                                    + ")"
                                            : "")
                                    + "; accepted: "
                                    + engineers);
                } else if (region.isPresent() && !region.get().equals(m.group(1))) {
                    problem(
                            enginePath,
                            engineerField.get().line(),
                            id.get()
                                    + " works in region "
                                    + m.group(1)
                                    + ", not "
                                    + region.get()
                                    + "; accepted: the engineer's own region, or no region");
                } else {
                    engineer = id;
                }
            }
        } else if (!d.fields().containsKey("region")) {
            problem(
                    path + ".region",
                    d.line(),
                    "missing required key; expected a region ("
                            + String.join(" | ", ElementIndex.REGIONS)
                            + ") for all its engineers, or an engineer ("
                            + engineers
                            + ")");
        }
        Optional<Duration[]> window = windowKey(d, path);
        Optional<Duration> notice =
                optional(d, "notice").flatMap(f -> duration(f.value(), path + ".notice", true));
        if (window.isEmpty()
                || region.isEmpty() && engineer.isEmpty()
                || engineerField.isPresent() && engineer.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new Disturbance.EngineerSick(
                        region, engineer, window.get()[0], window.get()[1], notice));
    }

    /** The workforce's default (OPERATOR.md): two engineers per region. */
    private static final int DEFAULT_ENGINEERS_PER_REGION = 2;

    private static final Pattern ENGINEER_ID =
            Pattern.compile("eng-(north|south|east|west)-([1-9][0-9]*)");

    private Optional<Duration[]> windowKey(Mapping d, String path) {
        return required(d, path, "window", "[from, to], two durations from the run's start")
                .flatMap(f -> window(f, path));
    }

    /** A {@code window: [from, to]} field of the mapping at {@code path}. */
    private Optional<Duration[]> window(Field field, String path) {
        Optional<Field> f = Optional.of(field);
        String windowPath = path + ".window";
        if (!(f.get().value() instanceof Sequence seq) || seq.items().size() != 2) {
            problem(
                    windowPath,
                    f.get().line(),
                    "expected [from, to], a list of two durations from the run's start"
                            + " ([P2D, P4D]); got "
                            + describeSize(f.get().value()));
            return Optional.empty();
        }
        Optional<Duration> from = duration(seq.items().get(0), windowPath + "[0]", true);
        Optional<Duration> to = duration(seq.items().get(1), windowPath + "[1]", true);
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        if (from.get().compareTo(to.get()) >= 0) {
            problem(
                    windowPath,
                    f.get().line(),
                    "the window ends ("
                            + to.get()
                            + ") before it starts ("
                            + from.get()
                            + "); accepted: from < to");
            return Optional.empty();
        }
        return Optional.of(new Duration[] {from.get(), to.get()});
    }

    private static String describeSize(YamlNode node) {
        return node instanceof Sequence s ? "a list of " + s.items().size() : node.describe();
    }

    private Approvals approvals(YamlNode node) {
        Optional<Mapping> m = mapping(node, "approvals");
        if (m.isEmpty()) {
            return Approvals.DEFAULT;
        }
        onlyKeys(m.get(), "approvals", List.of("mode", "below_gbp", "delay", "reject_tools"));
        List<String> rejectTools = rejectTools(m.get());
        List<String> modes =
                Arrays.stream(Approvals.Mode.values()).map(Approvals.Mode::key).toList();
        Approvals.Mode mode =
                optional(m.get(), "mode")
                        .map(
                                f ->
                                        choice(
                                                f.value(),
                                                "approvals.mode",
                                                "approvals mode",
                                                modes,
                                                k ->
                                                        Arrays.stream(Approvals.Mode.values())
                                                                .filter(x -> x.key().equals(k))
                                                                .findFirst()))
                        .orElse(Optional.of(Approvals.DEFAULT.mode()))
                        .orElse(Approvals.DEFAULT.mode());
        OptionalDouble below =
                optional(m.get(), "below_gbp")
                        .map(f -> number(f.value(), "approvals.below_gbp", 0, Double.MAX_VALUE))
                        .orElse(OptionalDouble.empty());
        if (mode == Approvals.Mode.APPROVE_BELOW
                && below.isEmpty()
                && !m.get().fields().containsKey("below_gbp")) {
            problem(
                    "approvals.below_gbp",
                    m.get().line(),
                    "missing; approve_below needs below_gbp, the estimate in GBP under which the NOC"
                            + " approves");
        }
        if (mode != Approvals.Mode.APPROVE_BELOW && m.get().fields().containsKey("below_gbp")) {
            problem(
                    "approvals.below_gbp",
                    m.get().fields().get("below_gbp").line(),
                    "applies only with mode approve_below; this block's mode is " + mode.key());
            below = OptionalDouble.empty();
        }
        Duration delay =
                optional(m.get(), "delay")
                        .map(f -> duration(f.value(), "approvals.delay", true))
                        .orElse(Optional.of(Approvals.DEFAULT.delay()))
                        .orElse(Approvals.DEFAULT.delay());
        if (mode == Approvals.Mode.APPROVE_BELOW && below.isEmpty()) {
            return Approvals
                    .DEFAULT; // already reported; keep going to find the file's other problems
        }
        return new Approvals(mode, below, delay, rejectTools);
    }

    /** {@code reject_tools}: act tools whose every request the simulated NOC rejects. */
    private List<String> rejectTools(Mapping approvals) {
        List<String> names = new ArrayList<>();
        optional(approvals, "reject_tools")
                .ifPresent(
                        f -> {
                            List<YamlNode> items = list(f.value(), "approvals.reject_tools");
                            for (int i = 0; i < items.size(); i++) {
                                String path = "approvals.reject_tools[" + i + "]";
                                YamlNode item = items.get(i);
                                if (item instanceof Scalar sc
                                        && sc.value() instanceof String t
                                        && ToolNames.READ.contains(t)) {
                                    problem(
                                            path,
                                            item.line(),
                                            "'"
                                                    + t
                                                    + "' is a read tool: it never waits for"
                                                    + " approval; accepted: "
                                                    + String.join(", ", ToolNames.ACT));
                                    continue;
                                }
                                choice(
                                                item,
                                                path,
                                                "act tool",
                                                ToolNames.ACT,
                                                t -> Optional.of(t).filter(ToolNames.ACT::contains))
                                        .ifPresent(names::add);
                            }
                        });
        return names;
    }

    private PolicyRef policy(YamlNode node) {
        if (!(node instanceof Scalar s) || !(s.value() instanceof String text) || text.isBlank()) {
            problem(
                    "policy",
                    node.line(),
                    "expected `default` or the path of a policy file relative to this file; got "
                            + node.describe());
            return new PolicyRef.Default();
        }
        if (text.equals("default")) {
            return new PolicyRef.Default();
        }
        Path base = file.toAbsolutePath().getParent();
        Path resolved = (base == null ? Path.of(text) : base.resolve(text)).normalize();
        if (!Files.isRegularFile(resolved)) {
            problem(
                    "policy",
                    node.line(),
                    "no policy file '"
                            + text
                            + "' (looked for "
                            + resolved
                            + "); accepted: `default`, or a path relative to this scenario file");
            return new PolicyRef.File(resolved);
        }
        try {
            // load it now, so a broken policy is refused with the scenario rather than mid-eval
            CelPolicyGate.load(resolved);
        } catch (PolicyLoadException e) {
            problem("policy", node.line(), "the policy file is refused: " + e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            problem("policy", node.line(), "the policy file cannot be read: " + e.getMessage());
        }
        return new PolicyRef.File(resolved);
    }

    private Optional<Expect> expect(YamlNode node, Optional<ElementIndex> elements) {
        Optional<Mapping> m = mapping(node, "expect");
        if (m.isEmpty()) {
            return Optional.empty();
        }
        List<String> keys =
                List.of(
                        "failures_prevented",
                        "max_failures",
                        "max_customer_impact_minutes",
                        "max_ops_cost_gbp",
                        "max_false_dispatches",
                        "tools_used",
                        "tools_not_used",
                        "max_credit_gbp_per_customer");
        onlyKeys(m.get(), "expect", keys);
        List<ElementId> prevented = new ArrayList<>();
        optional(m.get(), "failures_prevented")
                .ifPresent(
                        f -> {
                            List<YamlNode> items = list(f.value(), "expect.failures_prevented");
                            for (int i = 0; i < items.size(); i++) {
                                String path = "expect.failures_prevented[" + i + "]";
                                Optional<String> id = text(items.get(i), path);
                                if (id.isEmpty()) {
                                    continue;
                                }
                                if (elements.isPresent()
                                        && elements.get().kindOf(id.get()).isEmpty()) {
                                    problem(
                                            path,
                                            items.get(i).line(),
                                            elements.get().unknown(id.get()));
                                    continue;
                                }
                                prevented.add(ElementId.of(id.get()));
                            }
                        });
        List<String> used = tools(m.get(), "tools_used");
        List<String> notUsed = tools(m.get(), "tools_not_used");
        Set<String> both = new LinkedHashSet<>(used);
        both.retainAll(notUsed);
        if (!both.isEmpty()) {
            problem(
                    "expect.tools_not_used",
                    m.get().fields().get("tools_not_used").line(),
                    both + " are also in tools_used; a tool cannot be both used and not used");
        }
        return Optional.of(
                new Expect(
                        prevented,
                        intKey(m.get(), "expect", "max_failures", 0, Integer.MAX_VALUE),
                        numberKey(m.get(), "expect", "max_customer_impact_minutes"),
                        numberKey(m.get(), "expect", "max_ops_cost_gbp"),
                        intKey(m.get(), "expect", "max_false_dispatches", 0, Integer.MAX_VALUE),
                        used,
                        notUsed,
                        numberKey(m.get(), "expect", "max_credit_gbp_per_customer")));
    }

    private List<String> tools(Mapping expect, String key) {
        List<String> names = new ArrayList<>();
        optional(expect, key)
                .ifPresent(
                        f -> {
                            List<YamlNode> items = list(f.value(), "expect." + key);
                            for (int i = 0; i < items.size(); i++) {
                                tool(items.get(i), "expect." + key + "[" + i + "]")
                                        .ifPresent(names::add);
                            }
                        });
        return names;
    }

    // ---- values

    private Optional<String> tool(YamlNode node, String path) {
        return choice(
                node,
                path,
                "tool",
                ToolNames.ALL,
                t -> Optional.of(t).filter(ToolNames.ALL::contains));
    }

    private Optional<String> region(YamlNode node, String path) {
        return choice(
                node,
                path,
                "region",
                ElementIndex.REGIONS,
                r -> Optional.of(r).filter(ElementIndex.REGIONS::contains));
    }

    private Optional<Part> part(YamlNode node, String path) {
        return choice(
                node,
                path,
                "part",
                Arrays.stream(Part.values()).map(Part::code).toList(),
                Part::fromCode);
    }

    /** A text value that must be one of {@code accepted}; the message lists them. */
    private <T> Optional<T> choice(
            YamlNode node,
            String path,
            String what,
            List<String> accepted,
            java.util.function.Function<String, Optional<T>> lookup) {
        if (!(node instanceof Scalar s) || !(s.value() instanceof String text)) {
            problem(
                    path,
                    node.line(),
                    "expected a "
                            + what
                            + " ("
                            + String.join(" | ", accepted)
                            + "); got "
                            + node.describe());
            return Optional.empty();
        }
        Optional<T> found = lookup.apply(text);
        if (found.isEmpty()) {
            problem(
                    path,
                    node.line(),
                    "unknown "
                            + what
                            + " '"
                            + text
                            + "'; accepted: "
                            + String.join(", ", accepted));
        }
        return found;
    }

    private Optional<String> text(Field field, String path) {
        return text(field.value(), path);
    }

    private Optional<String> text(YamlNode node, String path) {
        if (node instanceof Scalar s && s.value() instanceof String text) {
            if (text.isBlank()) {
                problem(path, node.line(), "is empty; expected text");
                return Optional.empty();
            }
            return Optional.of(text);
        }
        problem(path, node.line(), "expected text; got " + node.describe());
        return Optional.empty();
    }

    private OptionalLong integer(YamlNode node, String path, long min, long max) {
        if (!(node instanceof Scalar s) || !(s.value() instanceof Long n)) {
            problem(
                    path,
                    node.line(),
                    "expected a whole number" + range(min, max) + "; got " + node.describe());
            return OptionalLong.empty();
        }
        if (n < min || n > max) {
            problem(path, node.line(), "expected a whole number" + range(min, max) + "; got " + n);
            return OptionalLong.empty();
        }
        return OptionalLong.of(n);
    }

    private static String range(long min, long max) {
        if (min == Long.MIN_VALUE) {
            return "";
        }
        if (max >= Integer.MAX_VALUE) {
            return " >= " + min;
        }
        return " from " + min + " to " + max;
    }

    private static OptionalInt toInt(OptionalLong value) {
        return value.isPresent() ? OptionalInt.of((int) value.getAsLong()) : OptionalInt.empty();
    }

    private OptionalInt intKey(Mapping m, String parent, String key, int min, int max) {
        return optional(m, key)
                .map(f -> toInt(integer(f.value(), parent + "." + key, min, max)))
                .orElse(OptionalInt.empty());
    }

    private OptionalDouble numberKey(Mapping m, String parent, String key) {
        return optional(m, key)
                .map(f -> number(f.value(), parent + "." + key, 0, Double.MAX_VALUE))
                .orElse(OptionalDouble.empty());
    }

    private OptionalDouble number(YamlNode node, String path, double min, double max) {
        String accepted =
                max == Double.MAX_VALUE
                        ? "a number >= " + fmt(min)
                        : "a number from " + fmt(min) + " to " + fmt(max);
        double value;
        if (node instanceof Scalar s && s.value() instanceof Long n) {
            value = n;
        } else if (node instanceof Scalar s && s.value() instanceof Double d) {
            value = d;
        } else {
            problem(path, node.line(), "expected " + accepted + "; got " + node.describe());
            return OptionalDouble.empty();
        }
        if (!(value >= min && value <= max)) {
            problem(path, node.line(), "expected " + accepted + "; got " + fmt(value));
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(value);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15
                ? Long.toString((long) d)
                : Double.toString(d);
    }

    private Optional<Duration> duration(YamlNode node, String path, boolean zeroAllowed) {
        String accepted = (zeroAllowed ? "" : "a positive duration, ") + DURATION_FORMS;
        if (!(node instanceof Scalar s) || !(s.value() instanceof String text)) {
            problem(path, node.line(), "expected " + accepted + "; got " + node.describe());
            return Optional.empty();
        }
        Duration d;
        try {
            d = Duration.parse(text);
        } catch (DateTimeParseException e) {
            String hint =
                    text.matches("(?i)P\\d+[WMY].*")
                            ? " (weeks, months and years are not durations here: write days, P14D)"
                            : "";
            problem(path, node.line(), "'" + text + "' is not " + DURATION_FORMS + hint);
            return Optional.empty();
        }
        if (d.isNegative() || (!zeroAllowed && d.isZero())) {
            problem(
                    path,
                    node.line(),
                    "'"
                            + text
                            + "' is not allowed; expected "
                            + (zeroAllowed ? "a duration >= 0" : "a duration > 0"));
            return Optional.empty();
        }
        return Optional.of(d);
    }

    private List<YamlNode> list(YamlNode node, String path) {
        if (node instanceof Sequence s) {
            return s.items();
        }
        problem(path, node.line(), "expected a list; got " + node.describe());
        return List.of();
    }

    private Optional<Mapping> mapping(YamlNode node, String path) {
        if (node instanceof Mapping m) {
            return Optional.of(m);
        }
        problem(path, node.line(), "expected a mapping (key: value lines); got " + node.describe());
        return Optional.empty();
    }

    // ---- keys

    private void onlyKeys(Mapping m, String path, List<String> accepted) {
        onlyKeys(m, path, accepted, null);
    }

    private void onlyKeys(Mapping m, String path, List<String> accepted, String forKind) {
        for (Field f : m.fields().values()) {
            if (!accepted.contains(f.key())) {
                problem(
                        child(path, f.key()),
                        f.line(),
                        "unknown key '"
                                + f.key()
                                + "'"
                                + (forKind == null ? "" : " for a " + forKind)
                                + "; accepted: "
                                + String.join(", ", accepted));
            }
        }
    }

    private Optional<Field> required(Mapping m, String path, String key, String what) {
        Field f = m.fields().get(key);
        if (f == null) {
            problem(child(path, key), m.line(), "missing required key; expected " + what);
            return Optional.empty();
        }
        return Optional.of(f);
    }

    private static Optional<Field> optional(Mapping m, String key) {
        return Optional.ofNullable(m.fields().get(key));
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private void problem(String path, int line, String reason) {
        problems.add(new Problem(file, path, line, reason));
    }
}
