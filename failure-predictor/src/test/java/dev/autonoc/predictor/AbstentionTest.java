package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.prediction.DataQuality;
import dev.autonoc.core.prediction.DataQuality.State;
import dev.autonoc.core.telemetry.Metric;
import dev.autonoc.core.telemetry.TelemetrySample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The predictor knows what it does not know: an element whose data are not good enough is an
 * abstention with its reason, never a quiet score read as health.
 */
class AbstentionTest {

    private static final ElementId ROUTER = ElementId.of("agg-rtr-02");

    /** Runs a quiet synthetic network for two days through {@code bend}; the last tick's time. */
    private static Instant run(
            TribuoFailurePredictor predictor, UnaryOperator<TelemetrySample> bend) {
        SyntheticOperator op =
                new SyntheticOperator(5, List.of(), List.of(), Duration.ofMinutes(15));
        Instant[] current = {null};
        op.run(
                Duration.ofDays(2),
                s -> {
                    if (current[0] != null && !s.at().equals(current[0])) {
                        predictor.atRisk(current[0]);
                    }
                    current[0] = s.at();
                    TelemetrySample b = bend.apply(s);
                    if (b != null) {
                        predictor.observe(b);
                    }
                });
        predictor.atRisk(current[0]);
        return current[0];
    }

    private static TribuoFailurePredictor predictor() {
        SyntheticOperator op =
                new SyntheticOperator(5, List.of(), List.of(), Duration.ofMinutes(15));
        return new TribuoFailurePredictor(op.elements, SyntheticModels.bundle());
    }

    @Test
    void clean_data_gives_no_abstention_and_fresh_quality() {
        TribuoFailurePredictor p = predictor();
        Instant end = run(p, s -> s);

        assertThat(p.abstentions(end)).isEmpty();
        assertThat(p.dataQuality(ROUTER, end).orElseThrow().state()).isEqualTo(State.FRESH);
    }

    @Test
    void an_element_gone_silent_is_an_abstention_not_a_healthy_element() {
        TribuoFailurePredictor p = predictor();
        Instant cut = SyntheticOperator.EPOCH.plus(Duration.ofHours(40));
        Instant end = run(p, s -> s.element().equals(ROUTER) && !s.at().isBefore(cut) ? null : s);

        List<DataQuality> abstained = p.abstentions(end);
        assertThat(abstained).extracting(DataQuality::element).containsExactly(ROUTER);
        assertThat(abstained.get(0).state()).isEqualTo(State.GAPPY);
        assertThat(abstained.get(0).reason()).contains("nothing since");
        assertThat(abstained.get(0).lastSampleAt()).contains(cut.minus(Duration.ofMinutes(15)));
    }

    @Test
    void a_stuck_fan_reading_is_an_abstention_naming_the_metric() {
        TribuoFailurePredictor p = predictor();
        Instant from = SyntheticOperator.EPOCH.plus(Duration.ofHours(40));
        Instant end =
                run(
                        p,
                        s -> {
                            if (s.element().equals(ROUTER) && !s.at().isBefore(from)) {
                                double[] v = s.values().clone();
                                v[Metric.FAN_RPM.ordinal()] = 6543.21;
                                return new TelemetrySample(s.element(), s.at(), v);
                            }
                            return s;
                        });

        List<DataQuality> abstained = p.abstentions(end);
        assertThat(abstained).extracting(DataQuality::element).containsExactly(ROUTER);
        assertThat(abstained.get(0).state()).isEqualTo(State.STUCK);
        assertThat(abstained.get(0).reason()).contains("fan_rpm");
    }

    @Test
    void absurd_spikes_do_not_move_the_score() {
        TribuoFailurePredictor clean = predictor();
        TribuoFailurePredictor spiky = predictor();
        run(clean, s -> s);
        int[] n = {0};
        run(
                spiky,
                s -> {
                    if (s.element().equals(ROUTER) && n[0]++ % 7 == 3) {
                        double[] v = s.values().clone();
                        v[Metric.TEMPERATURE_C.ordinal()] *= 60;
                        return new TelemetrySample(s.element(), s.at(), v);
                    }
                    return s;
                });

        assertThat(spiky.rawScore(ROUTER).orElseThrow())
                .isCloseTo(
                        clean.rawScore(ROUTER).orElseThrow(),
                        org.assertj.core.data.Offset.offset(0.05));
        assertThat(spiky.gateCounts().clamped()).isGreaterThan(20);
    }
}
