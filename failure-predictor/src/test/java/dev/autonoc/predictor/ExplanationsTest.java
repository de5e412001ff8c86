package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.prediction.Evidence;
import dev.autonoc.core.telemetry.Metric;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplanationsTest {

    static double[] node(Object... metricKindValue) {
        double[] raw = new double[FeatureExtractor.featureNames(Family.NODE).size()];
        for (int i = 0; i < metricKindValue.length; i += 3) {
            raw[
                            FeatureExtractor.index(
                                    Family.NODE,
                                    (Metric) metricKindValue[i],
                                    (FeatureKind) metricKindValue[i + 1])] =
                    (Double) metricKindValue[i + 2];
        }
        return raw;
    }

    @Test
    void
            a_fan_below_its_baseline_still_falling_and_below_its_peers_reads_as_an_operator_would_say_it() {
        double[] raw =
                node(
                        Metric.FAN_RPM,
                        FeatureKind.DEV_OWN_24H,
                        -18.2,
                        Metric.FAN_RPM,
                        FeatureKind.SLOPE_24H,
                        -4.0,
                        Metric.FAN_RPM,
                        FeatureKind.PEER_DEV_24H,
                        -15.4);
        assertThat(Explanations.words(Family.NODE, Metric.FAN_RPM, FeatureKind.PEER_DEV_24H, raw))
                .isEqualTo(
                        "fan rpm 18 % below its own 7-day baseline and falling; 15 % lower than its region's peers");
    }

    @Test
    void a_hot_element_is_compared_with_its_own_history_and_its_regions_peers_in_degrees() {
        double[] raw =
                node(
                        Metric.TEMPERATURE_C,
                        FeatureKind.DEV_OWN_6H,
                        11.0,
                        Metric.TEMPERATURE_C,
                        FeatureKind.PEER_DEV_6H,
                        9.04);
        assertThat(
                        Explanations.words(
                                Family.NODE, Metric.TEMPERATURE_C, FeatureKind.PEER_DEV_6H, raw))
                .isEqualTo(
                        "temperature 11.0 °C above its own 7-day baseline; 9.0 °C hotter than its region's peers");
    }

    @Test
    void each_feature_kind_names_its_metric_in_words() {
        double[] raw = node();
        for (FeatureKind kind : FeatureKind.values()) {
            String words = Explanations.words(Family.NODE, Metric.PSU_VOLTAGE_RIPPLE_MV, kind, raw);
            assertThat(words).as(kind.name()).contains("PSU voltage ripple");
        }
        double[] link = new double[FeatureExtractor.featureNames(Family.LINK).size()];
        link[FeatureExtractor.index(Family.LINK, Metric.PRE_FEC_BER, FeatureKind.LEVEL_1H)] = -5.0;
        assertThat(Explanations.words(Family.LINK, Metric.PRE_FEC_BER, FeatureKind.LEVEL_1H, link))
                .isEqualTo("pre-FEC bit error rate at 1.0e-05 (1 h mean)");
    }

    @Test
    void the_evidence_is_the_features_that_pushed_hardest_towards_failure_strongest_first() {
        int n = FeatureExtractor.featureNames(Family.LINK).size();
        double[] raw = new double[n];
        double[] contributions = new double[n];
        int rx =
                FeatureExtractor.index(
                        Family.LINK, Metric.OPTICAL_RX_DBM, FeatureKind.PEER_DEV_24H);
        int ber = FeatureExtractor.index(Family.LINK, Metric.PRE_FEC_BER, FeatureKind.SLOPE_24H);
        raw[FeatureExtractor.index(Family.LINK, Metric.OPTICAL_RX_DBM, FeatureKind.DEV_OWN_24H)] =
                -4.5;
        raw[rx] = -4.2;
        contributions[rx] = 2.0;
        raw[ber] = 1.2;
        contributions[ber] = 3.0;
        contributions[0] = -5.0; // pushed away from failure: not evidence for it

        List<Evidence> evidence = Explanations.top(Family.LINK, raw, contributions, 3);

        assertThat(evidence)
                .extracting(Evidence::feature)
                .containsExactly("pre_fec_ber.slope_24h", "optical_rx_dbm.peer_dev_24h");
        assertThat(evidence.get(1).explanation())
                .isEqualTo(
                        "received optical power 4.5 dB below its own 7-day baseline; 4.2 dB lower than its region's peers");
        assertThat(evidence.get(0).contribution()).isEqualTo(3.0);
    }
}
