package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.prediction.FailureMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * An example built presorted is the one Tribuo builds and sorts itself: the same features in the
 * same order, and the same predictions to the bit from the default model's mode models and
 * time-to-failure trees, on the held-out runs' recorded vectors (whose features the model lists in
 * the extractor's order, not Tribuo's).
 */
class PresortedExampleTest {

    @Test
    void a_presorted_example_is_the_one_tribuo_sorts_and_predicts_the_same() {
        ModelBundle bundle = ModelBundle.loadDefault();
        int compared = 0;
        for (Family family : Family.values()) {
            FamilyModel fm = bundle.family(family).orElseThrow();
            String[] names = fm.features.toArray(String[]::new);
            assertThat(java.util.Arrays.stream(names).sorted().toArray())
                    .as("the model's own order is not Tribuo's")
                    .isNotEqualTo(names);
            PresortedExample.Order order = new PresortedExample.Order(names);
            for (double[] raw : CompiledScorerGoldenTest.recorded(family)) {
                double[] z = fm.scale(raw);
                Example<Label> mine = order.example(LabelFactory.UNKNOWN_LABEL, z);
                ArrayExample<Label> tribuos =
                        new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, z);
                assertThat(features(mine)).isEqualTo(features(tribuos));
                if (fm.mode != null) {
                    Example<Label> canonical =
                            order.canonicalFor(fm.mode.getFeatureIDMap())
                                    .example(LabelFactory.UNKNOWN_LABEL, z);
                    assertThat(features(canonical)).isEqualTo(features(tribuos));
                    Map<String, Label> a = fm.mode.predict(canonical).getOutputScores();
                    Map<String, Label> b = fm.mode.predict(tribuos).getOutputScores();
                    assertThat(a.keySet()).isEqualTo(b.keySet());
                    a.forEach(
                            (k, v) ->
                                    assertThat(Double.doubleToRawLongBits(v.getScore()))
                                            .isEqualTo(
                                                    Double.doubleToRawLongBits(
                                                            b.get(k).getScore())));
                    assertThat(fm.mode(z).name())
                            .isEqualTo(fm.mode.predict(tribuos).getOutput().getLabel());
                }
                double[] x = fm.unscaled(raw);
                for (Map.Entry<FailureMode, Model<Regressor>> tree : fm.ttf.entrySet()) {
                    double a =
                            tree.getValue()
                                    .predict(order.example(RegressionFactory.UNKNOWN_REGRESSOR, x))
                                    .getOutput()
                                    .getValues()[0];
                    double b =
                            tree.getValue()
                                    .predict(
                                            new ArrayExample<>(
                                                    RegressionFactory.UNKNOWN_REGRESSOR, names, x))
                                    .getOutput()
                                    .getValues()[0];
                    assertThat(Double.doubleToRawLongBits(a))
                            .isEqualTo(Double.doubleToRawLongBits(b));
                    assertThat(fm.rawLogTimeToFailure(raw, tree.getKey())).isEqualTo(b);
                }
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(2000);
    }

    private static List<String> features(Example<?> example) {
        List<String> out = new ArrayList<>();
        for (Feature f : example) {
            out.add(f.getName() + "=" + Double.doubleToRawLongBits(f.getValue()));
        }
        return out;
    }
}
