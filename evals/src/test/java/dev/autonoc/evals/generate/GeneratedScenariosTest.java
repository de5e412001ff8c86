package dev.autonoc.evals.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.evals.generate.ScenarioDraft.DraftFault;
import dev.autonoc.evals.report.EvalReport;
import dev.autonoc.evals.report.RunReport;
import dev.autonoc.evals.run.EvalRunner;
import dev.autonoc.evals.run.PlannerName;
import dev.autonoc.evals.run.Progress;
import dev.autonoc.evals.scenario.Scenario;
import dev.autonoc.evals.scenario.ScenarioLoader;
import dev.autonoc.simulators.Disturbance;
import dev.autonoc.simulators.ElementSelector;
import dev.autonoc.simulators.FaultSpec;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.Preset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's promises: every scenario it draws is a valid file in the documented format, drawn
 * within the documented bounds, and the oracle passes each scenario it generated with the seeds its
 * expectations came from. Loading and validating covers 1,000 draws; the oracle runs on a seeded
 * sample here (the whole 1,000 is a benchmark, docs/benchmarks.md).
 */
class GeneratedScenariosTest {

    private static final int DRAWS = 1000;
    private static final int SEEDS = 3;

    @TempDir Path dir;

    /** Every expect key, so that the loader checks how each is written. */
    private static Scenario.Expect everyKey(ScenarioDraft d) {
        List<ElementId> named = new ArrayList<>();
        for (DraftFault f : d.faults()) {
            if (f.spec().target() instanceof ElementSelector.ById byId) {
                named.add(byId.id());
            }
        }
        return new Scenario.Expect(
                named,
                OptionalInt.of(0),
                OptionalDouble.of(1234.5),
                OptionalDouble.of(2800),
                OptionalInt.of(0),
                List.of("order_part", "dispatch_engineer"),
                List.of("apply_sla_credit"),
                OptionalDouble.of(50));
    }

    @Test
    void a_thousand_drawn_scenarios_load_and_validate_with_each_of_their_seeds() {
        ScenarioDrawer drawer = new ScenarioDrawer(20_260_101L, SEEDS);
        SuiteGenerator generator =
                new SuiteGenerator(new SuiteGenerator.Settings(DRAWS, 20_260_101L, SEEDS, 1));
        List<Scenario> loaded = new ArrayList<>();
        for (int i = 0; i < DRAWS; i++) {
            ScenarioDraft d = drawer.draw(i, 0);
            String yaml = ScenarioYaml.render(d, generator.description(d), everyKey(d));
            Scenario s = ScenarioLoader.parse(dir.resolve(d.id() + ".yaml"), yaml);
            assertThat(s.id()).isEqualTo(d.id());
            assertThat(s.faults())
                    .extracting(FaultSpec::speedup)
                    .containsExactlyElementsOf(
                            d.faults().stream().map(f -> f.spec().speedup()).toList());
            assertThat(s.disturbances()).isEqualTo(d.disturbances());
            assertThat(s.approvals()).isEqualTo(d.approvals());
            assertThat(s.expect()).isEqualTo(everyKey(d));
            loaded.add(s);
        }
        // elements named by id exist in the networks of every seed the suite runs with
        ScenarioLoader.checkSeeds(loaded, SEEDS);
        assertThat(loaded).extracting(Scenario::id).doesNotHaveDuplicates();
    }

    @Test
    void draws_stay_within_the_documented_bounds_and_cover_every_kind() {
        ScenarioDrawer drawer = new ScenarioDrawer(7, SEEDS);
        Map<Preset, Integer> presets = new EnumMap<>(Preset.class);
        Map<FailureMode, Integer> modes = new EnumMap<>(FailureMode.class);
        Set<Class<?>> disturbanceKinds = new HashSet<>();
        Set<Scenario.Approvals.Mode> approvals = new HashSet<>();
        Map<String, Integer> targets = new HashMap<>();
        Map<Integer, Integer> faultCounts = new HashMap<>();
        Map<String, Integer> variants = new HashMap<>();
        for (int i = 0; i < DRAWS; i++) {
            ScenarioDraft d = drawer.draw(i, 0);
            presets.merge(d.preset(), 1, Integer::sum);
            faultCounts.merge(d.faults().size(), 1, Integer::sum);
            assertThat(d.faults()).hasSizeBetween(1, ScenarioDrawer.MAX_FAULTS);
            assertThat(d.disturbances()).hasSizeBetween(0, ScenarioDrawer.MAX_DISTURBANCES);
            Set<String> ids = new HashSet<>();
            Set<String> selectedClasses = new HashSet<>();
            Map<String, ElementKind> network = new HashMap<>();
            OperatorTwin.topology(d.preset(), OptionalInt.empty(), d.seed())
                    .forEach(e -> network.put(e.id().value(), e.kind()));
            for (DraftFault f : d.faults()) {
                modes.merge(f.spec().mode(), 1, Integer::sum);
                assertThat(f.spec().onset())
                        .isBetween(ScenarioDrawer.MIN_ONSET, ScenarioDrawer.MAX_ONSET);
                assertThat(f.spec().timeToFailure())
                        .isBetween(
                                ScenarioDrawer.MIN_TIME_TO_FAILURE,
                                ScenarioDrawer.MAX_TIME_TO_FAILURE);
                f.spec()
                        .speedup()
                        .ifPresent(
                                u -> {
                                    variants.merge("speedup", 1, Integer::sum);
                                    assertThat(u.at())
                                            .isGreaterThan(f.spec().onset())
                                            .isLessThan(
                                                    f.spec()
                                                            .onset()
                                                            .plus(f.spec().timeToFailure()));
                                    assertThat(u.factor()).isBetween(2.0, 4.0);
                                });
                assertThat(f.spec().onset().plus(f.spec().timeToFailure()).plus(Duration.ofDays(1)))
                        .as("the run lasts a day past the failure")
                        .isLessThanOrEqualTo(d.duration());
                if (f.spec().target() instanceof ElementSelector.ById byId) {
                    targets.merge("id", 1, Integer::sum);
                    assertThat(ids.add(byId.id().value())).as("one fault per element").isTrue();
                    assertThat(network).containsKey(byId.id().value());
                    ElementKind kind = network.get(byId.id().value());
                    assertThat(f.spec().mode().strikes(kind))
                            .as(f.spec().mode() + " on a " + kind)
                            .isTrue();
                } else {
                    targets.merge("select", 1, Integer::sum);
                    ElementSelector.ByMatch m = (ElementSelector.ByMatch) f.spec().target();
                    assertThat(f.spec().mode().strikes(m.kind().orElseThrow())).isTrue();
                    assertThat(selectedClasses.add(f.elementClass() + "@" + f.region())).isTrue();
                }
            }
            for (DraftFault f : d.faults()) {
                if (f.spec().target() instanceof ElementSelector.ById) {
                    assertThat(selectedClasses)
                            .as("no selection can land on a named element")
                            .doesNotContain(f.elementClass() + "@" + f.region());
                }
            }
            d.disturbances().forEach(x -> disturbanceKinds.add(x.getClass()));
            int perRegion = d.engineersPerRegion().orElse(OperatorTwin.ENGINEERS_PER_REGION);
            for (Disturbance x : d.disturbances()) {
                if (x instanceof Disturbance.SupplierDelay s && s.window().isPresent()) {
                    variants.merge("supplier window", 1, Integer::sum);
                    assertThat(s.window().get().from()).isLessThan(s.window().get().to());
                }
                if (x instanceof Disturbance.EngineerSick s) {
                    assertThat(s.region().isPresent()).isNotEqualTo(s.engineer().isPresent());
                    s.engineer()
                            .ifPresent(
                                    e -> {
                                        variants.merge("one engineer sick", 1, Integer::sum);
                                        int n =
                                                Integer.parseInt(
                                                        e.substring(e.lastIndexOf('-') + 1));
                                        assertThat(n).as(e).isBetween(1, perRegion);
                                    });
                    s.notice()
                            .ifPresent(
                                    n -> {
                                        variants.merge("sick with notice", 1, Integer::sum);
                                        assertThat(n)
                                                .isBetween(
                                                        Duration.ofHours(2), Duration.ofHours(12));
                                    });
                }
            }
            approvals.add(d.approvals().mode());
            assertThat(d.approvals().delay())
                    .isBetween(Duration.ofMinutes(5), Duration.ofMinutes(120));
        }
        assertThat(presets.get(Preset.METRO)).isBetween(700, 900);
        assertThat(presets.get(Preset.REGIONAL)).isBetween(100, 240);
        assertThat(presets.get(Preset.NATIONAL)).isBetween(10, 60);
        assertThat(modes).containsOnlyKeys(FailureMode.values());
        assertThat(faultCounts).containsOnlyKeys(1, 2, 3);
        assertThat(disturbanceKinds)
                .containsExactlyInAnyOrder(
                        Disturbance.Heatwave.class,
                        Disturbance.SupplierDelay.class,
                        Disturbance.ToolFaults.class,
                        Disturbance.EngineerSick.class,
                        Disturbance.UntrustedText.class);
        assertThat(approvals).containsExactlyInAnyOrder(Scenario.Approvals.Mode.values());
        assertThat(targets).containsOnlyKeys("id", "select");
        assertThat(variants)
                .containsOnlyKeys(
                        "speedup", "supplier window", "one engineer sick", "sick with notice");
        assertThat(variants.get("speedup")).as("one fault in five").isBetween(250, 450);
    }

    @Test
    void the_same_suite_seed_draws_the_same_scenarios_and_another_draws_others() {
        SuiteGenerator generator =
                new SuiteGenerator(new SuiteGenerator.Settings(20, 11, SEEDS, 1));
        ScenarioDrawer a = new ScenarioDrawer(11, SEEDS);
        ScenarioDrawer b = new ScenarioDrawer(11, SEEDS);
        ScenarioDrawer c = new ScenarioDrawer(12, SEEDS);
        for (int i = 0; i < 20; i++) {
            ScenarioDraft x = a.draw(i, 0);
            assertThat(ScenarioYaml.render(x, generator.description(x), Scenario.Expect.NOTHING))
                    .isEqualTo(
                            ScenarioYaml.render(
                                    b.draw(i, 0),
                                    generator.description(x),
                                    Scenario.Expect.NOTHING));
            assertThat(c.draw(i, 0).seed()).isNotEqualTo(x.seed());
            assertThat(a.draw(i, 1).seed())
                    .as("another attempt, another draw")
                    .isNotEqualTo(x.seed());
        }
    }

    @Test
    void the_oracle_passes_every_scenario_it_generated_with_each_of_their_seeds() throws Exception {
        // a seeded sample: the whole 1,000 is docs/benchmarks.md's "generated 1,000" run
        SuiteGenerator.Settings settings = new SuiteGenerator.Settings(6, 424_242, SEEDS, 2);
        SuiteGenerator generator = new SuiteGenerator(settings);
        List<SuiteGenerator.Generated> suite = generator.generate(Progress.NONE);
        generator.write(suite, dir.resolve("suite"));

        List<Scenario> written = ScenarioLoader.loadAll(dir.resolve("suite"));
        assertThat(written)
                .extracting(Scenario::id)
                .containsExactlyElementsOf(suite.stream().map(g -> g.scenario().id()).toList());
        assertThat(dir.resolve("suite").resolve(SuiteGenerator.MANIFEST)).exists();
        assertThat(Files.readString(dir.resolve("suite").resolve(written.get(0).id() + ".yaml")))
                .isEqualTo(suite.get(0).yaml());

        EvalReport report =
                new EvalRunner(
                                new EvalRunner.Options(
                                        List.of(PlannerName.ORACLE),
                                        SEEDS,
                                        2,
                                        false,
                                        Optional.empty()))
                        .run(written);
        assertThat(report.runs()).hasSize(6 * SEEDS);
        for (RunReport r : report.runs()) {
            assertThat(r.passed())
                    .as(r.scenario() + " seed " + r.seed() + ": " + r.violations())
                    .isTrue();
        }
        // the expectations bind: each scenario says something a run can fail
        assertThat(written).allSatisfy(s -> assertThat(s.expect().maxFailures()).isPresent());
        assertThat(written)
                .allSatisfy(s -> assertThat(s.expect().maxCustomerImpactMinutes()).isPresent());
    }

    @Test
    void batching_the_oracle_runs_changes_nothing_generated_and_reports_one_progress() {
        SuiteGenerator.Settings settings = new SuiteGenerator.Settings(3, 31_337, 2, 2);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        Progress heard =
                new Progress() {
                    @Override
                    public void started(int runs, int threads) {
                        events.add("started " + runs + " " + threads);
                    }

                    @Override
                    public void runStarted(String scenario, String planner, long seed) {
                        events.add("run " + planner);
                    }

                    @Override
                    public void runFinished(RunReport run) {
                        events.add("done " + run.planner());
                    }

                    @Override
                    public void finished() {
                        events.add("finished");
                    }
                };
        List<SuiteGenerator.Generated> inTwos = new SuiteGenerator(settings, 2).generate(heard);
        List<SuiteGenerator.Generated> atOnce =
                new SuiteGenerator(settings).generate(Progress.NONE);

        assertThat(inTwos)
                .extracting(SuiteGenerator.Generated::yaml)
                .containsExactlyElementsOf(
                        atOnce.stream().map(SuiteGenerator.Generated::yaml).toList());
        assertThat(inTwos)
                .extracting(SuiteGenerator.Generated::oracle)
                .containsExactlyElementsOf(
                        atOnce.stream().map(SuiteGenerator.Generated::oracle).toList());
        // two batches, yet one start and one end, and every oracle run in between
        int runs = inTwos.stream().mapToInt(SuiteGenerator.Generated::attempts).sum() * 2;
        assertThat(events).first().isEqualTo("started 6 2");
        assertThat(events).last().isEqualTo("finished");
        assertThat(events).filteredOn(e -> e.startsWith("started")).hasSize(1);
        assertThat(events).filteredOn(e -> e.equals("finished")).hasSize(1);
        assertThat(events).filteredOn(e -> e.equals("done oracle")).hasSize(runs);
    }

    @Test
    void the_manifest_names_the_oracles_worst_seed_of_each_scenario() throws Exception {
        SuiteGenerator generator = new SuiteGenerator(new SuiteGenerator.Settings(2, 5, 2, 1));
        List<SuiteGenerator.Generated> suite = generator.generate(Progress.NONE);
        generator.write(suite, dir);
        String manifest = Files.readString(dir.resolve(SuiteGenerator.MANIFEST));
        for (SuiteGenerator.Generated g : suite) {
            assertThat(manifest).contains("\"id\" : \"" + g.scenario().id() + "\"");
            // the derived expectation never asks for less than the oracle's worst seed did
            assertThat(g.scenario().expect().maxFailures().orElseThrow())
                    .isGreaterThanOrEqualTo(g.oracle().failures());
            assertThat(g.scenario().expect().maxCustomerImpactMinutes().orElseThrow())
                    .isGreaterThanOrEqualTo(g.oracle().customerImpactMinutes());
        }
        assertThat(manifest).contains("\"max_failures\"", "\"max_customer_impact_minutes\"");
    }

    @Test
    void a_batch_of_none_is_refused_with_what_is_accepted() {
        SuiteGenerator.Settings settings = new SuiteGenerator.Settings(1, 1, 1, 1);
        assertThatThrownBy(() -> new SuiteGenerator(settings, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch must be at least 1, got 0");
    }
}
