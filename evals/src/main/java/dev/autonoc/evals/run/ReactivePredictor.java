package dev.autonoc.evals.run;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.Evidence;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.FailurePredictor;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reactive baseline's predictor: it reads no telemetry and sees a failure only once the network
 * raises it. An ELEMENT_DOWN alarm whose cause names a failure mode makes the element certain to
 * fail now (probability 1, time to failure 0); ELEMENT_UP clears it. A down alarm with any other
 * cause (planned work, a restart) is not a failure and is ignored.
 */
final class ReactivePredictor implements FailurePredictor {

    static final String VERSION = "reactive-baseline-1";

    private final Map<ElementId, Down> down = new LinkedHashMap<>();

    private record Down(FailureMode mode, String cause) {}

    @Override
    public String modelVersion() {
        return VERSION;
    }

    @Override
    public void observe(TelemetrySample sample) {
        // by design: the baseline acts on alarms alone
    }

    @Override
    public void observe(Alarm alarm) {
        switch (alarm.kind()) {
            case ELEMENT_DOWN ->
                    FailureMode.fromSymptom(alarm.probableCause())
                            .ifPresent(
                                    mode ->
                                            down.put(
                                                    alarm.element(),
                                                    new Down(mode, alarm.probableCause())));
            case ELEMENT_UP -> down.remove(alarm.element());
        }
    }

    @Override
    public List<Prediction> atRisk(Instant now) {
        List<Prediction> predictions = new ArrayList<>();
        down.forEach(
                (element, d) ->
                        predictions.add(
                                new Prediction(
                                        element,
                                        now,
                                        1.0,
                                        d.mode(),
                                        Duration.ZERO,
                                        List.of(
                                                new Evidence(
                                                        "alarm.element_down",
                                                        1.0,
                                                        1.0,
                                                        "the network reports "
                                                                + element
                                                                + " down: "
                                                                + d.cause())),
                                        VERSION)));
        return predictions;
    }
}
