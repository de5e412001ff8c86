package dev.autonoc.service.connected;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.predictor.ModelBundle;
import dev.autonoc.predictor.TribuoFailurePredictor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ConnectedNetwork} over the default model's predictor, no loop behind it, that keeps a
 * hand on every predictor its factory builds (a rebuild that carries the predictor over builds
 * none).
 */
final class PredictedNetwork {

    static final ModelBundle MODEL = ModelBundle.loadDefault();

    final List<TribuoFailurePredictor> built = new ArrayList<>();
    final ConnectedNetwork network;

    PredictedNetwork(List<Element> elements, Clock clock) {
        network =
                new ConnectedNetwork(
                        elements,
                        e -> {
                            TribuoFailurePredictor p = new TribuoFailurePredictor(e, MODEL);
                            built.add(p);
                            return p;
                        },
                        clock,
                        Duration.ofMinutes(5),
                        now -> {});
    }

    /** The predictor the factory built last. */
    TribuoFailurePredictor predictor() {
        return built.get(built.size() - 1);
    }

    /** What the network's predictor answers at {@code now}, as the loop would ask it. */
    List<Prediction> atRisk(Instant now) {
        return network.predictor().atRisk(now);
    }
}
