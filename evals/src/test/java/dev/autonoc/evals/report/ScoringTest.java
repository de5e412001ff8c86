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
}
