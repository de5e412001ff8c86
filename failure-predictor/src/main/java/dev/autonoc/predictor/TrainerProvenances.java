package dev.autonoc.predictor;

import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import java.util.List;
import java.util.Map;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.Trainer;
import org.tribuo.provenance.TrainerProvenance;

/**
 * Recovers the Tribuo trainer that made a model from the model's own provenance: Tribuo records the
 * trainer's class and every configured field (nested objects such as the loss and the optimiser
 * included), which OLCUT turns back into configuration, and the number of times the trainer had
 * been used, which sets where its random stream starts.
 */
final class TrainerProvenances {

    private TrainerProvenances() {}

    /** The trainer recorded in the model's provenance, as it was before it trained the model. */
    static <T extends Output<T>> Trainer<T> trainer(Model<T> model) {
        TrainerProvenance recorded = model.getProvenance().getTrainerProvenance();
        Class<? extends Configurable> type;
        try {
            type = Class.forName(recorded.getClassName()).asSubclass(Configurable.class);
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IllegalArgumentException(
                    "the model was trained by "
                            + recorded.getClassName()
                            + ", which is not a configurable class on this class path",
                    e);
        }
        ConfigurationManager cm = new ConfigurationManager();
        cm.addConfiguration(ProvenanceUtil.extractConfiguration(recorded));
        List<String> names = cm.listAll(type);
        if (names.size() != 1) {
            throw new IllegalStateException(
                    "expected one "
                            + type.getSimpleName()
                            + " in the model's trainer provenance, found "
                            + names);
        }
        @SuppressWarnings("unchecked")
        Trainer<T> trainer = (Trainer<T>) cm.lookup(names.get(0));
        return trainer;
    }

    /** How many models the recorded trainer had trained before this one. */
    static int invocationCount(Model<?> model) {
        Map<String, PrimitiveProvenance<?>> values =
                model.getProvenance().getTrainerProvenance().getInstanceValues();
        PrimitiveProvenance<?> count = values.get(TrainerProvenance.TRAIN_INVOCATION_COUNT);
        if (count != null && count.getValue() instanceof Number n) {
            return n.intValue();
        }
        throw new IllegalArgumentException(
                "the model's trainer provenance records no "
                        + TrainerProvenance.TRAIN_INVOCATION_COUNT);
    }

    /** Trains the model's recorded trainer, as it was then, on {@code data}. */
    static <T extends Output<T>> Model<T> retrain(
            Model<T> original, Dataset<T> data, Map<String, Provenance> instance) {
        return trainer(original).train(data, instance, invocationCount(original));
    }
}
