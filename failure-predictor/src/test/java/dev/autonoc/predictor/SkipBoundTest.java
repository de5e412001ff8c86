package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The proof behind skipping a score ({@link CompiledScorer#canSkip}): whatever the telemetry does
 * (noise, glitches, steps of load, elements falling silent, coming back, being forgotten), an
 * element's failure log-odds never move further from their value at its last scoring than the
 * movement its extractor counted since, its own plus its group's, as long as its group kept the
 * same members. The model is random too: any logistic regression on any of the features. And the
 * cheaper upper bound of the log-odds ({@link CompiledScorer#logitUpperBound}), by which an element
 * is settled below the bar without its exact score, is never below them.
 */
class SkipBoundTest {

    static final Duration RUN = Duration.ofDays(3);

    /** A random logistic regression over every feature of a family's vector. */
    static CompiledScorer randomModel(Family family, SplittableRandom rng) {
        int d = FeatureExtractor.featureNames(family).size();
        int[] columns = new int[d];
        double[] means = new double[d];
        double[] stds = new double[d];
        double[] weights = new double[d];
        for (int i = 0; i < d; i++) {
            columns[i] = i;
            means[i] = rng.nextDouble(-5, 5);
            // some tiny deviations, so that clipping at 10 σ happens
            stds[i] = rng.nextBoolean() ? rng.nextDouble(0.01, 0.5) : rng.nextDouble(0.5, 20);
            weights[i] = rng.nextDouble(-3, 3);
        }
        return new CompiledScorer(family, columns, means, stds, weights, rng.nextDouble(-8, 2));
    }

    @Property(tries = 25)
    void the_log_odds_never_move_further_than_the_counted_movement(
            @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
            @ForAll @DoubleRange(min = 0.0, max = 0.05) double glitchRate,
            @ForAll @DoubleRange(min = 0.0, max = 0.02) double silenceRate) {
        SplittableRandom rng = new SplittableRandom(seed);
        SyntheticOperator op = SyntheticOperator.random(seed, 5, RUN);
        FeatureExtractor fx = new FeatureExtractor(op.elements);
        CompiledScorer[] models = new CompiledScorer[Family.values().length];
        for (Family family : Family.values()) {
            models[family.ordinal()] = randomModel(family, rng);
            fx.track(family, models[family.ordinal()].sensitivity());
        }
        int n = fx.size();
        double[] anchorLogit = new double[n];
        double[] anchorMove = new double[n];
        double[] anchorGroupMove = new double[n];
        long[] anchorVersion = new long[n];
        boolean[] anchored = new boolean[n];
        int[] silentFor = new int[n];
        int[] checks = {0};
        int[] bounds = {0};
        List<TelemetrySample> tick = new ArrayList<>();
        Instant[] current = {null};
        Runnable endOfTick =
                () -> {
                    fx.tick(current[0]);
                    for (int e = 0; e < n; e++) {
                        ElementFeatures st = fx.state(e);
                        CompiledScorer m = models[st.family.ordinal()];
                        double logit = m.logit(st);
                        // the cheaper bound that settles an element below the bar: never under
                        // the exact log-odds, and within rounding of them
                        double upper = m.logitUpperBound(st);
                        assertThat(upper)
                                .as("upper bound of element %s at %s", st.id, current[0])
                                .isGreaterThanOrEqualTo(logit);
                        if (upper != Double.POSITIVE_INFINITY) {
                            // the bound's own allowance, 1e-12 (1 + A), at most 1e-12 times one
                            // more than the largest sum of magnitudes the model can reach
                            double largest = Math.abs(m.bias);
                            for (double w : m.weights) {
                                largest += Math.abs(w) * FamilyModel.CLIP;
                            }
                            assertThat(upper - logit).isLessThanOrEqualTo(1.01e-12 * (1 + largest));
                            bounds[0]++;
                        }
                        if (anchored[e] && anchorVersion[e] == st.group.version) {
                            double moved =
                                    (st.movement - anchorMove[e])
                                            + (st.group.movement - anchorGroupMove[e]);
                            double slack = 1e-9 * (1 + Math.abs(logit) + moved);
                            assertThat(Math.abs(logit - anchorLogit[e]))
                                    .as("element %s at %s", st.id, current[0])
                                    .isLessThanOrEqualTo(moved + slack);
                            checks[0]++;
                        }
                        // re-anchor at random moments, so windows of every length are checked
                        if (!anchored[e]
                                || anchorVersion[e] != st.group.version
                                || rng.nextDouble() < 0.05) {
                            anchored[e] = true;
                            anchorLogit[e] = logit;
                            anchorMove[e] = st.movement;
                            anchorGroupMove[e] = st.group.movement;
                            anchorVersion[e] = st.group.version;
                        }
                    }
                };
        op.run(
                RUN,
                s -> {
                    if (!s.at().equals(current[0])) {
                        if (current[0] != null) {
                            endOfTick.run();
                            perturbTopology(fx, op, rng, current[0]);
                        }
                        current[0] = s.at();
                    }
                    int e = fx.state(s.element()).index;
                    if (silentFor[e] > 0) {
                        silentFor[e]--;
                        return;
                    }
                    if (rng.nextDouble() < silenceRate) {
                        silentFor[e] = rng.nextInt(1, 30);
                        return;
                    }
                    fx.observe(glitch(s, rng, glitchRate));
                });
        endOfTick.run();
        assertThat(checks[0]).as("the bound was checked").isGreaterThan(1000);
        assertThat(bounds[0]).as("the upper bound was checked").isGreaterThan(1000);
    }

    /** Now and then a sensor reads wildly, or the whole load steps up or down. */
    static TelemetrySample glitch(TelemetrySample s, SplittableRandom rng, double rate) {
        if (rng.nextDouble() >= rate) {
            return s;
        }
        double[] v = s.values().clone();
        double factor = rng.nextBoolean() ? rng.nextDouble(1.5, 4) : rng.nextDouble(0.1, 0.7);
        if (rng.nextBoolean()) {
            for (int i = 0; i < v.length; i++) {
                v[i] *= factor; // every metric at once, load included
            }
        } else {
            int i = rng.nextInt(v.length);
            v[i] *= factor;
        }
        return new TelemetrySample(s.element(), s.at(), v);
    }

    /** Down and up alarms, and elements forgotten (repaired), at random. */
    static void perturbTopology(
            FeatureExtractor fx, SyntheticOperator op, SplittableRandom rng, Instant at) {
        if (rng.nextDouble() < 0.01) {
            Element e = op.elements.get(rng.nextInt(op.elements.size()));
            fx.observe(
                    new Alarm(
                            e.id(),
                            at,
                            rng.nextBoolean() ? Alarm.Kind.ELEMENT_DOWN : Alarm.Kind.ELEMENT_UP,
                            "test"));
        }
        if (rng.nextDouble() < 0.003) {
            fx.reset(op.elements.get(rng.nextInt(op.elements.size())).id());
        }
    }

    @Test
    void skipping_raises_the_same_alarms_as_scoring_every_element_every_tick() {
        ModelBundle bundle = SyntheticModels.bundle();
        for (long seed = 2_000_000L; seed < 2_000_003L; seed++) {
            // a fresh operator per run: its noise is a stream, a second run would see other data
            List<String> every =
                    alarms(
                            run(seed),
                            new TribuoFailurePredictor(
                                    run(seed).elements,
                                    bundle,
                                    PredictorSettings.of(bundle),
                                    TribuoFailurePredictor.Scoring.COMPILED));
            TribuoFailurePredictor skipping =
                    new TribuoFailurePredictor(
                            run(seed).elements, bundle, PredictorSettings.of(bundle));
            List<String> skipped = alarms(run(seed), skipping);
            assertThat(skipped).isEqualTo(every);
            assertThat(every).isNotEmpty();
            long[] counts = skipping.scoringCounts();
            assertThat(counts[1])
                    .as("most scorings of healthy elements are skipped")
                    .isGreaterThan(counts[0]);
        }
    }

    @Test
    void the_compiled_path_raises_the_same_alarms_as_tribuo() {
        ModelBundle bundle = SyntheticModels.bundle();
        long seed = 2_000_001L;
        List<String> tribuo =
                alarms(
                        run(seed),
                        TribuoFailurePredictor.withTribuoScoring(run(seed).elements, bundle));
        List<String> served =
                alarms(run(seed), new TribuoFailurePredictor(run(seed).elements, bundle));
        assertThat(served).isEqualTo(tribuo).isNotEmpty();
    }

    static SyntheticOperator run(long seed) {
        return SyntheticOperator.random(seed, 6, SyntheticModels.DURATION);
    }

    /**
     * Every tick's alarms as text: element, probability to 9 decimals, mode, time to failure and
     * window.
     */
    static List<String> alarms(SyntheticOperator op, TribuoFailurePredictor predictor) {
        List<String> out = new ArrayList<>();
        Instant[] current = {null};
        op.run(
                SyntheticModels.DURATION,
                s -> {
                    if (!s.at().equals(current[0])) {
                        if (current[0] != null) {
                            for (Prediction p : predictor.atRisk(current[0])) {
                                out.add(describe(p));
                            }
                        }
                        current[0] = s.at();
                    }
                    predictor.observe(s);
                });
        return out;
    }

    static String describe(Prediction p) {
        return String.format(
                java.util.Locale.ROOT,
                "%s %s %.9f %s %s %s",
                p.at(),
                p.element(),
                p.probability(),
                p.mode(),
                p.timeToFailure(),
                p.window());
    }

    static ElementId id(String s) {
        return ElementId.of(s);
    }
}
