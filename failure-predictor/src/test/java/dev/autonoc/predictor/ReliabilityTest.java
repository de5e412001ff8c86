package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReliabilityTest {

    @Test
    void each_bin_holds_its_rows_mean_probability_and_observed_rate() {
        PredictorEvaluation.Accumulator acc = new PredictorEvaluation.Accumulator(0.5);
        acc.score(0.05, false);
        acc.score(0.15, false);
        acc.score(0.05, true);
        acc.score(0.95, true);
        acc.score(1.0, true);
        acc.score(0.9, false);
        List<PredictorEvaluation.ReliabilityBin> bins = acc.reliability(10);
        assertThat(bins)
                .extracting(PredictorEvaluation.ReliabilityBin::rows)
                .containsExactly(2L, 1L, 3L);
        PredictorEvaluation.ReliabilityBin first = bins.get(0);
        assertThat(first.from()).isEqualTo(0.0);
        assertThat(first.meanProbability()).isCloseTo(0.05, within(1e-12));
        assertThat(first.observedRate()).isEqualTo(0.5);
        PredictorEvaluation.ReliabilityBin last = bins.get(2);
        assertThat(last.to()).isEqualTo(1.0); // a probability of 1 falls in the last bin
        assertThat(last.meanProbability()).isCloseTo(0.95, within(1e-12));
        assertThat(last.observedRate()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void the_scores_and_outcomes_come_back_as_given() {
        PredictorEvaluation.Accumulator acc = new PredictorEvaluation.Accumulator(0.5);
        acc.score(0.3, true);
        acc.score(0.7, false);
        assertThat(acc.scores()).containsExactly(0.3, 0.7);
        assertThat(acc.outcomes()).containsExactly(true, false);
    }
}
