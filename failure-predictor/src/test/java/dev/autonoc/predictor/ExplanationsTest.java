package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.prediction.Evidence;
import dev.autonoc.core.telemetry.Metric;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ExplanationsTest {

    /**
     * The evidence picked one feature at a time is what sorting every feature by its contribution
     * (largest first, ties by index) and walking the order gave, for any terms: ties, zeros of
     * either sign, negative ones, NaN and infinities among them.
     */
    @Property(tries = 500)
    void the_top_evidence_is_that_of_the_whole_vector_sorted(
            @ForAll("terms") double[] contributions, @ForAll @IntRange(min = 0, max = 6) int n) {
        double[] raw = new double[contributions.length];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = i * 0.37 - 5.0;
        }
        assertThat(Explanations.top(Family.NODE, raw, contributions, n))
                .isEqualTo(topBySorting(raw, contributions, n));
    }

    @Provide
    Arbitrary<double[]> terms() {
        int d = FeatureExtractor.featureNames(Family.NODE).size();
        Arbitrary<Double> term =
                Arbitraries.frequencyOf(
                        Tuple.of(6, Arbitraries.doubles().between(-3, 3)),
                        Tuple.of(
                                3,
                                Arbitraries.of(
                                        0.0,
                                        -0.0,
                                        0.5,
                                        -0.5,
                                        Double.NaN,
                                        Double.POSITIVE_INFINITY,
                                        Double.NEGATIVE_INFINITY)));
        return term.array(double[].class).ofSize(d);
    }

    /** The way the evidence was chosen before: the whole vector sorted, boxed. */
    private static List<Evidence> topBySorting(double[] raw, double[] contributions, int n) {
        List<Integer> order =
                IntStream.range(0, contributions.length)
                        .boxed()
                        .sorted(
                                Comparator.comparingDouble((Integer i) -> -contributions[i])
                                        .thenComparingInt(i -> i))
                        .toList();
        List<Metric> metrics = Family.NODE.metrics();
        List<Evidence> out = new ArrayList<>();
        for (int i : order) {
            if (out.size() == n || (contributions[i] <= 0 && !out.isEmpty())) {
                break;
            }
            if (i >= metrics.size() * FeatureKind.COUNT) {
                int context = i - metrics.size() * FeatureKind.COUNT;
                out.add(
                        new Evidence(
                                FeatureExtractor.CONTEXT.get(context),
                                raw[i],
                                contributions[i],
                                Explanations.contextWords(context, raw[i])));
                continue;
            }
            Metric metric = metrics.get(i / FeatureKind.COUNT);
            FeatureKind kind = FeatureKind.values()[i % FeatureKind.COUNT];
            out.add(
                    new Evidence(
                            FeatureExtractor.name(metric, kind),
                            raw[i],
                            contributions[i],
                            Explanations.words(Family.NODE, metric, kind, raw)));
        }
        return out;
    }

    /**
     * The words are written in {@link Explanations#NUMBERS} for speed; they must read as they did
     * in {@code Locale.ROOT}, whatever the number (NaN, infinities, signed zeros, the tiny and the
     * huge included), on every format the words use.
     */
    @Property(tries = 2000)
    void numbers_in_the_words_read_as_in_the_root_locale(@ForAll double v) {
        for (String format :
                List.of(
                        "%.0f",
                        "%.1f",
                        "%.0f %%",
                        "%.1e",
                        "%.1f °C %s than its region's peers",
                        "an element within two hops was out of service %.0f h ago")) {
            assertThat(String.format(Explanations.NUMBERS, format, v, "hotter"))
                    .as(format)
                    .isEqualTo(String.format(Locale.ROOT, format, v, "hotter"));
        }
    }

    /**
     * The words' numbers written without the {@code Formatter} read exactly as it writes them: on
     * any double (NaN, infinities, signed zeros, the tiny and the huge), on values near a half of
     * the last digit kept (where the two could round apart: the nearest doubles to {@code k/10 +
     * 0.05} and {@code k + 0.5}, and a few ulps either side), and on ordinary feature values.
     */
    @Property(tries = 3000)
    void numbers_written_without_the_formatter_read_as_it_writes_them(@ForAll("numbers") double v) {
        assertThat(Explanations.fixed(v, 0)).isEqualTo(String.format(Locale.ROOT, "%.0f", v));
        assertThat(Explanations.fixed(v, 1)).isEqualTo(String.format(Locale.ROOT, "%.1f", v));
    }

    @Provide
    Arbitrary<Double> numbers() {
        Arbitrary<Double> halves =
                Arbitraries.integers()
                        .between(-200_000, 200_000)
                        .flatMap(
                                k ->
                                        Arbitraries.integers()
                                                .between(-70, 70)
                                                .map(ulps -> nearHalf(k, ulps)));
        return Arbitraries.frequencyOf(
                Tuple.of(3, halves),
                Tuple.of(3, Arbitraries.doubles().between(-1000, 1000).ofScale(6)),
                Tuple.of(1, Arbitraries.doubles().between(-1e-3, 1e-3).ofScale(12)),
                Tuple.of(1, Arbitraries.longs().map(Double::longBitsToDouble)),
                Tuple.of(
                        1,
                        Arbitraries.of(
                                0.0,
                                -0.0,
                                0.05,
                                -0.05,
                                0.5,
                                -0.5,
                                9.95,
                                99.95,
                                1e15,
                                -1e15,
                                Double.MIN_VALUE,
                                Double.MAX_VALUE,
                                Double.NaN,
                                Double.POSITIVE_INFINITY,
                                Double.NEGATIVE_INFINITY)));
    }

    /**
     * A few ulps from a half of the last digit kept: {@code k/2 + 0.5} (a half of a whole number)
     * for even {@code k}, {@code k/10 + 0.05} (a half of a tenth) for odd.
     */
    private static double nearHalf(int k, int ulps) {
        double x = k % 2 == 0 ? k / 2.0 + 0.5 : k / 10.0 + 0.05;
        for (int i = 0; i < Math.abs(ulps); i++) {
            x = ulps > 0 ? Math.nextUp(x) : Math.nextDown(x);
        }
        return x;
    }

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
