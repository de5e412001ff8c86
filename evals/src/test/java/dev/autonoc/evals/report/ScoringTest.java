package dev.autonoc.evals.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ScoringTest {

    @Test
    void pass_hat_k_is_the_share_of_scenarios_that_passed_with_every_seed() {
        List<RunReport> runs =
                List.of(
                        Runs.passed("a", 1, "playbook", 0),
                        Runs.passed("a", 2, "playbook", 0),
                        Runs.passed("a", 3, "playbook", 0),
                        Runs.passed("b", 1, "playbook", 0),
                        Runs.failed("b", 2, "playbook", 0),
                        Runs.passed("b", 3, "playbook", 0),
                        Runs.failed("c", 1, "playbook", 0),
                        Runs.failed("c", 2, "playbook", 0),
                        Runs.failed("c", 3, "playbook", 0),
                        Runs.passed("d", 1, "playbook", 0),
                        Runs.passed("d", 2, "playbook", 0),
                        Runs.passed("d", 3, "playbook", 0));
        assertThat(Scoring.passHatK(runs)).hasValue(0.5);
    }

    @Test
    void pass_hat_k_of_no_runs_is_empty() {
        assertThat(Scoring.passHatK(List.of())).isEmpty();
    }

    @Test
    void an_errored_run_fails_its_scenario_for_pass_hat_k() {
        List<RunReport> runs =
                List.of(Runs.passed("a", 1, "p", 0), RunReport.error("a", 2, "p", "boom", 0.1));
        assertThat(Scoring.passHatK(runs)).hasValue(0.0);
    }

    @Test
    void capture_ratio_sums_impact_over_all_runs_before_dividing() {
        // reactive 1000 + 3000, oracle 0 + 1000, planner 250 + 1750:
        // (4000 - 2000) / (4000 - 1000) = 2/3, not the mean of the per-run ratios (0.75 and 0.625)
        List<RunReport> planner =
                List.of(
                        Runs.passed("a", 1, "playbook", 250),
                        Runs.passed("b", 1, "playbook", 1750));
        List<RunReport> reactive =
                List.of(
                        Runs.failed("a", 1, "reactive", 1000),
                        Runs.failed("b", 1, "reactive", 3000));
        List<RunReport> oracle =
                List.of(Runs.passed("a", 1, "oracle", 0), Runs.passed("b", 1, "oracle", 1000));
        assertThat(Scoring.captureRatio(planner, reactive, oracle).getAsDouble())
                .isCloseTo(2.0 / 3.0, within(1e-12));
    }

    @Test
    void capture_ratio_is_empty_when_the_baselines_tie() {
        List<RunReport> planner = List.of(Runs.passed("a", 1, "playbook", 10));
        List<RunReport> reactive = List.of(Runs.passed("a", 1, "reactive", 0));
        List<RunReport> oracle = List.of(Runs.passed("a", 1, "oracle", 0));
        assertThat(Scoring.captureRatio(planner, reactive, oracle)).isEmpty();
    }

    @Test
    void capture_ratio_can_be_negative_when_the_planner_does_worse_than_reacting() {
        List<RunReport> planner = List.of(Runs.passed("a", 1, "playbook", 1500));
        List<RunReport> reactive = List.of(Runs.passed("a", 1, "reactive", 1000));
        List<RunReport> oracle = List.of(Runs.passed("a", 1, "oracle", 0));
        assertThat(Scoring.captureRatio(planner, reactive, oracle)).hasValue(-0.5);
    }

    @Test
    void capture_ratio_uses_only_runs_all_three_finished() {
        List<RunReport> planner =
                List.of(Runs.passed("a", 1, "playbook", 500), Runs.passed("a", 2, "playbook", 0));
        List<RunReport> reactive =
                List.of(
                        Runs.passed("a", 1, "reactive", 1000),
                        RunReport.error("a", 2, "reactive", "boom", 0));
        List<RunReport> oracle =
                List.of(Runs.passed("a", 1, "oracle", 0), Runs.passed("a", 2, "oracle", 0));
        assertThat(Scoring.captureRatio(planner, reactive, oracle)).hasValue(0.5);
    }

    @Property
    void the_reactive_baseline_scores_zero_and_the_oracle_one(
            @ForAll @Size(min = 1, max = 8)
                    List<@DoubleRange(min = 0, max = 1e6) Double> reactiveImpacts,
            @ForAll @DoubleRange(min = 0, max = 1) double oracleShare) {
        List<RunReport> reactive = new ArrayList<>();
        List<RunReport> oracle = new ArrayList<>();
        double r = 0;
        double o = 0;
        for (int i = 0; i < reactiveImpacts.size(); i++) {
            reactive.add(Runs.failed("s", i, "reactive", reactiveImpacts.get(i)));
            oracle.add(Runs.passed("s", i, "oracle", reactiveImpacts.get(i) * oracleShare));
            r += reactiveImpacts.get(i);
            o += reactiveImpacts.get(i) * oracleShare;
        }
        var ofReactive = Scoring.captureRatio(reactive, reactive, oracle);
        var ofOracle = Scoring.captureRatio(oracle, reactive, oracle);
        if (Math.abs(r - o) < Scoring.TIE) {
            assertThat(ofReactive).isEmpty();
            assertThat(ofOracle).isEmpty();
        } else {
            assertThat(ofReactive.getAsDouble()).isCloseTo(0.0, within(1e-9));
            assertThat(ofOracle.getAsDouble()).isCloseTo(1.0, within(1e-6));
        }
    }

    @Property
    void pass_hat_k_lies_between_zero_and_one(@ForAll @Size(max = 30) List<Boolean> outcomes) {
        List<RunReport> runs = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            runs.add(
                    outcomes.get(i)
                            ? Runs.passed("s" + i % 4, i, "p", 0)
                            : Runs.failed("s" + i % 4, i, "p", 0));
        }
        var value = Scoring.passHatK(runs);
        if (runs.isEmpty()) {
            assertThat(value).isEmpty();
        } else {
            assertThat(value.getAsDouble()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void pass_hat_j_is_the_chance_that_j_seeds_drawn_from_a_scenario_all_pass() {
        // a: 2 of 4 passed; b: 4 of 4. pass^1 = (2/4 + 1) / 2, pass^2 = (C(2,2)/C(4,2) + 1) / 2
        // = (1/6 + 1) / 2, pass^3 = pass^4 = (0 + 1) / 2
        List<RunReport> runs =
                List.of(
                        Runs.passed("a", 1, "p", 0),
                        Runs.failed("a", 2, "p", 0),
                        Runs.passed("a", 3, "p", 0),
                        Runs.failed("a", 4, "p", 0),
                        Runs.passed("b", 1, "p", 0),
                        Runs.passed("b", 2, "p", 0),
                        Runs.passed("b", 3, "p", 0),
                        Runs.passed("b", 4, "p", 0));
        var curve = Scoring.passHatCurve(runs, 4);
        assertThat(curve).hasSize(4);
        assertThat(curve.get(0).getAsDouble()).isCloseTo(0.75, within(1e-12));
        assertThat(curve.get(1).getAsDouble()).isCloseTo((1.0 / 6 + 1) / 2, within(1e-12));
        assertThat(curve.get(2).getAsDouble()).isCloseTo(0.5, within(1e-12));
        assertThat(curve.get(3).getAsDouble()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void pass_hat_j_beyond_the_runs_of_every_scenario_is_empty() {
        var curve = Scoring.passHatCurve(List.of(Runs.passed("a", 1, "p", 0)), 2);
        assertThat(curve.get(0)).hasValue(1.0);
        assertThat(curve.get(1)).isEmpty();
    }

    @Property
    void the_pass_hat_curve_falls_from_the_pass_rate_to_pass_hat_k(
            @ForAll @Size(min = 1, max = 8) List<@Size(min = 3, max = 3) List<Boolean>> scenarios) {
        List<RunReport> runs = new ArrayList<>();
        int passed = 0;
        for (int s = 0; s < scenarios.size(); s++) {
            for (int seed = 0; seed < 3; seed++) {
                boolean ok = scenarios.get(s).get(seed);
                passed += ok ? 1 : 0;
                runs.add(
                        ok
                                ? Runs.passed("s" + s, seed, "p", 0)
                                : Runs.failed("s" + s, seed, "p", 0));
            }
        }
        var curve = Scoring.passHatCurve(runs, 3);
        assertThat(curve.get(0).getAsDouble())
                .isCloseTo((double) passed / runs.size(), within(1e-12));
        assertThat(curve.get(1).getAsDouble())
                .isLessThanOrEqualTo(curve.get(0).getAsDouble() + 1e-12);
        assertThat(curve.get(2).getAsDouble())
                .isLessThanOrEqualTo(curve.get(1).getAsDouble() + 1e-12);
        assertThat(curve.get(2).getAsDouble())
                .isCloseTo(Scoring.passHatK(runs).getAsDouble(), within(1e-12));
    }
}
