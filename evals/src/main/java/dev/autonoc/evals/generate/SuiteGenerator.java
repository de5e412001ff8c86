package dev.autonoc.evals.generate;

import dev.autonoc.evals.generate.ScenarioDraft.DraftFault;
import dev.autonoc.evals.report.EvalReport;
import dev.autonoc.evals.report.RunMetrics;
import dev.autonoc.evals.report.RunReport;
import dev.autonoc.evals.run.EvalRunner;
import dev.autonoc.evals.run.PlannerName;
import dev.autonoc.evals.run.Progress;
import dev.autonoc.evals.scenario.Scenario;
import dev.autonoc.evals.scenario.ScenarioException;
import dev.autonoc.evals.scenario.ScenarioLoader;
import dev.autonoc.simulators.Disturbance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generates a suite: draws each scenario ({@link ScenarioDrawer}), runs the oracle baseline on it
 * with each of its k seeds, derives its {@code expect} from those runs ({@link
 * OracleExpectations}), writes it as YAML ({@link ScenarioYaml}) and reads it back through the
 * scenario loader, which checks it as it checks any file. A draw the oracle cannot finish (the twin
 * refuses it) is drawn again; the suite is a function of (count, seed, k) alone.
 */
public final class SuiteGenerator {

    /** Bumped when a change to the drawing or the derivation changes what a seed generates. */
    public static final int DISTRIBUTION_VERSION = 2;

    /** Draws of one index before the generator gives up (none has been needed so far). */
    static final int MAX_ATTEMPTS = 5;

    public static final String MANIFEST = "generation.json";

    /**
     * @param count how many scenarios
     * @param seed the suite's seed
     * @param seeds k: the oracle runs each scenario with its k seeds, and the suite is meant to be
     *     run with at most k
     * @param threads oracle runs at once
     * @param badData whether scenarios may carry bad data (ScenarioDrawer)
     */
    public record Settings(int count, long seed, int seeds, int threads, boolean badData) {
        public static final int MAX_COUNT = 100_000;

        /** Without bad data: the suites drawn before bad data existed. */
        public Settings(int count, long seed, int seeds, int threads) {
            this(count, seed, seeds, threads, false);
        }

        public static final int MAX_SEEDS = 20;

        public Settings {
            if (count < 1 || count > MAX_COUNT) {
                throw new IllegalArgumentException(
                        "--count must be 1 to " + MAX_COUNT + ", got " + count);
            }
            if (seed < 0) {
                throw new IllegalArgumentException("--seed must be 0 or more, got " + seed);
            }
            if (seeds < 1 || seeds > MAX_SEEDS) {
                throw new IllegalArgumentException(
                        "--seeds must be 1 to " + MAX_SEEDS + ", got " + seeds);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
            }
        }
    }

    /**
     * One generated scenario.
     *
     * @param yaml the file's text
     * @param scenario the same, as the loader read it back
     * @param attempts how many draws it took (1 when the first was kept)
     * @param oracle what the oracle's runs, which its expectations come from, showed at worst
     */
    public record Generated(String yaml, Scenario scenario, int attempts, OracleWorst oracle) {
        public Generated {
            Objects.requireNonNull(yaml, "yaml");
            Objects.requireNonNull(scenario, "scenario");
            Objects.requireNonNull(oracle, "oracle");
        }

        public String fileName() {
            return scenario.id() + ".yaml";
        }
    }

    /** The oracle's worst seed, figure by figure, for the manifest. */
    public record OracleWorst(int failures, double customerImpactMinutes, double opsCostGbp) {
        static OracleWorst of(List<RunReport> runs) {
            return new OracleWorst(
                    runs.stream()
                            .mapToInt(r -> r.metrics().map(RunMetrics::failures).orElse(0))
                            .max()
                            .orElse(0),
                    runs.stream()
                            .mapToDouble(
                                    r ->
                                            r.metrics()
                                                    .map(RunMetrics::customerImpactMinutes)
                                                    .orElse(0.0))
                            .max()
                            .orElse(0),
                    runs.stream()
                            .mapToDouble(r -> r.metrics().map(RunMetrics::opsCostGbp).orElse(0.0))
                            .max()
                            .orElse(0));
        }
    }

    /**
     * Scenarios whose oracle runs go to the runner at once: each run's report (trail, telemetry)
     * stays in memory until its batch is settled, so a suite of thousands is generated in bounded
     * memory. Which scenarios share a batch changes nothing in what is generated.
     */
    static final int BATCH = 100;

    private static final JsonMapper MAPPER =
            JsonMapper.builder()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .defaultPrettyPrinter(
                            new DefaultPrettyPrinter()
                                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                                    .withArrayIndenter(new DefaultIndenter("  ", "\n")))
                    .build();

    private final Settings settings;
    private final ScenarioDrawer drawer;
    private final int batch;

    public SuiteGenerator(Settings settings) {
        this(settings, BATCH);
    }

    SuiteGenerator(Settings settings, int batch) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        this.drawer = new ScenarioDrawer(settings.seed(), settings.seeds(), settings.badData());
        this.batch = batch;
    }

    /**
     * Draws, runs the oracle on, and checks every scenario.
     *
     * @throws IllegalStateException when an index yields no scenario the oracle finishes after
     *     {@link #MAX_ATTEMPTS} draws, or a generated file is refused (a bug: the message has it)
     */
    public List<Generated> generate(Progress progress) {
        Generated[] done = new Generated[settings.count()];
        // one progress for the whole suite, however many batches the runs go in
        progress.started(settings.count() * settings.seeds(), settings.threads());
        Progress runs =
                new Progress() {
                    @Override
                    public void started(int runs, int threads) {}

                    @Override
                    public void runStarted(String scenario, String planner, long seed) {
                        progress.runStarted(scenario, planner, seed);
                    }

                    @Override
                    public void runFinished(RunReport run) {
                        progress.runFinished(run);
                    }
                };
        EvalRunner runner =
                new EvalRunner(
                                new EvalRunner.Options(
                                        List.of(PlannerName.ORACLE),
                                        settings.seeds(),
                                        settings.threads(),
                                        false,
                                        Optional.empty()))
                        .withProgress(runs);
        for (int from = 0; from < settings.count(); from += batch) {
            batch(runner, from, Math.min(settings.count(), from + batch), done);
        }
        progress.finished();
        List<Generated> out = List.of(done);
        List<Scenario> all = out.stream().map(Generated::scenario).toList();
        try {
            ScenarioLoader.checkSeeds(all, settings.seeds());
        } catch (ScenarioException e) {
            throw new IllegalStateException(
                    "a generated scenario is refused: " + e.getMessage(), e);
        }
        return out;
    }

    /** Draws and settles the scenarios {@code from} (inclusive) to {@code to} into {@code done}. */
    private void batch(EvalRunner runner, int from, int to, Generated[] done) {
        ScenarioDraft[] drafts = new ScenarioDraft[to - from];
        int[] attempts = new int[to - from];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < drafts.length; i++) {
            drafts[i] = drawer.draw(from + i, 0);
            attempts[i] = 1;
            pending.add(i);
        }
        while (!pending.isEmpty()) {
            List<Scenario> scenarios = new ArrayList<>();
            for (int i : pending) {
                scenarios.add(
                        read(
                                drafts[i],
                                ScenarioYaml.render(
                                        drafts[i],
                                        description(drafts[i]),
                                        Scenario.Expect.NOTHING)));
            }
            EvalReport report = runner.run(scenarios);
            Map<String, List<RunReport>> byScenario =
                    report.runs().stream()
                            .collect(
                                    Collectors.groupingBy(
                                            RunReport::scenario,
                                            LinkedHashMap::new,
                                            Collectors.toList()));
            List<Integer> again = new ArrayList<>();
            for (int i : pending) {
                List<RunReport> oracle = byScenario.getOrDefault(drafts[i].id(), List.of());
                boolean finished =
                        !oracle.isEmpty() && oracle.stream().allMatch(r -> r.metrics().isPresent());
                if (!finished) {
                    if (attempts[i] >= MAX_ATTEMPTS) {
                        throw new IllegalStateException(
                                drafts[i].id()
                                        + ": "
                                        + MAX_ATTEMPTS
                                        + " draws and the oracle finished none; the last: "
                                        + oracle.stream()
                                                .flatMap(r -> r.violations().stream())
                                                .map(Object::toString)
                                                .toList());
                    }
                    drafts[i] = drawer.draw(from + i, attempts[i]);
                    attempts[i]++;
                    again.add(i);
                    continue;
                }
                Scenario.Expect expect = OracleExpectations.derive(drafts[i], oracle);
                String yaml = ScenarioYaml.render(drafts[i], description(drafts[i]), expect);
                done[from + i] =
                        new Generated(
                                yaml, read(drafts[i], yaml), attempts[i], OracleWorst.of(oracle));
            }
            pending = again;
        }
    }

    /** Reads a generated file back through the loader; a refusal is the generator's bug. */
    static Scenario read(ScenarioDraft draft, String yaml) {
        try {
            return ScenarioLoader.parse(Path.of(draft.id() + ".yaml"), yaml);
        } catch (ScenarioException e) {
            throw new IllegalStateException(
                    "the generator wrote a scenario the loader refuses (a bug): "
                            + e.getMessage()
                            + "\n"
                            + yaml,
                    e);
        }
    }

    /** Writes each scenario to {@code dir/<id>.yaml} and the suite's manifest beside them. */
    public void write(List<Generated> suite, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Object> entries = new ArrayList<>();
        for (Generated g : suite) {
            Files.writeString(dir.resolve(g.fileName()), g.yaml(), StandardCharsets.UTF_8);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", g.scenario().id());
            e.put("file", g.fileName());
            e.put("seed", g.scenario().seed());
            e.put("preset", g.scenario().network().preset().name().toLowerCase(Locale.ROOT));
            e.put("faults", g.scenario().faults().size());
            e.put("disturbances", g.scenario().disturbances().size());
            e.put("approvals", g.scenario().approvals().mode().key());
            e.put("attempts", g.attempts());
            Map<String, Object> oracle = new LinkedHashMap<>();
            oracle.put("max_failures", g.oracle().failures());
            oracle.put("max_customer_impact_minutes", round(g.oracle().customerImpactMinutes()));
            oracle.put("max_ops_cost_gbp", round(g.oracle().opsCostGbp()));
            e.put("oracle", oracle);
            entries.add(e);
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("generator", "autonoc eval generate");
        manifest.put("distribution_version", DISTRIBUTION_VERSION);
        manifest.put("suite_seed", settings.seed());
        manifest.put("count", settings.count());
        manifest.put("seeds", settings.seeds());
        manifest.put("scenarios", entries);
        Files.writeString(
                dir.resolve(MANIFEST),
                MAPPER.writeValueAsString(manifest) + "\n",
                StandardCharsets.UTF_8);
    }

    private static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }

    /** The description for people: what was drawn, and where the expectations come from. */
    String description(ScenarioDraft d) {
        List<String> parts = new ArrayList<>();
        parts.add(
                String.format(
                        Locale.ROOT,
                        "Generated by autonoc eval generate (suite seed %d, scenario %d of %d,"
                                + " distribution %d).",
                        d.suiteSeed(),
                        d.index() + 1,
                        settings.count(),
                        DISTRIBUTION_VERSION));
        parts.add(
                "A "
                        + d.preset().name().toLowerCase(Locale.ROOT)
                        + " network over "
                        + ScenarioYaml.iso(d.duration())
                        + ": "
                        + d.faults().stream()
                                .map(SuiteGenerator::fault)
                                .collect(Collectors.joining("; "))
                        + ".");
        parts.add(
                d.disturbances().isEmpty()
                        ? "No disturbance."
                        : "Disturbances: "
                                + d.disturbances().stream()
                                        .map(SuiteGenerator::disturbance)
                                        .collect(Collectors.joining("; "))
                                + ".");
        parts.add(
                "Approvals: "
                        + d.approvals().mode().key()
                        + d.approvals().belowGbp().stream()
                                .mapToObj(b -> " below " + ScenarioYaml.number(b) + " GBP")
                                .findFirst()
                                .orElse("")
                        + " after "
                        + ScenarioYaml.iso(d.approvals().delay())
                        + ".");
        if (!d.stock().isEmpty()
                || d.engineersPerRegion().isPresent()
                || d.customers().isPresent()) {
            parts.add("Stock, workforce or customers differ from the preset's.");
        }
        parts.add(
                String.format(
                        Locale.ROOT,
                        "The expectations are what the oracle baseline achieved on seeds %d to %d,"
                                + " with headroom.",
                        d.seed(),
                        d.seed() + settings.seeds() - 1));
        return String.join(" ", parts);
    }

    private static String fault(DraftFault f) {
        return ScenarioDrawer.describe(f)
                + " from "
                + ScenarioYaml.iso(f.spec().onset())
                + ", failing "
                + ScenarioYaml.iso(f.spec().timeToFailure())
                + " later";
    }

    /** One disturbance in words, for a generated scenario's description. */
    static String disturbance(Disturbance d) {
        if (d instanceof Disturbance.BadData b) {
            return BadDataDraw.describe(b);
        }
        if (d instanceof Disturbance.Heatwave h) {
            return "a heatwave in the "
                    + h.region()
                    + " ["
                    + ScenarioYaml.iso(h.from())
                    + ", "
                    + ScenarioYaml.iso(h.to())
                    + "]";
        }
        if (d instanceof Disturbance.SupplierDelay s) {
            return s.part().code()
                    + " deliveries "
                    + ScenarioYaml.iso(s.extra())
                    + " late"
                    + s.window()
                            .map(
                                    w ->
                                            " ["
                                                    + ScenarioYaml.iso(w.from())
                                                    + ", "
                                                    + ScenarioYaml.iso(w.to())
                                                    + "]")
                            .orElse("");
        }
        if (d instanceof Disturbance.ToolFaults t) {
            return t.tool() + " failing at " + ScenarioYaml.number(t.errorRate());
        }
        if (d instanceof Disturbance.EngineerSick s) {
            return s.engineer()
                            .map(e -> "engineer " + e + " off sick [")
                            .orElseGet(
                                    () ->
                                            "the "
                                                    + s.region().orElse("?")
                                                    + "'s engineers off sick [")
                    + ScenarioYaml.iso(s.from())
                    + ", "
                    + ScenarioYaml.iso(s.to())
                    + "]";
        }
        Disturbance.UntrustedText u = (Disturbance.UntrustedText) d;
        return "text from outside in a "
                + u.where().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
