package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The compiled scorer gives Tribuo's probabilities: on recorded feature vectors (the held-out
 * synthetic runs' rows) and on extreme ones, for the checked-in default model and for a model
 * trained here; and reading the features straight from an element's state gives the same log-odds
 * as reading them from the vector the extractor builds.
 */
class CompiledScorerGoldenTest {

    static final double TOLERANCE = 1e-9;

    static void sameAsTribuo(ModelBundle bundle, List<double[]> vectors, Family family) {
        FamilyModel fm = bundle.family(family).orElseThrow();
        CompiledScorer compiled = new CompiledScorer(fm);
        Scorer tribuo = new Scorer(fm, bundle.horizon());
        for (double[] v : vectors) {
            assertThat(CompiledScorer.probability(compiled.logit(v)))
                    .isCloseTo(tribuo.rawScore(v), within(TOLERANCE));
        }
    }

    static List<double[]> recorded(Family family) {
        return SyntheticModels.heldOut().rows().stream()
                .filter(r -> r.family() == family)
                .map(r -> Scorer.toDouble(r.features()))
                .toList();
    }

    static List<double[]> extreme(Family family) {
        return java.util.stream.IntStream.range(0, 40)
                .mapToObj(k -> DefaultModelGoldenTest.vector(family, k))
                .toList();
    }

    @Test
    void the_default_model_compiled_gives_tribuos_probabilities_on_recorded_vectors() {
        ModelBundle bundle = ModelBundle.loadDefault();
        for (Family family : Family.values()) {
            List<double[]> rows = recorded(family);
            assertThat(rows).hasSizeGreaterThan(1000);
            sameAsTribuo(bundle, rows, family);
            sameAsTribuo(bundle, extreme(family), family);
        }
    }

    @Test
    void a_freshly_trained_model_compiled_gives_tribuos_probabilities() {
        ModelBundle bundle = SyntheticModels.bundle();
        for (Family family : Family.values()) {
            sameAsTribuo(bundle, recorded(family), family);
            sameAsTribuo(bundle, extreme(family), family);
        }
    }

    @Test
    void reading_features_from_the_state_gives_the_log_odds_of_the_built_vector() {
        ModelBundle bundle = ModelBundle.loadDefault();
        SyntheticOperator op = SyntheticOperator.random(2_000_002L, 6, SyntheticModels.DURATION);
        FeatureExtractor fx = new FeatureExtractor(op.elements);
        CompiledScorer[] compiled = new CompiledScorer[Family.values().length];
        for (Family family : Family.values()) {
            compiled[family.ordinal()] = new CompiledScorer(bundle.family(family).orElseThrow());
        }
        Instant[] current = {null};
        int[] compared = {0};
        op.run(
                SyntheticModels.DURATION,
                s -> {
                    if (!s.at().equals(current[0]) && current[0] != null) {
                        fx.tick(current[0]);
                        if (current[0].getEpochSecond() % 10_800 == 0) {
                            for (int e = 0; e < fx.size(); e++) {
                                ElementFeatures st = fx.state(e);
                                CompiledScorer c = compiled[st.family.ordinal()];
                                double[] v = fx.features(st.id);
                                assertThat(c.logit(st)).isCloseTo(c.logit(v), within(1e-12));
                                compared[0]++;
                            }
                        }
                    }
                    current[0] = s.at();
                    fx.observe(s);
                });
        assertThat(compared[0]).isGreaterThan(1000);
    }
}
