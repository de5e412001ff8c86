package dev.autonoc.evals.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.plan.Plan;
import dev.autonoc.core.plan.Planner;
import dev.autonoc.core.plan.PlanningRequest;
import dev.autonoc.evals.report.EvalReport;
import dev.autonoc.evals.report.RunReport;
import dev.autonoc.evals.report.RunTelemetry;
import dev.autonoc.evals.scenario.Scenario;
import dev.autonoc.evals.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the runner records of each run through its hooks, and the planner variant it applies. */
class RunHooksTest {

    private static final String FAN_WEAR =
            """
            id: hooks-fan-wear
            description: a core router's fan wears out from day one
            seed: 3
            duration: P5D
            network: {preset: metro}
            faults:
              - {element: core-rtr-02, mode: FAN_WEAR, onset: P1D, time_to_failure: P3D}
            expect: {max_failures: 0}
            """;

    private static Scenario scenario() {
        return ScenarioLoader.parse(Path.of("hooks-fan-wear.yaml"), FAN_WEAR);
    }

    @Test
    void the_faulted_elements_telemetry_and_probability_are_recorded_hour_by_hour() {
        EvalReport report =
                new EvalRunner(
                                new EvalRunner.Options(
                                        List.of(PlannerName.ORACLE, PlannerName.NONE),
                                        1,
                                        2,
                                        false,
                                        Optional.empty()))
                        .run(List.of(scenario()));
        RunReport oracle = report.runs().get(0);
        RunTelemetry t = oracle.telemetry().orElseThrow();
        assertThat(t.bucket()).isEqualTo(Duration.ofHours(1));
        assertThat(t.of("core-rtr-02"))
                .extracting(RunTelemetry.Series::name)
                .containsExactly(
                        "fan_rpm", "temperature_c", "traffic_gbps", RunTelemetry.PROBABILITY);
        assertThat(t.series()).allSatisfy(s -> assertThat(s.element()).isEqualTo("core-rtr-02"));
        double[] fan = t.of("core-rtr-02").get(0).values();
        assertThat(fan.length)
                .as("hours 0..120, the last sample at the end")
                .isBetween(5 * 24, 5 * 24 + 1);
        assertThat(fan[3]).isBetween(1000.0, 20_000.0);
        double[] p = t.of("core-rtr-02").get(3).values();
        // the oracle knows the fault from its onset (hour 24) until it is mended
        assertThat(p[12]).isZero();
        assertThat(p[30]).isEqualTo(1.0);
        Duration mended =
                Duration.between(t.start(), oracle.faults().get(0).repairedAt().orElseThrow());
        int after = (int) mended.toHours() + 2;
        assertThat(p[after]).isZero();

        RunReport none = report.runs().get(1);
        assertThat(none.telemetry()).as("the none baseline runs no predictor").isEmpty();
    }

    @Test
    void a_planner_variant_replaces_the_planner_of_every_run_that_plans() {
        AtomicInteger plans = new AtomicInteger();
        EvalReport report =
                new EvalRunner(
                                new EvalRunner.Options(
                                        List.of(PlannerName.ORACLE), 2, 2, false, Optional.empty()))
                        .withPlannerVariant(
                                inner ->
                                        new Planner() {
                                            @Override
                                            public String name() {
                                                return inner.name();
                                            }

                                            @Override
                                            public String version() {
                                                return inner.version();
                                            }

                                            @Override
                                            public Plan plan(PlanningRequest request) {
                                                plans.incrementAndGet();
                                                return inner.plan(request);
                                            }
                                        })
                        .run(List.of(scenario()));
        assertThat(report.runs()).allSatisfy(r -> assertThat(r.passed()).isTrue());
        assertThat(plans.get()).as("one case per run at least").isGreaterThanOrEqualTo(2);
    }

    @Test
    void outside_the_runner_the_hooks_change_nothing() {
        Planner planner = new dev.autonoc.core.planner.PlaybookPlanner();
        assertThat(RunHooks.plan(planner)).isSameAs(planner);
        assertThat(RunHooks.current().telemetry()).isEmpty();
    }
}
