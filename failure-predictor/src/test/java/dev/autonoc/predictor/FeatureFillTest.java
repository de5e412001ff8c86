package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The scorer reads an element's whole vector at once ({@link ElementFeatures#features}, metric by
 * metric); the explanations and the training rows read it feature by feature ({@link
 * ElementFeatures#feature}). The two must give the same bits, or the served probabilities would
 * drift from the trained model's and from the recorded trails.
 */
class FeatureFillTest {

    @Test
    void the_whole_vector_at_once_has_the_bits_of_each_feature_read_alone() {
        SyntheticOperator op = SyntheticOperator.random(2_000_003L, 6, SyntheticModels.DURATION);
        FeatureExtractor fx = new FeatureExtractor(op.elements);
        Instant[] current = {null};
        int[] compared = {0};
        op.run(
                SyntheticModels.DURATION,
                s -> {
                    if (!s.at().equals(current[0]) && current[0] != null) {
                        fx.tick(current[0]);
                        if (current[0].getEpochSecond() % 7_200 == 0) {
                            for (int e = 0; e < fx.size(); e++) {
                                ElementFeatures st = fx.state(e);
                                double[] whole = fx.features(st.id);
                                for (int c = 0; c < whole.length; c++) {
                                    double alone = FeatureExtractor.feature(st, c);
                                    assertThat(Double.doubleToRawLongBits(whole[c]))
                                            .as("%s column %d", st.id, c)
                                            .isEqualTo(Double.doubleToRawLongBits(alone));
                                    compared[0]++;
                                }
                            }
                        }
                    }
                    current[0] = s.at();
                    fx.observe(s);
                });
        assertThat(compared[0]).isGreaterThan(10_000);
    }
}
