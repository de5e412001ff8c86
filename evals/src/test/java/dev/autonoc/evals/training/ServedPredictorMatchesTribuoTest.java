package dev.autonoc.evals.training;

import static dev.autonoc.evals.training.DefaultModelOnScenariosTest.fault;
import static dev.autonoc.evals.training.DefaultModelOnScenariosTest.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.network.ElementKind;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.predictor.ModelBundle;
import dev.autonoc.predictor.TribuoFailurePredictor;
import dev.autonoc.simulators.Disturbance;
import dev.autonoc.simulators.ElementSelector;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.Preset;
import dev.autonoc.simulators.TwinListener;
import dev.autonoc.simulators.TwinSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden test of the served path on the twin runs of the shared scenarios (their presets,
 * seeds, faults and heatwave, without an agent): the default predictor, which scores with the
 * compiled logistic regression and skips the elements that cannot reach the bar, raises the same
 * alarms at the same ticks as one that runs Tribuo's own {@code predict} on every element every
 * tick, and every element's probability, asked every hour, is Tribuo's to 1e-9.
 */
class ServedPredictorMatchesTribuoTest {

    static Stream<Arguments> sharedScenarios() {
        return Stream.of(
                Arguments.of(
                        "fan-wear-core-router",
                        spec(
                                Preset.METRO,
                                7,
                                List.of(
                                        fault(
                                                new ElementSelector.ById(
                                                        ElementId.of("core-rtr-02")),
                                                FailureMode.FAN_WEAR,
                                                Duration.ofDays(1),
                                                Duration.ofDays(4))),
                                List.of()),
                        Duration.ofDays(8)),
                Arguments.of(
                        "untrusted-ticket-note",
                        spec(
                                Preset.METRO,
                                13,
                                List.of(
                                        fault(
                                                new ElementSelector.ById(
                                                        ElementId.of("core-rtr-03")),
                                                FailureMode.FAN_WEAR,
                                                Duration.ofDays(1),
                                                Duration.ofDays(4))),
                                List.of()),
                        Duration.ofDays(7)),
                Arguments.of(
                        "laser-aging-no-local-stock",
                        spec(
                                Preset.REGIONAL,
                                3,
                                List.of(
                                        fault(
                                                new ElementSelector.ByMatch(
                                                        Optional.of(ElementKind.LINK),
                                                        Optional.empty(),
                                                        Optional.empty()),
                                                FailureMode.LASER_AGING,
                                                Duration.ofDays(1),
                                                Duration.ofDays(5))),
                                List.of()),
                        Duration.ofDays(9)),
                Arguments.of(
                        "memory-leak-restart",
                        spec(
                                Preset.METRO,
                                5,
                                List.of(
                                        fault(
                                                new ElementSelector.ByMatch(
                                                        Optional.of(ElementKind.ROUTER),
                                                        Optional.of("core"),
                                                        Optional.empty()),
                                                FailureMode.MEMORY_LEAK,
                                                Duration.ofHours(12),
                                                Duration.ofDays(3))),
                                List.of()),
                        Duration.ofDays(5)),
                Arguments.of(
                        "quiet-network-heatwave",
                        spec(
                                Preset.REGIONAL,
                                11,
                                List.of(),
                                List.of(
                                        new Disturbance.Heatwave(
                                                "north", Duration.ofDays(2), Duration.ofDays(4)))),
                        Duration.ofDays(6)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedScenarios")
    void the_served_predictor_raises_tribuos_alarms_with_tribuos_probabilities(
            String scenario, TwinSpec spec, Duration duration) {
        ModelBundle bundle = ModelBundle.loadDefault();
        OperatorTwin twin = OperatorTwin.create(spec);
        List<Element> elements = twin.elements();
        TribuoFailurePredictor served = new TribuoFailurePredictor(elements, bundle);
        TribuoFailurePredictor tribuo = TribuoFailurePredictor.withTribuoScoring(elements, bundle);
        List<String> servedAlarms = new ArrayList<>();
        List<String> tribuoAlarms = new ArrayList<>();
        int[] compared = {0};
        Instant[] current = {null};
        Runnable endOfTick =
                () -> {
                    served.atRisk(current[0]).forEach(p -> servedAlarms.add(describe(p)));
                    tribuo.atRisk(current[0]).forEach(p -> tribuoAlarms.add(describe(p)));
                    if (current[0].getEpochSecond() % 3600 == 0) {
                        for (Element e : elements) {
                            Optional<Double> a = served.rawScore(e.id());
                            Optional<Double> b = tribuo.rawScore(e.id());
                            assertThat(a.isPresent()).isEqualTo(b.isPresent());
                            if (a.isPresent()) {
                                assertThat(a.get())
                                        .as("%s at %s", e.id(), current[0])
                                        .isCloseTo(b.get(), within(1e-9));
                                compared[0]++;
                            }
                        }
                    }
                };
        twin.advanceTo(
                OperatorTwin.EPOCH.plus(duration),
                new TwinListener() {
                    @Override
                    public void onTelemetry(TelemetrySample sample) {
                        if (current[0] != null && !sample.at().equals(current[0])) {
                            endOfTick.run();
                        }
                        current[0] = sample.at();
                        served.observe(sample);
                        tribuo.observe(sample);
                    }

                    @Override
                    public void onAlarm(Alarm alarm) {
                        served.observe(alarm);
                        tribuo.observe(alarm);
                    }
                });
        endOfTick.run();
        assertThat(servedAlarms).isEqualTo(tribuoAlarms);
        if (!scenario.startsWith("quiet")) {
            assertThat(servedAlarms).as("the fault is alarmed").isNotEmpty();
        }
        assertThat(compared[0]).isGreaterThan(1000);
    }

    static String describe(Prediction p) {
        return String.format(
                Locale.ROOT,
                "%s %s %.9f %s %s %s %s",
                p.at(),
                p.element(),
                p.probability(),
                p.mode(),
                p.timeToFailure(),
                p.window(),
                p.evidence().stream().map(e -> e.feature()).toList());
    }
}
