package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.DataQuality;
import dev.autonoc.core.prediction.Evidence;
import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.prediction.Prediction;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TribuoFailurePredictorTest {

    /** Runs the synthetic operator through the predictor, asking atRisk at the end of each tick. */
    static List<Prediction> run(
            SyntheticOperator op, Duration duration, TribuoFailurePredictor predictor) {
        List<Prediction> all = new ArrayList<>();
        Instant[] current = {null};
        op.run(
                duration,
                s -> {
                    if (current[0] != null && !s.at().equals(current[0])) {
                        all.addAll(predictor.atRisk(current[0]));
                    }
                    current[0] = s.at();
                    predictor.observe(s);
                });
        all.addAll(predictor.atRisk(current[0]));
        return all;
    }

    static Optional<Prediction> first(List<Prediction> predictions, String element) {
        return predictions.stream().filter(p -> p.element().value().equals(element)).findFirst();
    }

    /** A core router's fan wearing out from day 1, failing 4 days later. */
    static SyntheticOperator.Fault fanWearOnCoreRouter2() {
        return new SyntheticOperator.Fault(
                ElementId.of("core-rtr-02"),
                FailureMode.FAN_WEAR,
                Duration.ofDays(1),
                Duration.ofDays(4));
    }

    @Test
    void warns_of_a_fan_wearing_out_on_a_core_router_days_ahead_names_the_mode_and_explains_it() {
        SyntheticOperator.Fault fault = fanWearOnCoreRouter2();
        SyntheticOperator op =
                new SyntheticOperator(7, List.of(fault), List.of(), Duration.ofMinutes(15));
        ModelBundle bundle = SyntheticModels.bundle();
        TribuoFailurePredictor predictor = new TribuoFailurePredictor(op.elements, bundle);

        List<Prediction> predictions = run(op, Duration.ofDays(5), predictor);

        Prediction warning = first(predictions, "core-rtr-02").orElseThrow();
        Duration lead = Duration.between(warning.at(), fault.failsAt());
        assertThat(lead).isGreaterThanOrEqualTo(Duration.ofHours(36));
        assertThat(warning.mode()).isEqualTo(FailureMode.FAN_WEAR);
        assertThat(warning.probability()).isGreaterThanOrEqualTo(bundle.calibratedThreshold());
        assertThat(predictor.rawScore(fault.element()).orElseThrow())
                .isGreaterThanOrEqualTo(bundle.threshold() * AlarmGate.RELEASE);
        assertThat(warning.timeToFailure())
                .isLessThanOrEqualTo(lead.multipliedBy(12).dividedBy(10));
        assertThat(warning.modelVersion())
                .isEqualTo(bundle.version())
                .isEqualTo(predictor.modelVersion());
        assertThat(warning.evidence()).isNotEmpty();
        assertThat(warning.evidence())
                .extracting(Evidence::explanation)
                .anyMatch(words -> words.contains("fan rpm") || words.contains("temperature"));
        assertThat(predictions).allMatch(p -> p.element().value().equals("core-rtr-02"));
    }

    /**
     * An alarm standing when the element's data stop stands through the gap and through the
     * settling after it (docs/data-quality.md): the windows that span the gap may neither raise an
     * alarm nor clear one.
     */
    @Test
    void an_alarm_standing_before_a_gap_stands_while_the_element_settles() {
        SyntheticOperator.Fault fault = fanWearOnCoreRouter2();
        ModelBundle bundle = SyntheticModels.bundle();
        SyntheticOperator op =
                new SyntheticOperator(7, List.of(fault), List.of(), Duration.ofMinutes(15));
        Prediction warning =
                first(
                                run(
                                        op,
                                        Duration.ofDays(5),
                                        new TribuoFailurePredictor(op.elements, bundle)),
                                "core-rtr-02")
                        .orElseThrow();
        Instant silentFrom = warning.at().plus(Duration.ofHours(1));
        Instant back = silentFrom.plus(Duration.ofHours(4));
        TribuoFailurePredictor predictor = new TribuoFailurePredictor(op.elements, bundle);
        List<Instant> settlingAlarmed = new ArrayList<>();
        List<Instant> settlingNotAlarmed = new ArrayList<>();
        Instant[] current = {null};
        new SyntheticOperator(7, List.of(fault), List.of(), Duration.ofMinutes(15))
                .run(
                        Duration.between(SyntheticOperator.EPOCH, back.plus(Duration.ofHours(6))),
                        s -> {
                            Instant now = current[0];
                            if (now != null && !s.at().equals(now)) {
                                boolean alarmed =
                                        first(predictor.atRisk(now), "core-rtr-02").isPresent();
                                boolean settling =
                                        predictor
                                                        .dataQuality(fault.element(), now)
                                                        .orElseThrow()
                                                        .state()
                                                == DataQuality.State.SETTLING;
                                if (settling) {
                                    (alarmed ? settlingAlarmed : settlingNotAlarmed).add(now);
                                }
                            }
                            current[0] = s.at();
                            boolean silent =
                                    s.element().equals(fault.element())
                                            && !s.at().isBefore(silentFrom)
                                            && s.at().isBefore(back);
                            if (!silent) {
                                predictor.observe(s);
                            }
                        });

        assertThat(settlingAlarmed).as("settling and alarmed").hasSizeGreaterThan(12);
        assertThat(settlingNotAlarmed).as("settling, the alarm dropped").isEmpty();
    }

    @Test
    void names_a_memory_leak_and_an_ageing_laser_by_their_modes() {
        SyntheticOperator op =
                new SyntheticOperator(
                        9,
                        List.of(
                                new SyntheticOperator.Fault(
                                        ElementId.of("core-rtr-01"),
                                        FailureMode.MEMORY_LEAK,
                                        Duration.ofHours(12),
                                        Duration.ofHours(84)),
                                new SyntheticOperator.Fault(
                                        ElementId.of("link-agg-rtr-03-core-rtr-02"),
                                        FailureMode.LASER_AGING,
                                        Duration.ofDays(1),
                                        Duration.ofDays(5))),
                        List.of(),
                        Duration.ofMinutes(15));
        TribuoFailurePredictor predictor =
                new TribuoFailurePredictor(op.elements, SyntheticModels.bundle());

        List<Prediction> predictions = run(op, Duration.ofDays(6), predictor);

        assertThat(first(predictions, "core-rtr-01").orElseThrow().mode())
                .isEqualTo(FailureMode.MEMORY_LEAK);
        Prediction laser = first(predictions, "link-agg-rtr-03-core-rtr-02").orElseThrow();
        assertThat(laser.mode()).isEqualTo(FailureMode.LASER_AGING);
        assertThat(laser.evidence().get(0).explanation())
                .containsAnyOf("optical power", "bit error rate");
    }

    @Test
    void a_quiet_network_in_a_two_day_heatwave_raises_no_alarm_at_all() {
        SyntheticOperator op =
                new SyntheticOperator(
                        11,
                        List.of(),
                        List.of(
                                new SyntheticOperator.Heatwave(
                                        "north", Duration.ofDays(2), Duration.ofDays(4), 12)),
                        Duration.ofMinutes(15));
        TribuoFailurePredictor predictor =
                new TribuoFailurePredictor(op.elements, SyntheticModels.bundle());

        List<Prediction> predictions = run(op, Duration.ofDays(6), predictor);

        assertThat(predictions).isEmpty();
        // it did score the elements: silence is the model's answer, not a predictor asleep
        assertThat(predictor.probability(ElementId.of("core-rtr-01"))).isPresent();
    }

    @Test
    void an_element_is_not_scored_before_it_has_been_watched_long_enough() {
        SyntheticOperator op =
                new SyntheticOperator(3, List.of(), List.of(), Duration.ofMinutes(15));
        TribuoFailurePredictor predictor =
                new TribuoFailurePredictor(op.elements, SyntheticModels.bundle());
        List<TelemetrySample> firstHour = new ArrayList<>();
        op.run(Duration.ofHours(1), firstHour::add);
        firstHour.forEach(predictor::observe);

        assertThat(predictor.atRisk(SyntheticOperator.EPOCH.plus(Duration.ofHours(1)))).isEmpty();
        assertThat(predictor.probability(ElementId.of("core-rtr-01"))).isEmpty();
    }

    @Test
    void refuses_settings_for_another_horizon_than_the_models() {
        ModelBundle bundle = SyntheticModels.bundle();
        PredictorSettings other =
                new PredictorSettings(
                        Duration.ofHours(24), 0.5, Duration.ofHours(1), 3, Duration.ofHours(1));
        assertThatThrownBy(
                        () ->
                                new TribuoFailurePredictor(
                                        SyntheticOperator.topology(), bundle, other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT48H");
    }
}
