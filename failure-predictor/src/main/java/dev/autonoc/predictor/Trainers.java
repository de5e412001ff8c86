package dev.autonoc.predictor;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.predictor.PredictorTrainer.Settings;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;

/**
 * Trains the Tribuo models of a bundle on the datasets the trainer builds. Two sources: new
 * trainers made from the {@link PredictorTrainer.Settings}, or the trainers recovered from a
 * trained bundle's provenance ({@link PredictorTrainer#rebuild}).
 */
interface Trainers {
    Model<Label> failure(
            Family family, MutableDataset<Label> data, Map<String, Provenance> instance);

    Model<Label> mode(Family family, MutableDataset<Label> data, Map<String, Provenance> instance);

    Model<Regressor> timeToFailure(
            Family family,
            FailureMode mode,
            MutableDataset<Regressor> data,
            Map<String, Provenance> instance);

    /** New trainers from the settings, each seeded from the trainer seed. */
    static Trainers fromSettings(Settings settings, long seed) {
        return new Trainers() {
            @Override
            public Model<Label> failure(
                    Family family, MutableDataset<Label> data, Map<String, Provenance> instance) {
                return classifier(settings, seed).train(data, instance);
            }

            @Override
            public Model<Label> mode(
                    Family family, MutableDataset<Label> data, Map<String, Provenance> instance) {
                return classifier(settings, seed + 1).train(data, instance);
            }

            @Override
            public Model<Regressor> timeToFailure(
                    Family family,
                    FailureMode mode,
                    MutableDataset<Regressor> data,
                    Map<String, Provenance> instance) {
                return new CARTRegressionTrainer(
                                settings.ttfTreeDepth(),
                                20f,
                                0f,
                                1f,
                                false,
                                new MeanSquaredError(),
                                seed + 2)
                        .train(data, instance);
            }
        };
    }

    /** The trainers recorded in each of the bundle's models, recovered from their provenance. */
    static Trainers fromProvenance(ModelBundle bundle) {
        return new Trainers() {
            private FamilyModel family(Family family) {
                return bundle.family(family)
                        .orElseThrow(() -> lacks(family + " models to take trainers from"));
            }

            /** The bundle has no such model: it was not trained on data like this. */
            private IllegalArgumentException lacks(String what) {
                return new IllegalArgumentException(
                        "the bundle " + bundle.version() + " has no " + what);
            }

            @Override
            public Model<Label> failure(
                    Family family, MutableDataset<Label> data, Map<String, Provenance> instance) {
                return TrainerProvenances.retrain(family(family).failure, data, instance);
            }

            @Override
            public Model<Label> mode(
                    Family family, MutableDataset<Label> data, Map<String, Provenance> instance) {
                Model<Label> original = family(family).mode;
                if (original == null) {
                    throw lacks(
                            family
                                    + " mode model, but this data has several modes: not the data"
                                    + " it was trained on");
                }
                return TrainerProvenances.retrain(original, data, instance);
            }

            @Override
            public Model<Regressor> timeToFailure(
                    Family family,
                    FailureMode mode,
                    MutableDataset<Regressor> data,
                    Map<String, Provenance> instance) {
                Model<Regressor> original = family(family).ttf.get(mode);
                if (original == null) {
                    throw lacks(
                            "time-to-failure model for "
                                    + mode
                                    + ": not the data it was trained on");
                }
                return TrainerProvenances.retrain(original, data, instance);
            }
        };
    }

    private static LinearSGDTrainer classifier(Settings settings, long seed) {
        return new LinearSGDTrainer(
                new LogMulticlass(),
                new AdaGrad(0.5, 0.1),
                settings.epochs(),
                Integer.MAX_VALUE,
                1,
                seed);
    }
}
