package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    /**
     * Scores that run high, as a model trained on subsampled negatives gives: a row whose true rate
     * is r scores sqrt(r).
     */
    static double[][] overconfident(long seed, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] p = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double rate = rng.nextDouble() * rng.nextDouble();
            p[i] = Math.sqrt(rate);
            y[i] = rng.nextDouble() < rate ? 1 : 0;
        }
        return new double[][] {p, y};
    }

    static boolean[] outcomes(double[] y) {
        boolean[] out = new boolean[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] > 0.5;
        }
        return out;
    }

    @Test
    void both_methods_lower_the_brier_score_of_overconfident_probabilities_on_new_rows() {
        double[][] fit = overconfident(1, 20_000);
        double[][] test = overconfident(2, 20_000);
        boolean[] testY = outcomes(test[1]);
        double raw = Calibration.brier(test[0], testY);
        for (Calibration.Method m : Calibration.Method.values()) {
            Calibration c = Calibration.fit(m, fit[0], outcomes(fit[1]));
            assertThat(Calibration.brier(c.apply(test[0]), testY)).as(m.name()).isLessThan(raw);
        }
    }

    @Test
    void a_calibrated_probability_matches_the_observed_rate() {
        double[][] fit = overconfident(3, 50_000);
        Calibration platt = Calibration.fit(Calibration.Method.PLATT, fit[0], outcomes(fit[1]));
        Calibration iso = Calibration.fit(Calibration.Method.ISOTONIC, fit[0], outcomes(fit[1]));
        // a raw 0.8 is a true rate of 0.64
        assertThat(iso.apply(0.8)).isCloseTo(0.64, within(0.08));
        assertThat(platt.apply(0.8)).isCloseTo(0.64, within(0.1));
        assertThat(platt.apply(0.2)).isLessThan(0.2);
    }

    @Test
    void calibration_keeps_the_order_of_the_probabilities() {
        double[][] fit = overconfident(4, 5_000);
        for (Calibration.Method m : Calibration.Method.values()) {
            Calibration c = Calibration.fit(m, fit[0], outcomes(fit[1]));
            double last = -1;
            for (double p = 0; p <= 1.0; p += 0.001) {
                double q = c.apply(p);
                assertThat(q).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(last);
                last = q;
            }
        }
    }

    @Test
    void well_calibrated_probabilities_are_left_nearly_alone_by_platt() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 50_000;
        double[] p = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            p[i] = rng.nextDouble();
            y[i] = rng.nextDouble() < p[i];
        }
        Calibration c = Calibration.fit(Calibration.Method.PLATT, p, y);
        assertThat((Double) c.describe().get("slope")).isCloseTo(1.0, within(0.1));
        assertThat((Double) c.describe().get("intercept")).isCloseTo(0.0, within(0.1));
    }

    @Test
    void platt_stays_finite_on_rows_a_confident_model_separates_almost_perfectly() {
        // what a model trained on subsampled negatives gives healthy and failing rows: scores from
        // 1e-16 to 1 - 1e-12, and the classes barely overlap
        SplittableRandom rng = new SplittableRandom(6);
        int n = 20_000;
        double[] p = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 50 == 0;
            double logit = (y[i] ? 12 : -20) + 6 * rng.nextGaussian();
            p[i] = 1 / (1 + Math.exp(-logit));
        }
        Calibration c = Calibration.fit(Calibration.Method.PLATT, p, y);
        assertThat(c.slope()).isPositive().isLessThan(10);
        assertThat(Double.isFinite(c.intercept())).isTrue();
        // at the optimum of a logistic fit with an intercept, the mean probability is the rate
        double mean = java.util.Arrays.stream(c.apply(p)).average().orElseThrow();
        assertThat(mean).isCloseTo(1.0 / 50, within(0.002));
        // the order of distinct tiny scores survives
        assertThat(c.apply(1e-14)).isLessThan(c.apply(1e-12));
    }

    @Property(tries = 60)
    void a_fitted_platt_map_is_strictly_increasing_or_refused_when_scores_say_nothing(
            @ForAll @IntRange(min = 2, max = 400) int n,
            @ForAll @DoubleRange(min = 0.0, max = 3.0) double signal,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] p = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextDouble() < 0.3;
            double logit = (y[i] ? signal : -signal) + rng.nextGaussian();
            p[i] = 1 / (1 + Math.exp(-logit));
        }
        Calibration c = Calibration.fit(Calibration.Method.PLATT, p, y);
        assertThat(Double.isFinite(c.slope()) && Double.isFinite(c.intercept())).isTrue();
        for (double q : c.apply(p)) {
            assertThat(q).isBetween(0.0, 1.0);
        }
        if (c.slope() > 0) {
            Calibration stored = Calibration.platt(c.slope(), c.intercept(), n);
            assertThat(stored.apply(0.3)).isLessThan(stored.apply(0.7));
            assertThat(stored.apply(0.5)).isEqualTo(c.apply(0.5));
        } else {
            assertThatThrownBy(() -> Calibration.platt(c.slope(), c.intercept(), n))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("positive slope");
        }
    }

    @Test
    void refuses_mismatched_or_empty_rows() {
        assertThatThrownBy(
                        () ->
                                Calibration.fit(
                                        Calibration.Method.PLATT, new double[2], new boolean[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 and 3");
        assertThatThrownBy(
                        () ->
                                Calibration.fit(
                                        Calibration.Method.ISOTONIC, new double[0], new boolean[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
