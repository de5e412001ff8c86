package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class IsotonicTest {

    @Test
    void a_rate_that_rises_with_the_score_is_kept_bin_by_bin() {
        // bin 0: 0 of 2 fail, bin 1: 1 of 2, bin 2: 2 of 2
        double[] x = {0.1, 0.2, 0.4, 0.45, 0.8, 0.9};
        boolean[] y = {false, false, true, false, true, true};
        Isotonic iso = Isotonic.fit(x, y, 0.0, 1.0, 3);
        assertThat(iso.apply(0.05)).isEqualTo(0.0);
        assertThat(iso.apply(0.5)).isEqualTo(0.5);
        assertThat(iso.apply(0.95)).isEqualTo(1.0);
    }

    @Test
    void bins_that_fall_against_the_order_are_pooled_into_their_mean() {
        // bin 0: 2 of 2 fail, bin 1: 0 of 2: pooled to 2 of 4
        double[] x = {0.1, 0.2, 0.6, 0.7};
        boolean[] y = {true, true, false, false};
        Isotonic iso = Isotonic.fit(x, y, 0.0, 1.0, 2);
        assertThat(iso.apply(0.1)).isCloseTo(0.5, within(1e-12));
        assertThat(iso.apply(0.9)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void scores_outside_the_range_are_clamped_to_the_end_bins() {
        Isotonic iso =
                Isotonic.fit(new double[] {-5, 7}, new boolean[] {false, true}, 0.0, 1.0, 10);
        assertThat(iso.apply(-1.0)).isEqualTo(0.0);
        assertThat(iso.apply(2.0)).isEqualTo(1.0);
    }

    @Test
    void refuses_scores_and_outcomes_of_different_lengths() {
        assertThatThrownBy(() -> Isotonic.fit(new double[2], new boolean[1], 0, 1, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("length");
    }

    @Property(tries = 200)
    void the_fit_never_falls_as_the_score_rises(
            @ForAll @Size(min = 1, max = 60) List<@DoubleRange(min = 0, max = 1) Double> scores,
            @ForAll @Size(min = 60, max = 60) List<Boolean> outcomes) {
        double[] x = scores.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] y = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = outcomes.get(i);
        }
        Isotonic iso = Isotonic.fit(x, y, 0.0, 1.0, 20);
        double last = -1;
        for (double s = 0.0; s <= 1.0; s += 0.01) {
            double v = iso.apply(s);
            assertThat(v).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(last);
            last = v;
        }
    }

    @Property(tries = 200)
    void the_fit_keeps_the_overall_rate(
            @ForAll @Size(min = 1, max = 60) List<@DoubleRange(min = 0, max = 1) Double> scores,
            @ForAll @Size(min = 60, max = 60) List<Boolean> outcomes) {
        // pool-adjacent-violators preserves the mean: the fitted values average to the base rate
        double[] x = scores.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] y = new boolean[x.length];
        double fails = 0;
        for (int i = 0; i < x.length; i++) {
            y[i] = outcomes.get(i);
            fails += y[i] ? 1 : 0;
        }
        Isotonic iso = Isotonic.fit(x, y, 0.0, 1.0, 20);
        double sum = 0;
        for (double s : x) {
            sum += iso.apply(s);
        }
        assertThat(sum).isCloseTo(fails, within(1e-9));
    }
}
