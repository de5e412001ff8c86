package dev.autonoc.predictor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autonoc.core.prediction.FailureMode;
import dev.autonoc.core.telemetry.Metric;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

class ModeEvidenceTest {

    private static final int NODE_TERMS = FeatureExtractor.featureNames(Family.NODE).size();

    /** Terms on one feature of each named metric, the rest zero. */
    private static double[] terms(Family family, Object... metricAndTerm) {
        double[] c = new double[FeatureExtractor.featureNames(family).size()];
        for (int i = 0; i < metricAndTerm.length; i += 2) {
            Metric m = (Metric) metricAndTerm[i];
            c[FeatureExtractor.index(family, m, FeatureKind.SLOPE_24H)] +=
                    (double) metricAndTerm[i + 1];
        }
        return c;
    }

    @Test
    void a_mode_none_of_the_evidence_shows_gives_way_to_the_mode_that_most_of_it_shows() {
        // seen after a telemetry gap: the ripple was the evidence, the classifier said fan wear
        double[] c =
                terms(
                        Family.NODE,
                        Metric.PSU_VOLTAGE_RIPPLE_MV,
                        9.7,
                        Metric.CRC_ERRORS,
                        2.4,
                        Metric.FAN_RPM,
                        -1.5);

        assertThat(ModeEvidence.reconcile(Family.NODE, FailureMode.FAN_WEAR, c))
                .isEqualTo(FailureMode.PSU_DEGRADATION);
    }

    @Test
    void a_mode_some_of_the_evidence_shows_stands_even_where_another_shows_more() {
        double[] c =
                terms(Family.NODE, Metric.PSU_VOLTAGE_RIPPLE_MV, 7.0, Metric.TEMPERATURE_C, 3.0);

        assertThat(ModeEvidence.reconcile(Family.NODE, FailureMode.FAN_WEAR, c))
                .isEqualTo(FailureMode.FAN_WEAR);
    }

    @Test
    void a_counter_no_mode_shows_names_no_part_but_the_mode_its_companions_show_does() {
        // beside a stuck CRC sensor: the counter and the ripple the evidence, fan wear said
        double[] c =
                terms(
                        Family.NODE,
                        Metric.CRC_ERRORS,
                        4.5,
                        Metric.PSU_VOLTAGE_RIPPLE_MV,
                        5.2,
                        Metric.FAN_RPM,
                        0.4);

        assertThat(ModeEvidence.reconcile(Family.NODE, FailureMode.FAN_WEAR, c))
                .isEqualTo(FailureMode.PSU_DEGRADATION);
    }

    @Test
    void without_a_mode_shown_by_a_fair_part_of_the_evidence_the_classifier_stands() {
        // a noisy counter and the processor are no mode's signs: the memory's small term alone
        // is not enough to name another part
        double[] c =
                terms(
                        Family.NODE,
                        Metric.CRC_ERRORS,
                        6.0,
                        Metric.CPU_UTIL_PCT,
                        3.0,
                        Metric.MEMORY_UTIL_PCT,
                        2.0);

        assertThat(ModeEvidence.reconcile(Family.NODE, FailureMode.FAN_WEAR, c))
                .isEqualTo(FailureMode.FAN_WEAR);
    }

    @Test
    void no_evidence_towards_failure_leaves_the_classifier_as_it_is() {
        double[] c = terms(Family.NODE, Metric.PSU_VOLTAGE_RIPPLE_MV, -4.0);

        assertThat(ModeEvidence.reconcile(Family.NODE, FailureMode.MEMORY_LEAK, c))
                .isEqualTo(FailureMode.MEMORY_LEAK);
        assertThat(ModeEvidence.reconcile(Family.LINK, FailureMode.LASER_AGING, new double[0]))
                .isEqualTo(FailureMode.LASER_AGING);
    }

    /**
     * For any terms: the classifier's mode stands whenever a fifth of the evidence for a mode shows
     * it; a mode put in its place shows at least half of that evidence and a quarter of all the
     * evidence towards failure, and strikes the family (its signs are among the family's metrics).
     */
    @Property(tries = 1000)
    void the_mode_reported_is_the_classifiers_or_one_most_of_the_evidence_shows(
            @ForAll("nodeTerms") double[] c, @ForAll("nodeModes") FailureMode classified) {
        FailureMode reported = ModeEvidence.reconcile(Family.NODE, classified, c);

        double all = 0;
        double forAMode = 0;
        double[] shown = new double[FailureMode.values().length];
        List<Metric> metrics = Family.NODE.metrics();
        for (int i = 0; i < metrics.size() * FeatureKind.COUNT; i++) {
            if (c[i] > 0) {
                all += c[i];
                boolean signed = false;
                for (FailureMode m : FailureMode.values()) {
                    if (m.isShownBy(metrics.get(i / FeatureKind.COUNT))) {
                        shown[m.ordinal()] += c[i];
                        signed = true;
                    }
                }
                if (signed) {
                    forAMode += c[i];
                }
            }
        }
        if (shown[classified.ordinal()] >= ModeEvidence.UNSUPPORTED * forAMode) {
            assertThat(reported).isEqualTo(classified);
        }
        if (reported != classified) {
            assertThat(shown[reported.ordinal()])
                    .isGreaterThanOrEqualTo(ModeEvidence.DOMINANT * forAMode)
                    .isGreaterThanOrEqualTo(ModeEvidence.FAIR_PART * all)
                    .isPositive();
            assertThat(reported).isNotEqualTo(FailureMode.LASER_AGING);
        }
    }

    @Provide
    Arbitrary<double[]> nodeTerms() {
        return Arbitraries.frequencyOf(
                        Tuple.of(3, Arbitraries.doubles().between(-5, 10)),
                        Tuple.of(5, Arbitraries.just(0.0)))
                .array(double[].class)
                .ofSize(NODE_TERMS);
    }

    @Provide
    Arbitrary<FailureMode> nodeModes() {
        return Arbitraries.of(
                FailureMode.FAN_WEAR, FailureMode.PSU_DEGRADATION, FailureMode.MEMORY_LEAK);
    }
}
