package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.telemetry.Metric;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * A served extractor keeps only the features its models read ({@link FeatureExtractor#plan}): a
 * metric read through nothing but its 1 h level and 6 h own deviation is updated lean, one not read
 * at all not updated. What the models read, whether the element is drained, and the movement bound
 * must come out to the bit as from an extractor that keeps every feature, or the served
 * probabilities, the alarms and the recorded trails would move.
 */
class LeanFeaturesTest {

    private static final Duration RUN = Duration.ofDays(4);

    @Test
    void the_default_model_reads_the_same_bits_from_a_lean_extractor() {
        ModelBundle bundle = ModelBundle.loadDefault();
        int[][] read = new int[Family.values().length][];
        double[][] sensitivity = new double[Family.values().length][];
        for (Family family : Family.values()) {
            CompiledScorer scorer = new CompiledScorer(bundle.family(family).orElseThrow());
            read[family.ordinal()] = scorer.columns;
            sensitivity[family.ordinal()] = scorer.sensitivity();
        }
        // the default model reads nothing of a link's utilisation, and of the traffic only a
        // node's 6 h deviation: the cuts this test is for
        assertThat(plan(Family.LINK, read, Metric.UTILIZATION)).isEqualTo(ElementFeatures.SKIP);
        assertThat(plan(Family.LINK, read, Metric.TRAFFIC_GBPS)).isEqualTo(ElementFeatures.LEAN);
        assertThat(plan(Family.NODE, read, Metric.TRAFFIC_GBPS)).isEqualTo(ElementFeatures.LEAN);
        assertThat(plan(Family.NODE, read, Metric.FAN_RPM)).isEqualTo(ElementFeatures.FULL);
        assertThat(compare(2_000_011L, read, sensitivity)).isGreaterThan(20_000);
    }

    @Property(tries = 15)
    void what_the_models_read_is_the_same_to_the_bit_whatever_they_read(
            @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[][] read = new int[Family.values().length][];
        double[][] sensitivity = new double[Family.values().length][];
        for (Family family : Family.values()) {
            int metrics = family.metrics().size();
            int width = FeatureExtractor.featureNames(family).size();
            double[] sens = new double[width];
            int[] cols = new int[width];
            int n = 0;
            for (int i = 0; i < metrics; i++) {
                // per metric: read in full, lean (its level or own 6 h deviation only), or not
                int how = rng.nextInt(3);
                for (FeatureKind kind : FeatureKind.values()) {
                    boolean lean = kind == FeatureKind.LEVEL_1H || kind == FeatureKind.DEV_OWN_6H;
                    boolean reads =
                            how == 0
                                    ? rng.nextDouble() < 0.6
                                    : how == 1 && lean && rng.nextBoolean();
                    if (reads) {
                        int c = i * FeatureKind.COUNT + kind.ordinal();
                        cols[n++] = c;
                        sens[c] = rng.nextDouble(0.01, 3);
                    }
                }
            }
            int context = FeatureExtractor.contextIndex(family, FeatureExtractor.NEIGHBOUR_OUT);
            cols[n++] = context;
            sens[context] = rng.nextDouble(0.01, 3);
            read[family.ordinal()] = java.util.Arrays.copyOf(cols, n);
            sensitivity[family.ordinal()] = sens;
        }
        assertThat(compare(seed, read, sensitivity)).isGreaterThan(1_000);
    }

    private static byte plan(Family family, int[][] read, Metric metric) {
        return FeatureExtractor.plan(family, read[family.ordinal()])[
                family.metrics().indexOf(metric)];
    }

    /**
     * Runs a synthetic operator through an extractor keeping every feature and one keeping what
     * {@code read} needs, both tracked with {@code sensitivity}, forgetting the same elements now
     * and then; every two hours compares every read column, the drained flag and the movement of
     * every element. Returns how many values were compared.
     */
    private static int compare(long seed, int[][] read, double[][] sensitivity) {
        SyntheticOperator op = SyntheticOperator.random(seed, 5, RUN);
        FeatureExtractor full = new FeatureExtractor(op.elements);
        FeatureExtractor lean = new FeatureExtractor(op.elements);
        for (Family family : Family.values()) {
            full.track(family, sensitivity[family.ordinal()]);
            lean.track(family, sensitivity[family.ordinal()], read[family.ordinal()]);
        }
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Instant[] current = {null};
        int[] compared = {0};
        op.run(
                RUN,
                s -> {
                    if (current[0] != null && !s.at().equals(current[0])) {
                        full.tick(current[0]);
                        lean.tick(current[0]);
                        if (rng.nextDouble() < 0.01) {
                            ElementFeatures st = full.state(rng.nextInt(full.size()));
                            full.reset(st.id);
                            lean.reset(st.id);
                        }
                        if (current[0].getEpochSecond() % 7_200 == 0) {
                            compared[0] += compareAll(full, lean, read);
                        }
                    }
                    current[0] = s.at();
                    full.observe(s);
                    lean.observe(s);
                });
        return compared[0];
    }

    private static int compareAll(FeatureExtractor full, FeatureExtractor lean, int[][] read) {
        int compared = 0;
        for (int e = 0; e < full.size(); e++) {
            ElementFeatures a = full.state(e);
            ElementFeatures b = lean.state(e);
            double[] va = full.features(a.id);
            double[] vb = lean.features(b.id);
            for (int c : read[a.family.ordinal()]) {
                assertThat(Double.doubleToRawLongBits(vb[c]))
                        .as("%s %s", a.id, FeatureExtractor.featureNames(a.family).get(c))
                        .isEqualTo(Double.doubleToRawLongBits(va[c]));
                compared++;
            }
            assertThat(b.drainedNow).as("%s drained", a.id).isEqualTo(a.drainedNow);
            assertThat(FeatureExtractor.isScorable(b)).isEqualTo(FeatureExtractor.isScorable(a));
            assertThat(Double.doubleToRawLongBits(b.movement))
                    .as("%s movement", a.id)
                    .isEqualTo(Double.doubleToRawLongBits(a.movement));
            assertThat(Double.doubleToRawLongBits(b.group.movement))
                    .as("%s's group's movement", a.id)
                    .isEqualTo(Double.doubleToRawLongBits(a.group.movement));
        }
        return compared;
    }
}
